/**
 * FC zones on the topology: a numbered badge in the zone's colour on the top
 * edge of every box the zone reaches (a collapsed group wears the zones of
 * its members), and a legend above the drawing naming each zone. Pointing at
 * a legend entry lights the zone's boxes and FC lines and dims the rest; a
 * click keeps it lit across steps (kept on the SVG element, which outlives
 * its redraws) until clicked again. Numbers, not colour alone, tell zones
 * apart: seven colours repeat in a large fabric.
 */
import type { Selection } from 'd3';
import type { TopoZone } from './run-view.ts';
import type { Box } from './topology-layout.ts';

type G = Selection<SVGGElement, unknown, null, undefined>;
type Svg = Selection<SVGSVGElement, unknown, null, undefined>;

/** d3's Dark2 without its magenta: white numbers read on each, and none is the red of a failure. */
export const ZONE_COLOURS = ['#1b9e77', '#d95f02', '#7570b3', '#66a61e', '#e6ab02', '#a6761d', '#666666'];
export const zoneColour = (i: number): string => ZONE_COLOURS[i % ZONE_COLOURS.length];

const BADGE_W = 15, BADGE_H = 11, ROW = 16, CHAR_W = 6.2;
/** badges a box shows before "+n": four fill a box's top edge with room for its corners */
const MAX_BADGES = 4;

/** A zone's place among the topology's zones, and the ports of it a box holds. */
export interface ZoneMark { index: number; zone: TopoZone; ports: string[]; nodes: number }

/** Each box's zone marks: its own node's, or for a folded group every member's. */
export function zoneMarks(zones: readonly TopoZone[], box: Pick<Box, 'name' | 'members'>): ZoneMark[] {
  const names = new Set(box.members ?? [box.name]);
  return zones.flatMap((zone, index) => {
    const mine = zone.members.filter((m) => names.has(m.node));
    return mine.length ? [{ index, zone, ports: mine.flatMap((m) => m.ports), nodes: mine.length }] : [];
  });
}

/** Zones that hold any of an edge's ports (an FC edge's parts are named after its ports). */
export const zonesOfPorts = (zones: readonly TopoZone[], ports: readonly string[]): number[] =>
  zones.flatMap((z, i) => (ports.some((p) => z.ports.includes(p)) ? [i] : []));

function badge(g: G, index: number, x: number, y: number): G {
  const b = g.append('g').attr('transform', `translate(${x},${y})`);
  b.append('rect').attr('width', BADGE_W).attr('height', BADGE_H).attr('rx', 2).attr('fill', zoneColour(index)).attr('stroke', '#fff').attr('stroke-width', 1);
  b.append('text').attr('x', BADGE_W / 2).attr('y', BADGE_H - 2).attr('text-anchor', 'middle').attr('font-size', 9).attr('font-weight', 700).attr('fill', '#fff').text(String(index + 1));
  return b;
}

/** The badges on a box's top edge, from its right corner leftwards. */
export function drawZoneBadges(g: G, box: Box, marks: readonly ZoneMark[]): void {
  if (!marks.length) return;
  g.attr('data-zones', marks.map((m) => m.index).join(' '));
  const shown = marks.length > MAX_BADGES ? marks.slice(0, MAX_BADGES - 1) : marks;
  // In the legend's order, left to right, ending at the box's right corner.
  const x0 = box.w - 4 - shown.length * (BADGE_W + 1);
  shown.forEach((m, i) => {
    const of = box.members ? ` (${m.nodes} of ${box.members.length})` : '';
    badge(g, m.index, x0 + i * (BADGE_W + 1), -BADGE_H / 2).attr('class', 'zone-badge').attr('data-zone', m.zone.name).attr('data-fabric', m.zone.fabric)
      .append('title').text(`zone ${m.zone.name} of ${m.zone.fabric}${of}: ${m.ports.join(', ')}`);
  });
  const rest = marks.slice(shown.length);
  if (rest.length) {
    g.append('text').attr('class', 'zone-more').attr('x', x0 - 16).attr('y', 3).attr('font-size', 9).attr('fill', '#333').text(`+${rest.length}`)
      .append('title').text(rest.map((m) => `zone ${m.zone.name} of ${m.zone.fabric}: ${m.ports.join(', ')}`).join('\n'));
  }
}

const count = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;
const fit = (text: string, width: number): string => {
  const n = Math.max(3, Math.floor(width / CHAR_W));
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
};

/** Rows the legend takes before it folds the rest into "N more" (a click shows them all). */
const LEGEND_ROWS = 3;

/**
 * Where each legend entry goes, flowed left to right in `room` from `first`;
 * past `rows` rows the rest fold into a "more" entry of width `moreW`, which
 * goes at `more`. Pure, for the view and its test.
 */
export function flowLegend(widths: readonly number[], first: number, room: number, rows: number, moreW: number): { at: { x: number; row: number }[]; more: { x: number; row: number } | null } {
  const at: { x: number; row: number }[] = [];
  let x = first, row = 0;
  for (const w of widths) {
    if (x > 0 && x + w > room) { x = 0; row++; }
    at.push({ x, row });
    x += w;
  }
  if (!at.length || at[at.length - 1].row < rows) return { at, more: null };
  const shown = at.filter((p) => p.row < rows);
  // Room for "more" at the end of the last row.
  while (shown.length && shown[shown.length - 1].row === rows - 1 && shown[shown.length - 1].x + widths[shown.length - 1] + moreW > room) shown.pop();
  const last = shown[shown.length - 1];
  return { at: shown, more: last ? { x: last.x + widths[shown.length - 1], row: last.row } : { x: first, row: 0 } };
}

/**
 * The legend, wrapped in `width`: one entry per zone, its badge and its name
 * (with its fabric when there are several) and how many initiator and target
 * ports it holds; past three rows, "N more" (a click unfolds them, kept on
 * the SVG element like the lit zone). Returns its height (0 without zones).
 */
export function drawZoneLegend(svg: Svg, zones: readonly TopoZone[], width: number, redraw: () => void): number {
  if (!zones.length) return 0;
  const el = svg.node()!;
  const fabrics = new Set(zones.map((z) => z.fabric)).size;
  const legend = svg.append('g').attr('class', 'zone-legend').attr('role', 'list').attr('aria-label', 'FC zones');
  const head = 'FC zones:';
  legend.append('text').attr('x', 6).attr('y', 2 + BADGE_H - 2).attr('font-size', 11).attr('font-weight', 600).attr('fill', '#333').text(head)
    .append('title').text('point at a zone to light its members; click to keep it lit');
  const room = width - 12;
  const labels = zones.map((z) => `${z.name}${fabrics > 1 ? ` (${z.fabric})` : ''}: ${count(z.ports.length - z.targets.length, 'initiator')}, ${count(z.targets.length, 'target')}`);
  const widths = labels.map((l) => Math.min(room, BADGE_W + 6 + l.length * CHAR_W + 12));
  const all = el.dataset.zonesAll === '1';
  const moreW = 15 * CHAR_W;
  const { at, more } = flowLegend(widths, head.length * CHAR_W + 8, room, all ? Infinity : LEGEND_ROWS, moreW);
  at.forEach(({ x, row }, i) => {
    const z = zones[i];
    const item = legend.append('g').attr('class', 'zone-item').attr('role', 'listitem').attr('data-zone', z.name).attr('data-fabric', z.fabric).attr('data-index', i)
      .attr('tabindex', 0).attr('transform', `translate(${6 + x},${row * ROW + 2})`);
    badge(item, i, 0, 0);
    item.append('text').attr('x', BADGE_W + 4).attr('y', BADGE_H - 2).attr('font-size', 11).attr('fill', '#111').text(fit(labels[i], widths[i] - BADGE_W - 10))
      .append('title').text(`zone ${z.name} of ${z.fabric}: ${z.members.map((m) => `${m.node} (${m.ports.join(', ')})`).join('; ')}`);
  });
  const folded = zones.length - at.length;
  // Unfolded, "fewer" takes a row of its own under the last entry.
  const toggle = more ?? (all && at[at.length - 1].row >= LEGEND_ROWS ? { x: 0, row: at[at.length - 1].row + 1 } : null);
  if (toggle) {
    const t = legend.append('text').attr('class', 'zone-more-toggle').attr('tabindex', 0).attr('x', 6 + Math.min(toggle.x, room - moreW)).attr('y', toggle.row * ROW + 2 + BADGE_H - 2)
      .attr('font-size', 11).attr('fill', '#1f5f9f').text(folded ? `${folded} more ▸` : '◂ fewer');
    const flip = (): void => { if (all) delete el.dataset.zonesAll; else el.dataset.zonesAll = '1'; redraw(); };
    t.on('click', flip).on('keydown', (e: KeyboardEvent) => { if (e.key === 'Enter') { e.stopPropagation(); flip(); } });
  }
  const rows = Math.max(...at.map((p) => p.row), toggle?.row ?? 0) + 1;
  return rows * ROW + 6;
}

/** Lights zone `index` (null: none): its boxes and FC lines stay, the rest dims. Toggles classes only; reads no layout. */
export function lightZone(svgEl: SVGSVGElement, index: number | null): void {
  svgEl.classList.toggle('zone-focus', index !== null);
  for (const el of svgEl.querySelectorAll('.zone-lit')) el.classList.remove('zone-lit');
  if (index === null) return;
  for (const el of svgEl.querySelectorAll(`[data-zones~="${index}"], .zone-item[data-index="${index}"]`)) el.classList.add('zone-lit');
}

/** The zone kept lit by a click (its fabric/name), if any: on the SVG element, so a redraw at the next step keeps it. */
function kept(svgEl: SVGSVGElement): number | null {
  const key = svgEl.dataset.zone;
  const item = key === undefined ? null : [...svgEl.querySelectorAll<SVGGElement>('.zone-item')].find((el) => `${el.dataset.fabric}/${el.dataset.zone}` === key);
  return item ? Number(item.dataset.index) : null;
}

/** Wires the legend: point to light, leave to restore, click or Enter to keep or let go; and re-lights the kept zone after a redraw. */
export function wireZoneLegend(svgEl: SVGSVGElement): void {
  for (const item of svgEl.querySelectorAll<SVGGElement>('.zone-item')) {
    const i = Number(item.dataset.index);
    const toggle = (): void => {
      if (kept(svgEl) === i) delete svgEl.dataset.zone;
      else svgEl.dataset.zone = `${item.dataset.fabric}/${item.dataset.zone}`;
      lightZone(svgEl, kept(svgEl));
    };
    item.addEventListener('mouseenter', () => lightZone(svgEl, i));
    item.addEventListener('mouseleave', () => lightZone(svgEl, kept(svgEl)));
    item.addEventListener('click', toggle);
    // The page steps with the arrow keys; Enter and Space here are the legend's own.
    item.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); e.stopPropagation(); toggle(); } });
  }
  lightZone(svgEl, kept(svgEl));
}
