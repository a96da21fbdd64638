/**
 * What limited a run's bytes, on the run and compare pages: the dominant
 * bottleneck's timeline as a strip (one colour per resource class, the same
 * class the same colour in every design of a comparison) and, per phase, the
 * share of the bytes each resource limited. Plain HTML and CSS, no script:
 * the strip prints as it shows. Read from RunResult.bottlenecks.
 */
import type { Bottlenecks, PhaseBottleneck, RunResult } from '../sim/foundation/result.ts';
import type { Stretch } from '../sim/foundation/limits.ts';
import { formatDuration, formatPercent, formatSI } from './format.ts';
import { resourceName, stretchName } from './explain-text.ts';
import { escapeHtml, htmlTable, type BodyCell } from './page.ts';

/** Colours a strip cycles through (Okabe-Ito, distinguishable with colour blindness); a class keeps its index. */
const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#999999'];
/** Rows shown per phase before the rest are summed as "others". */
const TOP = 8;

/** Class key -> palette index, in order of first appearance over the given runs. */
function colours(runs: readonly Bottlenecks[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const b of runs) for (const s of b.timeline) if (s.key !== null && !out.has(s.key)) out.set(s.key, out.size % PALETTE.length);
  return out;
}

const when = (s: Stretch): string => `${formatDuration(s.t0)} to ${formatDuration(s.t1)}`;

/** A strip over [0, span] seconds: a segment per stretch, titled with its words. */
function strip(b: Bottlenecks, span: number, colour: ReadonlyMap<string, number>, label: string): string {
  const segs = b.timeline.filter((s) => s.key !== null && s.t1 > s.t0).map((s) => {
    const left = (100 * s.t0) / span, width = (100 * (s.t1 - s.t0)) / span;
    const title = `${when(s)}: ${stretchName(s)}, ${formatPercent(s.bytes / s.moved)} of the ${formatSI(s.moved, 'B')} moved`;
    return `<span class="bn-seg" style="left:${left.toFixed(3)}%;width:${width.toFixed(3)}%;background:${PALETTE[colour.get(s.key!)!]}" title="${escapeHtml(title)}"></span>`;
  });
  return `<div class="bn-strip" role="img" aria-label="${escapeHtml(label)}">${segs.join('')}</div>`;
}

/** The stretches in words, each after its colour. */
function legend(b: Bottlenecks, colour: ReadonlyMap<string, number>): string {
  const items = b.timeline.filter((s) => s.key !== null).map((s) =>
    `<li><span class="swatch box" style="background:${PALETTE[colour.get(s.key!)!]}"></span>${escapeHtml(when(s))}: ${escapeHtml(stretchName(s))} <span class="muted">(${escapeHtml(formatPercent(s.bytes / s.moved))} of the bytes then)</span></li>`);
  return items.length === 0 ? '<p class="muted">Nothing moved.</p>' : `<ul class="legend bn-legend">${items.join('')}</ul>`;
}

/** One phase's resources, most bytes first; past TOP, the rest as one row. */
function phaseRows(p: PhaseBottleneck): BodyCell[][] {
  const shown = p.resources.slice(0, TOP);
  const rest = p.resources.slice(TOP);
  const rows: BodyCell[][] = shown.map((r) => [escapeHtml(resourceName(r.limiter)), shareCell(r.share), escapeHtml(formatSI(r.bytes, 'B'))]);
  if (rest.length > 0) {
    const bytes = rest.reduce((a, r) => a + r.bytes, 0);
    rows.push([`<span class="muted">${rest.length} others</span>`, shareCell(p.moved > 0 ? bytes / p.moved : 0), escapeHtml(formatSI(bytes, 'B'))]);
  }
  return rows;
}

function shareCell(u: number): BodyCell {
  const w = Math.max(0, Math.min(100, u * 100));
  return { html: `<span class="ubar" style="width:${w.toFixed(1)}%"></span><span class="uval">${escapeHtml(formatPercent(u))}</span>`, cls: 'util' };
}

const phaseTitle = (p: PhaseBottleneck): string => (p.phase === 'run' ? 'The whole run' : `${p.phase} (${formatDuration(p.t0)} to ${formatDuration(p.t1)})`);

export function bottleneckSection(r: RunResult): string {
  const b = r.bottlenecks;
  const colour = colours([b]);
  const phases = b.phases.filter((p) => p.moved > 0).map((p) => `<h3>${escapeHtml(phaseTitle(p))}: ${escapeHtml(formatSI(p.moved, 'B'))} moved</h3>
${htmlTable([{ label: 'limited by' }, { label: 'share of the bytes' }, { label: 'bytes', num: true }], phaseRows(p), 'bottleneck')}`);
  return `<section id="bottlenecks"><h2>What limited the bytes</h2>
<p class="muted">Every byte a flow moved was held by one resource: the link its max-min share froze on, its own cap, or its device's law (a tape drive speed-matching a slow feed, named by the feed). The strip shows the resource class that held the most bytes, stretch by stretch.</p>
${strip(b, r.endTime, colour, 'the dominant bottleneck over the run')}
${legend(b, colour)}
${phases.join('\n') || '<p class="muted">Nothing moved over the network.</p>'}
</section>`;
}

/** Per design: its strip on a common time scale, and each phase's bottleneck with its share. */
export function bottleneckCompare(results: readonly RunResult[], labels: readonly string[]): string {
  const colour = colours(results.map((r) => r.bottlenecks));
  const span = Math.max(...results.map((r) => r.endTime), 1e-9);
  const strips = results.map((r, i) => `<h3>${escapeHtml(labels[i])}</h3>\n${strip(r.bottlenecks, span, colour, `the dominant bottleneck of ${labels[i]}`)}\n${legend(r.bottlenecks, colour)}`);
  const phases = [...new Set(results.flatMap((r) => r.bottlenecks.phases.map((p) => p.phase)))];
  const cell = (r: RunResult, phase: string): string => {
    const p = r.bottlenecks.phases.find((x) => x.phase === phase);
    if (p === undefined || !(p.moved > 0)) return '—';
    return p.resources.slice(0, 3).map((x) => `${escapeHtml(formatPercent(x.share))} ${escapeHtml(resourceName(x.limiter))}`).join('<br>')
      + (p.resources.length > 3 ? `<br><span class="muted">and ${p.resources.length - 3} more</span>` : '');
  };
  const table = htmlTable(
    [{ label: 'phase' }, ...labels.map((l) => ({ label: l }))],
    phases.map((ph) => [escapeHtml(ph === 'run' ? 'whole run' : ph), ...results.map((r) => cell(r, ph))]),
    'bottleneck-compare',
  );
  return `<section id="bottlenecks"><h2>What limited each design</h2>
<p class="muted">The dominant bottleneck over time, on one time scale (a resource class keeps its colour across designs), then the share of each phase's bytes the top resources limited.</p>
${strips.join('\n')}
${table}
</section>`;
}
