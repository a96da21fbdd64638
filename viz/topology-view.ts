/**
 * The topology at the cursor, in SVG (boxes placed by topology-layout.ts):
 * every layer's links, told apart by their stroke (Ethernet solid grey, FC
 * cables solid tan, a partition's virtual FC (NPIV) dashed tan through the
 * VIOS it crosses at the cursor, a server's vLAN through its VIOS dotted,
 * mirrors and replication as dashed arcs, disks thin grey), coloured and
 * thickened by utilisation at the cursor, failed elements red. Under the links, the data
 * path of what moves at the cursor (the routes of the live flows) as a halo
 * coloured by how much each resource limits over the run. Resources that
 * limited bytes and belong to a node (a VIOS's SEA, a library's drives) are
 * chips under it; edges and chips are clickable (the "why" panel); a folded
 * group of partitions unfolds on a click. With a heat map (heat.ts) edges
 * and chips are coloured by the bytes they limited instead. FC zones are
 * numbered badges on their members under a legend (topology-zones-view.ts).
 */
import { interpolateViridis, select } from 'd3';
import { seconds } from '../sim/foundation/time.ts';
import { loadAt } from '../sim/trace/utilisation.ts';
import type { EdgeKind, LinkLoad, TopoNode, Topology } from './run-view.ts';
import type { WorldState } from './state.ts';
import { heatColour, topShare, type Heat } from './heat.ts';
import { placeOf } from './resource-map.ts';
import { layoutTopology, LINE, NODE_H, type Box } from './topology-layout.ts';
import { formatPercent } from '../reports/format.ts';
import { cpuLink, npivLink } from '../sim/foundation/link-names.ts';
import { drawZoneBadges, drawZoneLegend, wireZoneLegend, zoneMarks, zonesOfPorts } from './topology-zones-view.ts';

export interface TopologyOptions {
  /** resources to draw as chips under their node (those that limited bytes) */
  resources: readonly string[];
  /** colour by bytes limited instead of load at the cursor */
  heat: Heat | null;
  selected: string | null;
  onPick: (link: string) => void;
  /** the links the live flows cross at the cursor, and each resource's share of the bytes it limited over the run */
  path: ReadonlySet<string>;
  limits: Heat;
  /** servers whose partitions are unfolded; a click on a group toggles it and redraws */
  expanded: Set<string>;
  redraw: () => void;
  /** the SVG's width as its ResizeObserver saw it (reading clientWidth would force a layout each step); 0: read it */
  width: number;
}

const FILL: Record<TopoNode['kind'], string> = {
  switch: '#e3e8f0', fabric: '#f4e6d4', host: '#e6f0e6', server: '#e6f0e6', partition: '#f3f0e0', storage: '#ece3f0', library: '#ece3f0', vtl: '#ece3f0', port: '#ece3f0',
};
/** idle colour and dash of each kind of link; a busy link takes the utilisation colour */
const STROKE: Record<EdgeKind, { idle: string; dash: string | null }> = {
  ethernet: { idle: '#9aa4b0', dash: null }, vlan: { idle: '#9aa4b0', dash: '2 3' }, fc: { idle: '#c9a27a', dash: null }, vfc: { idle: '#c9a27a', dash: '7 4' }, isl: { idle: '#c9a27a', dash: null },
  mirror: { idle: '#8e6bb5', dash: '6 4' }, replica: { idle: '#8e6bb5', dash: '6 4' }, disk: { idle: '#c5ccd4', dash: null }, tape: { idle: '#c9a27a', dash: '3 3' },
};
const FAILED = '#c0392b';
const CHAR_W = 6.2;

/** A link's utilisation at t seconds: its load there over its bandwidth (the trace's own step function, so exact). */
export function utilisationAt(l: LinkLoad, t: number): number {
  return l.bandwidth > 0 ? loadAt(l.series, seconds(t)) / l.bandwidth : 0;
}

const fit = (text: string, width: number): string => {
  const n = Math.max(3, Math.floor(width / CHAR_W));
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
};

/** The chips a resource list puts under each node, wrapped in lines of `width`. */
function chipsOf(topo: Topology, resources: readonly string[]): Map<string, { link: string; label: string }[]> {
  const out = new Map<string, { link: string; label: string }[]>();
  for (const link of resources) {
    const place = placeOf(topo, link);
    if (place !== null && 'node' in place) (out.get(place.node) ?? out.set(place.node, []).get(place.node)!).push({ link, label: place.label });
  }
  return out;
}
const chipW = (label: string): number => 8 + 6 * label.length;
function chipLines(chips: readonly { label: string }[], width: number): number {
  let lines = chips.length ? 1 : 0, x = 0;
  for (const c of chips) {
    if (x > 0 && x + chipW(c.label) > width) { lines++; x = 0; }
    x += chipW(c.label) + 2;
  }
  return lines;
}

export function drawTopology(svgEl: SVGSVGElement, topo: Topology, loads: readonly LinkLoad[], state: WorldState, t: number, opts: TopologyOptions): void {
  const width = opts.width || svgEl.clientWidth || 600;
  const chips = chipsOf(topo, opts.resources);
  const vmsOn = (name: string): number => state.vms.filter((v) => v.host === name).length;
  const { boxes, height, boxOf, edges } = layoutTopology(topo, width, opts.expanded, (name) => chipLines(chips.get(name) ?? [], 90) + vmsOn(name));
  const loadByName = new Map(loads.map((l) => [l.name, l]));
  const siteOf = new Map(topo.nodes.map((n) => [n.name, n.site]));
  const isFailed = (name: string, site: string | null): boolean => state.failed.has(name) || (site !== null && state.failed.has(site));
  const svg = select(svgEl);
  svg.selectAll('*').remove();
  const legendH = drawZoneLegend(svg, topo.zones, width, opts.redraw);
  svg.attr('height', height + 6 + legendH).attr('role', 'img').attr('aria-label', `Topology: ${topo.nodes.length} devices and ${topo.edges.length} links${state.failed.size ? `; failed: ${[...state.failed].join(', ')}` : ''}`);
  // Below the zones' legend, the sites, the lines and the boxes.
  const body = svg.append('g').attr('transform', `translate(0,${legendH})`);
  const nodeOf = new Map(topo.nodes.map((n) => [n.name, n]));
  const cols = topo.sites.length;
  topo.sites.forEach((site, c) => {
    const failed = state.failed.has(site);
    body.append('rect').attr('x', (c * width) / cols + 4).attr('y', 2).attr('width', width / cols - 8).attr('height', height)
      .attr('fill', 'none').attr('stroke', failed ? FAILED : '#9aa4b0').attr('stroke-dasharray', '4 3').attr('rx', 6);
    body.append('text').attr('x', (c * width) / cols + 12).attr('y', 18).attr('fill', failed ? FAILED : '#333').attr('font-weight', 600)
      .text(`site ${site}${failed ? ' (failed)' : ''}`);
  });
  const top = opts.heat === null ? 0 : topShare(opts.heat);
  const pathTop = topShare(opts.limits);
  const halo = body.append('g').attr('class', 'data-path');
  const lines = body.append('g');
  const labels = body.append('g');
  for (const e of edges) {
    const a = boxOf.get(e.a)!, b = boxOf.get(e.b)!;
    // Virtual FC crosses the VIOS of the server its partition runs on at the cursor: a live move reroutes it.
    const via = e.kind === 'vfc' ? viosAt(e.parts[0].a, e.via, state.placement, nodeOf) : undefined;
    const u = Math.max(0, ...e.links.map((n) => { const l = loadByName.get(n); return l ? utilisationAt(l, t) : 0; }));
    const share = opts.heat === null ? 0 : e.links.reduce((s, n) => s + (opts.heat!.get(n) ?? 0), 0);
    // A mirror with a dead end is broken, though its WAN link is up.
    const endDown = (n: string): boolean => isFailed(n, siteOf.get(n) ?? null);
    const down = e.links.some((n) => state.failed.has(n)) || ((e.kind === 'mirror' || e.kind === 'replica') && (endDown(e.a) || endDown(e.b))) || (via !== undefined && endDown(via));
    // The edge's own link that limited most is the one a click explains.
    const link = via !== undefined ? npivLink(via) : [...e.links].sort((x, y) => (opts.heat?.get(y) ?? opts.limits.get(y) ?? 0) - (opts.heat?.get(x) ?? opts.limits.get(x) ?? 0))[0] ?? e.name;
    const level = opts.heat === null ? Math.min(1, u) : top > 0 ? share / top : 0;
    const idle = STROKE[e.kind];
    const colour = down ? FAILED : opts.heat !== null ? (share > 0 ? heatColour(share, top) : idle.idle) : u > 0 ? interpolateViridis(0.9 - 0.8 * Math.min(1, u)) : idle.idle;
    const note = opts.heat === null ? `${formatPercent(u).trim()} busy` : `limited ${formatPercent(share).trim()} of the bytes`;
    const viaBox = via === undefined ? undefined : boxOf.get(via);
    const d = viaBox ? throughPath(a, viaBox, b) : edgePath(a, b, e.kind);
    const onPath = via !== undefined ? virtualOnPath(e.parts.map((p) => p.a), via, opts.path) : e.links.filter((l) => opts.path.has(l));
    if (onPath.length) {
      const limit = Math.max(0, ...onPath.map((l) => opts.limits.get(l) ?? 0));
      halo.append('path').attr('d', d).attr('fill', 'none').attr('data-path', e.name).attr('data-kind', e.kind).attr('data-ends', [e.a, e.b].sort().join(' ')).attr('data-limit', limit.toFixed(4))
        .attr('stroke', limit > 0 ? heatColour(limit, pathTop) : '#7fc8c0').attr('stroke-opacity', 0.55).attr('stroke-width', 14).attr('stroke-linecap', 'round');
    }
    const g = lines.append('g').attr('class', `edge-hit${opts.selected !== null && (e.links.includes(opts.selected) || opts.selected === link) ? ' selected' : ''}`).attr('data-link', link).attr('data-kind', e.kind).attr('data-ends', [e.a, e.b].sort().join(' ')).on('click', () => opts.onPick(link));
    if (via !== undefined) g.attr('data-via', via);
    const zoned = e.kind === 'fc' || e.kind === 'vfc' ? zonesOfPorts(topo.zones, e.parts.map((p) => p.name)) : [];
    if (zoned.length) g.attr('data-zones', zoned.join(' '));
    g.append('path').attr('d', d).attr('fill', 'none')
      .attr('class', `edge${down ? ' failed' : ''}`).attr('data-link', e.name).attr('data-util', u.toFixed(3)).attr('data-share', share.toFixed(4))
      .attr('stroke', colour).attr('stroke-width', (e.kind === 'disk' ? 1 : 2) + 6 * level).attr('stroke-dasharray', down ? '6 4' : idle.dash)
      .append('title').text(`${e.parts.map((p) => p.what).join('\n')}${via !== undefined ? `\nthrough VIOS ${via}: its NPIV and its physical port` : ''}\n${note}${down ? ', down' : ''}`);
    // A wide transparent twin, so a thin line is easy to click.
    g.append('path').attr('d', d).attr('fill', 'none').attr('stroke', 'transparent').attr('stroke-width', 12);
    const shown = opts.heat === null ? u : share;
    if (shown > 0.005) labels.append('text').attr('x', (a.x + b.x) / 2 + 4).attr('y', (a.y + b.y) / 2 - 3).attr('font-size', 11).attr('fill', '#222').text(formatPercent(shown).trim());
  }
  // Where each partition runs at the cursor: a live partition mobility move redraws its line.
  for (const [partition, server] of state.placement) {
    const a = boxOf.get(partition), b = boxOf.get(server);
    if (a && b && a.group === undefined) lines.append('line').attr('class', 'placement').attr('data-partition', partition).attr('data-server', server)
      .attr('x1', a.x).attr('y1', a.y).attr('x2', b.x).attr('y2', b.y).attr('stroke', '#7a8594').attr('stroke-dasharray', '2 3');
  }
  for (const n of boxes) drawZoneBadges(drawBox(body.append('g'), n, chips.get(n.name) ?? [], state, opts, top), n, zoneMarks(topo.zones, n));
  wireZoneLegend(svgEl);
}

/** The VIOS a partition's virtual FC crosses: that of the server it runs on at the cursor, else the one it started behind. */
function viosAt(partition: string, start: string | undefined, placement: ReadonlyMap<string, string>, nodeOf: ReadonlyMap<string, TopoNode>): string | undefined {
  const server = placement.get(partition);
  return (server === undefined ? undefined : nodeOf.get(server)?.vios) ?? start;
}

/**
 * The links that put a virtual FC line on the data path: a virtual port has
 * no link of its own, so it is on the path when one of its partitions' data
 * (their CPU) crosses the VIOS's NPIV.
 */
function virtualOnPath(partitions: readonly string[], via: string, path: ReadonlySet<string>): string[] {
  return partitions.some((p) => path.has(cpuLink(p))) && path.has(npivLink(via)) ? [npivLink(via)] : [];
}

/** Virtual FC: from the partition into its VIOS, then beside the VIOS's own cable to the switch (offset, so both stay visible). */
function throughPath(a: Box, vios: Box, b: Box): string {
  const off = 6;
  return `M${a.x},${a.y} L${vios.x + off},${vios.y} L${b.x + off},${b.y}`;
}

/** A straight line, or an arc below the two ends for a mirror or replication (it crosses the WAN, not a cable). */
function edgePath(a: Box, b: Box, kind: EdgeKind): string {
  const bulge = kind === 'mirror' || kind === 'replica' ? 26 : 0;
  return `M${a.x},${a.y} Q${(a.x + b.x) / 2},${(a.y + b.y) / 2 + bulge} ${b.x},${b.y}`;
}

function drawBox<G extends ReturnType<typeof select<SVGGElement, unknown>>>(root: G, n: Box, chips: readonly { link: string; label: string }[], state: WorldState, opts: TopologyOptions, top: number): G {
  const failed = n.group === undefined ? state.failed.has(n.name) || (n.site !== null && state.failed.has(n.site)) : false;
  const g = root.attr('class', `node${failed ? ' failed' : ''}${n.group !== undefined ? ' group' : ''}`).attr('data-node', n.name).attr('data-kind', n.kind)
    .attr('transform', `translate(${n.x - n.w / 2},${n.y - NODE_H / 2})`);
  if (n.group !== undefined) g.attr('data-group', n.group).attr('tabindex', 0).on('click', () => { opts.expanded.add(n.group!); opts.redraw(); });
  else if (n.kind === 'server' && opts.expanded.has(n.name)) g.on('click', () => { opts.expanded.delete(n.name); opts.redraw(); });
  g.append('rect').attr('width', n.w).attr('height', NODE_H).attr('rx', 4).attr('fill', failed ? '#fbe3e0' : FILL[n.kind]).attr('stroke', failed ? FAILED : '#7a8594').attr('stroke-width', failed ? 2 : 1);
  g.append('text').attr('x', n.w / 2).attr('y', NODE_H / 2 + 4).attr('text-anchor', 'middle').attr('font-size', 11).attr('fill', failed ? '#8e1b10' : '#111')
    .text(fit(n.label, n.w - 4)).append('title').text(n.group !== undefined ? `${n.members!.join(', ')} (click: show each)` : `${n.kind} ${n.name}${failed ? ' (failed)' : ''}`);
  // Below the box, from its left edge: details, then chips, then VMs, none past the right of its slot.
  const left = 0;
  const room = (n.slot + n.w) / 2;
  let y = NODE_H + 2;
  for (const line of n.details) {
    g.append('text').attr('class', 'detail').attr('x', left + 2).attr('y', y + 10).attr('font-size', 10).attr('fill', '#4a5360').text(fit(line, room - 4));
    y += LINE;
  }
  let x = 0;
  for (const c of chips) {
    const w = chipW(c.label);
    if (x > 0 && x + w > room) { x = 0; y += 15; }
    const share = opts.heat?.get(c.link) ?? 0;
    const onPath = opts.path.has(c.link);
    const chip = g.append('g').attr('class', `resource${opts.selected === c.link ? ' selected' : ''}${onPath ? ' on-path' : ''}`).attr('data-link', c.link).attr('data-share', share.toFixed(4))
      .attr('transform', `translate(${left + x},${y})`).on('click', () => opts.onPick(c.link));
    chip.append('rect').attr('width', w).attr('height', 13).attr('rx', 3).attr('stroke', onPath ? '#1f6f68' : '#7a8594').attr('stroke-width', onPath ? 2 : 1)
      .attr('fill', opts.heat !== null && share > 0 ? heatColour(share, top) : '#fff');
    chip.append('text').attr('x', 4).attr('y', 10).attr('font-size', 10).attr('fill', '#111').text(c.label)
      .append('title').text(`${c.link}${opts.heat === null ? '' : `: limited ${formatPercent(share).trim()} of the bytes`} (click: why)`);
    x += w + 2;
  }
  if (chips.length) y += 15;
  state.vms.filter((v) => v.host === n.name).forEach((v) => {
    g.append('text').attr('class', `vm${v.running ? ' running' : ' down'}`).attr('data-vm', v.name).attr('x', left + 2).attr('y', y + 11).attr('font-size', 11)
      .attr('fill', v.running ? '#1b5e20' : FAILED).text(fit(`${v.running ? '▶' : '✕'} VM ${v.name}`, room - 4));
    y += LINE;
  });
  return g;
}
