/**
 * Where the topology's boxes go: one column per site (one for all without
 * sites), one band per layer from the LAN down to the media (Ethernet
 * switches; hosts, VIOS and servers; partitions; FC switches; arrays and
 * libraries), so a LAN-free path runs down through the fabric and the LAN
 * path up through the switch. A band wraps onto more lines rather than
 * squeeze its boxes; a server's partitions fold into one box when they would
 * take more than two lines (64 partitions), and unfold on a click. Pure: the
 * view draws what this returns.
 */
import type { TopoEdge, TopoNode, Topology } from './run-view.ts';

export const NODE_W = 84, NODE_H = 24, GAP = 8, LINE = 13, TOP = 28;
const GROUP_W = 150;
const BAND: Record<TopoNode['kind'], number> = { switch: 0, host: 1, server: 1, partition: 2, fabric: 3, storage: 4, library: 4, vtl: 4, port: 4 };
export const BAND_NAMES = ['Ethernet', 'hosts and servers', 'partitions', 'FC fabric', 'storage and tape'];

export interface Box {
  name: string;
  label: string;
  kind: TopoNode['kind'];
  site: string | null;
  x: number;
  y: number;
  w: number;
  /** the width below the box its details, chips and VMs may use */
  slot: number;
  /** a server's folded partitions: the server's name */
  group?: string;
  members?: string[];
  details: string[];
}

export interface Layout {
  boxes: Box[];
  height: number;
  /** a node's box: itself, or the folded group it is in */
  boxOf: Map<string, Box>;
  /** edges between boxes, those between the same two boxes merged */
  edges: (TopoEdge & { parts: TopoEdge[] })[];
}

/** `below(name)`: lines of text the view puts under a box besides its details (its chips, VMs). */
export function layoutTopology(topo: Topology, width: number, expanded: ReadonlySet<string>, below: (name: string) => number): Layout {
  const columns = topo.sites.length ? topo.sites : [null];
  const colW = width / columns.length;
  const perLine = Math.max(1, Math.floor(colW / (NODE_W + GAP)));
  const items = (site: string | null, band: number): Box[] => {
    const here = topo.nodes.filter((n) => BAND[n.kind] === band && (site === null || n.site === site));
    // Each server beside its VIOS, so the vLAN between them crosses no other box.
    if (band === 1) {
      const vioses = new Set(here.flatMap((n) => (n.vios ? [n.vios] : [])));
      const paired = here.filter((n) => !vioses.has(n.name) && n.kind !== 'server').concat(here.filter((n) => n.kind === 'server').flatMap((s) => [...here.filter((n) => n.name === s.vios), s]));
      return paired.map((n) => box(n, n.name, NODE_W));
    }
    if (band !== 2) return here.map((n) => box(n, n.name, NODE_W));
    // Partitions under their server, in the servers' order; a crowded server folds.
    const fold = here.length > 2 * perLine;
    const servers = [...new Set(here.map((n) => n.server ?? ''))];
    return servers.flatMap((s) => {
      const mine = here.filter((n) => (n.server ?? '') === s);
      if (!fold || expanded.has(s)) return mine.map((n) => box(n, n.name, NODE_W));
      return [{ ...box(mine[0], `${s}: ${mine.length} partitions ▸`, GROUP_W), name: `${s} partitions`, group: s, members: mine.map((n) => n.name), details: [] }];
    });
  };
  const bands = [0, 1, 2, 3, 4].map((band) => columns.map((site) => items(site, band))).filter((cols) => cols.some((c) => c.length));
  const boxes: Box[] = [];
  let y = TOP;
  for (const cols of bands) {
    let bandH = 0;
    cols.forEach((here, c) => {
      const fit = Math.max(1, Math.floor(colW / Math.max(...here.map((b) => b.w + GAP), 1)));
      const lines = Math.ceil(here.length / fit);
      const under = Math.max(0, ...here.map((b) => b.details.length + below(b.name)));
      const lineH = NODE_H + 14 + under * LINE;
      here.forEach((b, i) => {
        const line = Math.floor(i / fit), inLine = Math.min(fit, here.length - line * fit);
        const slot = colW / inLine;
        boxes.push({ ...b, x: c * colW + slot * ((i % fit) + 0.5), y: y + line * lineH + NODE_H / 2, slot: Math.max(b.w, slot - GAP), w: Math.min(b.w, slot - GAP) });
      });
      bandH = Math.max(bandH, lines * lineH);
    });
    y += bandH + 10;
  }
  const boxOf = new Map<string, Box>();
  for (const b of boxes) {
    boxOf.set(b.name, b);
    for (const m of b.members ?? []) boxOf.set(m, b);
  }
  return { boxes, height: y, boxOf, edges: mergeEdges(topo.edges, boxOf) };
}

function box(n: TopoNode, label: string, w: number): Box {
  return { name: n.name, label, kind: n.kind, site: n.site, x: 0, y: 0, w, slot: w, details: n.details ?? [] };
}

/** One line per pair of boxes and kind: 64 HBAs into one switch from a folded group are one edge made of all their links, their 64 virtual FC ports another. */
function mergeEdges(edges: readonly TopoEdge[], boxOf: ReadonlyMap<string, Box>): Layout['edges'] {
  const merged = new Map<string, TopoEdge & { parts: TopoEdge[] }>();
  for (const e of edges) {
    const a = boxOf.get(e.a)?.name, b = boxOf.get(e.b)?.name;
    if (!a || !b || a === b) continue;
    const key = `${[a, b].sort().join(' ')} ${e.kind}`;
    const m = merged.get(key);
    if (m) {
      m.links.push(...e.links);
      m.parts.push(e);
    } else merged.set(key, { ...e, a, b, links: [...e.links], parts: [e] });
  }
  return [...merged.values()];
}
