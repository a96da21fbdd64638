/**
 * The report of `backlab sensitivity`: per design a tornado chart (the
 * metric with each assumption at its low and high end, widest swing first)
 * drawn as inline SVG, the verdict on the ranking of the designs, and the
 * numbers as CSV (tornado.csv, samples.csv).
 */
import { tableUnique, type Column } from './csv.ts';
import { formatQuantity } from './format.ts';
import { escapeHtml, htmlTable, renderPage } from './page.ts';

export interface TornadoBar {
  name: string;
  unsourced: boolean;
  /** the assumption's value at each end, as read */
  lowText: string;
  highText: string;
  /** the metric with the assumption at each end */
  low: number;
  high: number;
}

export interface SensitivityReport {
  scenario: string;
  file: string;
  metric: string;
  unit: string;
  /** ± share of each value, for those without a published spread */
  range: number;
  seed: number;
  designs: { label: string; base: number; bars: TornadoBar[] }[];
  /** the ranking of the designs (best first, ties as '='), at the base and at each assumption's ends; absent for one design */
  ranking?: { base: string; ends: { name: string; lowText: string; low: string; highText: string; high: string }[] };
  verdict: string[];
  /** per Latin-hypercube sample: each assumption's factor and each design's metric */
  samples: { factors: number[]; values: number[] }[];
  names: string[];
}

const swing = (b: TornadoBar): number => Math.abs(b.high - b.low);

/** Widest swing first: the order a tornado is read in. */
export const tornadoOrder = (bars: readonly TornadoBar[]): TornadoBar[] => [...bars].sort((a, b) => swing(b) - swing(a));

function tornadoSvg(base: number, bars: readonly TornadoBar[], unit: string): string {
  const rowH = 22, left = 330, width = 420, right = 170;
  const xs = bars.flatMap((b) => [b.low, b.high]).concat(base);
  const lo = Math.min(...xs), hi = Math.max(...xs);
  const x = (v: number): number => left + (hi === lo ? width / 2 : ((v - lo) / (hi - lo)) * width);
  const rows = bars.map((b, i) => {
    const y = 20 + i * rowH;
    const a = Math.min(x(b.low), x(b.high)), w = Math.max(1, Math.abs(x(b.high) - x(b.low)));
    return `<text x="${left - 6}" y="${y + 14}" text-anchor="end"${b.unsourced ? ' font-weight="bold"' : ''}>${escapeHtml(b.name)}</text>
<rect x="${a}" y="${y + 3}" width="${w}" height="${rowH - 6}" fill="${b.unsourced ? '#d62728' : '#1f77b4'}" opacity="0.75"><title>${escapeHtml(`${b.lowText}: ${formatQuantity(b.low, unit)}; ${b.highText}: ${formatQuantity(b.high, unit)}`)}</title></rect>
<text x="${left + width + 6}" y="${y + 14}">${escapeHtml(`${formatQuantity(b.low, unit)} … ${formatQuantity(b.high, unit)}`)}</text>`;
  });
  const h = 30 + bars.length * rowH;
  return `<svg class="tornado" viewBox="0 0 ${left + width + right} ${h}" width="${left + width + right}" height="${h}" font-size="12">
<line x1="${x(base)}" x2="${x(base)}" y1="10" y2="${h - 5}" stroke="#333" stroke-dasharray="3,2"/>
<text x="${x(base)}" y="10" text-anchor="middle">base ${escapeHtml(formatQuantity(base, unit))}</text>
${rows.join('\n')}
</svg>`;
}

/** The ranking at each assumption's ends, a changed one marked: the table behind the verdict. */
function rankingTable(r: SensitivityReport): string {
  if (r.ranking === undefined) return '';
  const base = r.ranking.base;
  const cell = (text: string): string | { html: string; cls: string } => (text === base ? escapeHtml(text) : { html: `<strong>${escapeHtml(text)}</strong>`, cls: 'fail' });
  return `<p>At the base: <strong>${escapeHtml(base)}</strong>. At each assumption's ends (a changed ranking in bold):</p>
${htmlTable([{ label: 'assumption' }, { label: 'low' }, { label: 'ranking' }, { label: 'high' }, { label: 'ranking' }],
    r.ranking.ends.map((e) => [`<code>${escapeHtml(e.name)}</code>`, escapeHtml(e.lowText), cell(e.low), escapeHtml(e.highText), cell(e.high)]), 'ranking-ends')}`;
}

/** The verdict, the ranking at every end and a tornado per design: the sensitivity page's body, and a section of the compare report. */
export function sensitivitySection(r: SensitivityReport, heading = 'h2'): string {
  const sub = heading === 'h2' ? 'h3' : 'h4';
  const designs = r.designs.map((d) => {
    const bars = tornadoOrder(d.bars);
    return `<section class="design"><${sub}>${escapeHtml(d.label)} <span class="muted">· ${escapeHtml(r.metric)} ${escapeHtml(formatQuantity(d.base, r.unit))} at the base</span></${sub}>
${bars.length ? tornadoSvg(d.base, bars, r.unit) : '<p class="muted">No assumption to vary.</p>'}
${htmlTable([{ label: 'assumption' }, { label: 'low' }, { label: r.metric, num: true }, { label: 'high' }, { label: r.metric, num: true }],
    bars.map((b) => [`<code>${escapeHtml(b.name)}</code>${b.unsourced ? ' <strong>UNSOURCED</strong>' : ''}`, escapeHtml(b.lowText), escapeHtml(formatQuantity(b.low, r.unit)), escapeHtml(b.highText), escapeHtml(formatQuantity(b.high, r.unit))]), 'tornado')}
</section>`;
  });
  return `<section id="verdict"><${heading}>Does the ranking hold?</${heading}>
<p class="muted">${escapeHtml(r.metric)}: each assumption to its low and high end one at a time (a published figure within its published range, any other ± ${Math.round(r.range * 100)}% of its value, never past what its field accepts), and ${r.samples.length} Latin-hypercube samples over all of them (seed ${escapeHtml(r.seed)}); red bars are UNSOURCED assumptions, the numbers are in tornado.csv and samples.csv</p>
${r.verdict.length ? `<ul>${r.verdict.map((v) => `<li>${escapeHtml(v)}</li>`).join('')}</ul>` : '<p class="muted">One design: nothing to rank.</p>'}
${rankingTable(r)}
</section>
${designs.join('\n')}`;
}

export function renderSensitivityReport(r: SensitivityReport): string {
  const body = `<header>
<h1>${escapeHtml(r.scenario)} <span class="muted">· sensitivity of ${escapeHtml(r.metric)}</span></h1>
<dl class="facts"><dt>file</dt><dd>${escapeHtml(r.file)}</dd></dl>
</header>
${sensitivitySection(r)}`;
  return renderPage({ title: `${r.scenario} · backlab sensitivity`, body, data: {}, scripts: [] });
}

/** tornado.csv: one row per design and assumption. */
export function tornadoCsv(r: SensitivityReport): string {
  type Row = { design: string; base: number; bar: TornadoBar };
  const rows: Row[] = r.designs.flatMap((d) => tornadoOrder(d.bars).map((bar) => ({ design: d.label, base: d.base, bar })));
  const columns: Column<Row>[] = [
    { name: 'design', value: (x) => x.design },
    { name: 'assumption', value: (x) => x.bar.name },
    { name: 'unsourced', value: (x) => x.bar.unsourced },
    { name: 'low_value', value: (x) => x.bar.lowText },
    { name: 'high_value', value: (x) => x.bar.highText },
    { name: `base_${r.metric}`, value: (x) => x.base },
    { name: `low_${r.metric}`, value: (x) => x.bar.low },
    { name: `high_${r.metric}`, value: (x) => x.bar.high },
  ];
  return tableUnique(columns, rows);
}

/** samples.csv: one row per sample, each assumption's factor and each design's metric. */
export function samplesCsv(r: SensitivityReport): string {
  type Row = SensitivityReport['samples'][number] & { i: number };
  const columns: Column<Row>[] = [
    { name: 'sample', value: (x) => x.i },
    ...r.names.map((n, d): Column<Row> => ({ name: `factor_${n}`, value: (x) => x.factors[d] })),
    ...r.designs.map((des, k): Column<Row> => ({ name: `${r.metric}_${des.label}`, value: (x) => x.values[k] })),
  ];
  return tableUnique(columns, r.samples.map((s, i) => ({ ...s, i })));
}

/** The CSVs a sensitivity writes beside its report, whichever page that is. */
export const sensitivityFiles = (r: SensitivityReport): Record<string, string> => ({ 'tornado.csv': tornadoCsv(r), 'samples.csv': samplesCsv(r) });
