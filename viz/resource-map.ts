/**
 * Where the topology draws a resource the limiters name (a trace link): on
 * the edge made of it, or as a chip under the node that owns it (a VIOS's
 * SEA, a host's CPU, a server's virtual LAN, a library's drives, a
 * partition's adapter). Names follow sim/foundation/link-names.ts and the
 * families' `OWNER/DEVICE` devices; a resource with neither (a port with no
 * host in the scenario) has no place and is reached from the legend.
 */
import type { Topology } from './run-view.ts';

export type Place = { edge: string } | { node: string; label: string } | null;

export function placeOf(topo: Topology, link: string): Place {
  const edge = topo.edges.find((e) => e.links.includes(link));
  if (edge) return { edge: edge.name };
  const adapter = topo.placements.find((p) => p.link === link);
  if (adapter) return { node: adapter.partition, label: link.slice(adapter.partition.length) };
  // The longest node name the link starts with, followed by a separator: lpar1 does not own lpar10.cpu.
  let owner: string | null = null;
  for (const n of topo.nodes) {
    if (link.length > n.name.length && link.startsWith(n.name) && './@'.includes(link[n.name.length]) && n.name.length > (owner?.length ?? 0)) owner = n.name;
  }
  return owner === null ? null : { node: owner, label: link.slice(owner.length + 1) };
}
