/**
 * The equipment a scenario names, read from its document (after the variant
 * is applied) for drawing: sites, hosts, switches, servers and partitions,
 * FC fabrics, storage, libraries, and the links between them. Only names and
 * places: what the equipment does is the simulator's business.
 */
import { adapterLink } from '../sim/foundation/link-names.ts';
import { portLink } from '../sim/foundation/link-names.ts';
import type { Scenario } from '../sim/foundation/scenario.ts';

import type { TopoNode, Topology } from './run-view.ts';

type Named = Record<string, Record<string, unknown> | null | undefined>;

const entries = (v: unknown): [string, Record<string, unknown>][] =>
  typeof v === 'object' && v !== null ? Object.entries(v as Named).map(([k, x]) => [k, x ?? {}]) : [];
const siteOf = (x: Record<string, unknown>): string | null => (typeof x.site === 'string' ? x.site : null);

export function topologyOf(scn: Scenario, doc: unknown): Topology {
  const topo = ((doc as { topology?: unknown })?.topology ?? {}) as Record<string, unknown>;
  const nodes: TopoNode[] = [];
  const edges: Topology['edges'] = [];
  const vms: Topology['vms'] = [];
  const seen = new Set<string>();
  const add = (name: string, kind: TopoNode['kind'], site: string | null, server?: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    nodes.push({ name, kind, site, ...(server ? { server } : {}) });
  };
  for (const [name, site] of scn.switches) add(name, 'switch', site ?? null);
  for (const [name, site] of scn.hosts) add(name, 'host', site ?? null);
  const servers = entries(topo.servers);
  for (const [name, s] of servers) {
    add(name, 'server', siteOf(s));
    for (const [p] of entries(s.partitions)) add(p, 'partition', siteOf(s), name);
  }
  const placements = nodes.filter((n) => n.kind === 'partition').flatMap((p) => servers.map(([server]) => ({ link: adapterLink(p.name, server), partition: p.name, server })));
  for (const [name, s] of entries(topo.storage)) add(name, 'storage', siteOf(s));
  for (const [name, l] of entries(topo.libraries)) add(name, 'library', siteOf(l));
  for (const [fabric, f] of entries(topo.fabrics)) {
    for (const [sw] of entries(f.switches)) add(sw, 'fabric', siteOf(f));
    for (const [port, p] of entries(f.ports)) {
      const host = typeof p.host === 'string' ? p.host : null;
      if (host && typeof p.switch === 'string' && seen.has(host)) {
        edges.push({ name: port, a: host, b: p.switch, links: [portLink(fabric, port, 'tx'), portLink(fabric, port, 'rx')] });
      }
    }
  }
  for (const l of scn.links) if (l.between && seen.has(l.between[0]) && seen.has(l.between[1])) edges.push({ name: l.name, a: l.between[0], b: l.between[1], links: [l.name] });
  for (const [, hv] of entries(topo.hypervisors)) {
    for (const [vm] of entries(hv.vms)) if (typeof hv.host === 'string') vms.push({ name: vm, host: hv.host });
  }
  return { sites: scn.sites, nodes, edges, placements, vms };
}
