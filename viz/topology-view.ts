/**
 * The topology at the cursor, in SVG: one column per site (one for all when
 * the scenario has none), rows by kind (switches, hosts and servers,
 * partitions, storage and libraries), links coloured and thickened by their
 * utilisation at the cursor, failed elements red, each host's VMs under it,
 * each partition joined to the server it runs on. The resources that limited
 * bytes and belong to a node (a VIOS's SEA, a library's drives) are chips under
 * it; edges and chips are clickable (the "why" panel). With a heat map
 * (heat.ts) edges and chips are coloured by the bytes they limited instead.
 */
import { interpolateViridis, select } from 'd3';
import { seconds } from '../sim/foundation/time.ts';
import { loadAt } from '../sim/trace/utilisation.ts';
import type { LinkLoad, TopoNode, Topology } from './run-view.ts';
import type { WorldState } from './state.ts';
import { heatColour, topShare, type Heat } from './heat.ts';
import { placeOf } from './resource-map.ts';

export interface TopologyOptions {
  /** resources to draw as chips under their node (those that limited bytes) */
  resources: readonly string[];
  /** colour by bytes limited instead of load at the cursor */
  heat: Heat | null;
  selected: string | null;
  onPick: (link: string) => void;
}

const ROW: Record<TopoNode['kind'], number> = { switch: 0, fabric: 0, host: 1, server: 1, partition: 2, storage: 3, library: 3 };
const FILL: Record<TopoNode['kind'], string> = {
  switch: '#e3e8f0', fabric: '#e3e8f0', host: '#e6f0e6', server: '#e6f0e6', partition: '#f3f0e0', storage: '#ece3f0', library: '#ece3f0',
};
const NODE_W = 74, NODE_H = 24, ROW_H = 62, TOP = 28;
const FAILED = '#c0392b';

interface Placed extends TopoNode { x: number; y: number }

/** Places the nodes; rows no node uses take no room. */
export function layout(topo: Topology, width: number): { placed: Placed[]; rows: number } {
  const columns = topo.sites.length ? topo.sites : [null];
  const colW = width / columns.length;
  const rows = [0, 1, 2, 3].filter((r) => topo.nodes.some((n) => ROW[n.kind] === r));
  const placed: Placed[] = [];
  columns.forEach((site, c) => {
    rows.forEach((row, r) => {
      const here = topo.nodes.filter((n) => ROW[n.kind] === row && (site === null || n.site === site));
      here.forEach((n, i) => placed.push({ ...n, x: c * colW + (colW * (i + 0.5)) / here.length, y: TOP + r * ROW_H + NODE_H / 2 }));
    });
  });
  return { placed, rows: rows.length };
}

/** A link's utilisation at t seconds: its load there over its bandwidth (the trace's own step function, so exact). */
export function utilisationAt(l: LinkLoad, t: number): number {
  return l.bandwidth > 0 ? loadAt(l.series, seconds(t)) / l.bandwidth : 0;
}

export function drawTopology(svgEl: SVGSVGElement, topo: Topology, loads: readonly LinkLoad[], state: WorldState, t: number, opts: TopologyOptions): void {
  const width = svgEl.clientWidth || 600;
  const { placed: nodes, rows } = layout(topo, width);
  const height = TOP + rows * ROW_H + 20;
  const at = new Map(nodes.map((n) => [n.name, n]));
  const loadByName = new Map(loads.map((l) => [l.name, l]));
  const isFailed = (n: TopoNode): boolean => state.failed.has(n.name) || (n.site !== null && state.failed.has(n.site));
  const svg = select(svgEl);
  svg.attr('height', height + 6);
  svg.selectAll('*').remove();
  const cols = topo.sites.length;
  topo.sites.forEach((site, c) => {
    const failed = state.failed.has(site);
    svg.append('rect').attr('x', (c * width) / cols + 4).attr('y', 2).attr('width', width / cols - 8).attr('height', height)
      .attr('fill', 'none').attr('stroke', failed ? FAILED : '#9aa4b0').attr('stroke-dasharray', '4 3').attr('rx', 6);
    svg.append('text').attr('x', (c * width) / cols + 12).attr('y', 18).attr('fill', failed ? FAILED : '#333').attr('font-weight', 600)
      .text(`site ${site}${failed ? ' (failed)' : ''}`);
  });
  const top = opts.heat === null ? 0 : topShare(opts.heat);
  for (const e of topo.edges) {
    const a = at.get(e.a), b = at.get(e.b);
    if (!a || !b) continue;
    const u = Math.max(0, ...e.links.map((n) => { const l = loadByName.get(n); return l ? utilisationAt(l, t) : 0; }));
    const share = opts.heat === null ? 0 : e.links.reduce((s, n) => s + (opts.heat!.get(n) ?? 0), 0);
    const down = e.links.some((n) => state.failed.has(n));
    // The edge's own link that limited most is the one a click explains.
    const link = [...e.links].sort((x, y) => (opts.heat?.get(y) ?? 0) - (opts.heat?.get(x) ?? 0))[0];
    const level = opts.heat === null ? Math.min(1, u) : top > 0 ? share / top : 0;
    const colour = down ? FAILED : opts.heat !== null ? (share > 0 ? heatColour(share, top) : '#c5ccd4') : u > 0 ? interpolateViridis(0.9 - 0.8 * Math.min(1, u)) : '#c5ccd4';
    const note = opts.heat === null ? `${(u * 100).toFixed(0)}% busy` : `limited ${(share * 100).toFixed(1)}% of the bytes`;
    const g = svg.append('g').attr('class', `edge-hit${opts.selected !== null && e.links.includes(opts.selected) ? ' selected' : ''}`).attr('data-link', link).on('click', () => opts.onPick(link));
    g.append('line').attr('x1', a.x).attr('y1', a.y).attr('x2', b.x).attr('y2', b.y)
      .attr('class', `edge${down ? ' failed' : ''}`).attr('data-link', e.name).attr('data-util', u.toFixed(3)).attr('data-share', share.toFixed(4))
      .attr('stroke', colour).attr('stroke-width', 2 + 6 * level).attr('stroke-dasharray', down ? '6 4' : null)
      .append('title').text(`${e.name}: ${note}${down ? ', down' : ''}`);
    // A wide transparent twin, so a thin line is easy to click.
    g.append('line').attr('x1', a.x).attr('y1', a.y).attr('x2', b.x).attr('y2', b.y).attr('stroke', 'transparent').attr('stroke-width', 12);
    const shown = opts.heat === null ? u : share;
    if (shown > 0.005) svg.append('text').attr('x', (a.x + b.x) / 2 + 4).attr('y', (a.y + b.y) / 2 - 3).attr('font-size', 11).attr('fill', '#222').text(`${(shown * 100).toFixed(0)}%`);
  }
  // Where each partition runs at the cursor: a live partition mobility move redraws its line.
  for (const [partition, server] of state.placement) {
    const a = at.get(partition), b = at.get(server);
    if (a && b) svg.append('line').attr('class', 'placement').attr('data-partition', partition).attr('data-server', server)
      .attr('x1', a.x).attr('y1', a.y).attr('x2', b.x).attr('y2', b.y).attr('stroke', '#7a8594').attr('stroke-dasharray', '2 3');
  }
  for (const n of nodes) {
    const failed = isFailed(n);
    const g = svg.append('g').attr('class', `node${failed ? ' failed' : ''}`).attr('data-node', n.name).attr('transform', `translate(${n.x - NODE_W / 2},${n.y - NODE_H / 2})`);
    g.append('rect').attr('width', NODE_W).attr('height', NODE_H).attr('rx', 4).attr('fill', failed ? '#fbe3e0' : FILL[n.kind]).attr('stroke', failed ? FAILED : '#7a8594').attr('stroke-width', failed ? 2 : 1);
    g.append('text').attr('x', NODE_W / 2).attr('y', NODE_H / 2 + 4).attr('text-anchor', 'middle').attr('font-size', 11).attr('fill', failed ? '#8e1b10' : '#111')
      .text(n.name.length > 11 ? `${n.name.slice(0, 10)}…` : n.name).append('title').text(`${n.kind} ${n.name}${failed ? ' (failed)' : ''}`);
    const chips = opts.resources.map((link) => ({ link, place: placeOf(topo, link) })).filter((c) => c.place !== null && 'node' in c.place && c.place.node === n.name);
    let x = 0;
    for (const c of chips) {
      const label = (c.place as { label: string }).label, w = 8 + 6 * label.length;
      const share = opts.heat?.get(c.link) ?? 0;
      const chip = g.append('g').attr('class', `resource${opts.selected === c.link ? ' selected' : ''}`).attr('data-link', c.link).attr('data-share', share.toFixed(4))
        .attr('transform', `translate(${x},${NODE_H + 2})`).on('click', () => opts.onPick(c.link));
      chip.append('rect').attr('width', w).attr('height', 13).attr('rx', 3).attr('stroke', '#7a8594')
        .attr('fill', opts.heat !== null && share > 0 ? heatColour(share, top) : '#fff');
      chip.append('text').attr('x', 4).attr('y', 10).attr('font-size', 10).attr('fill', '#111').text(label)
        .append('title').text(`${c.link}${opts.heat === null ? '' : `: limited ${(share * 100).toFixed(1)}% of the bytes`} (click: why)`);
      x += w + 2;
    }
    const below = chips.length > 0 ? 15 : 0;
    state.vms.filter((v) => v.host === n.name).forEach((v, i) => {
      g.append('text').attr('class', `vm${v.running ? ' running' : ' down'}`).attr('data-vm', v.name).attr('x', 2).attr('y', NODE_H + below + 13 + i * 13).attr('font-size', 11)
        .attr('fill', v.running ? '#1b5e20' : FAILED).text(`${v.running ? '▶' : '✕'} VM ${v.name}`);
    });
  }
}
