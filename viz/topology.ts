/**
 * The equipment a scenario names, read from its document (after the variant
 * is applied) for drawing: sites, hosts, switches, servers with their VIOS
 * and partitions, FC fabrics (switches, HBAs physical and virtual, ISLs,
 * zones), storage arrays with their volumes and mirrors, tape and virtual
 * libraries, and the links between them. Only names and places: what the
 * equipment does is the simulator's business.
 */
import { adapterLink, islLink, npivLink, portLink, seaLink, vlanLink } from '../sim/foundation/link-names.ts';
import type { Scenario } from '../sim/foundation/scenario.ts';

import type { TopoEdge, TopoNode, Topology } from './run-view.ts';

type Obj = Record<string, unknown>;

const entries = (v: unknown): [string, Obj][] =>
  typeof v === 'object' && v !== null ? Object.entries(v as Record<string, Obj | null>).map(([k, x]) => [k, x ?? {}]) : [];
const siteOf = (x: Obj): string | null => (typeof x.site === 'string' ? x.site : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

export function topologyOf(scn: Scenario, doc: unknown): Topology {
  const d = (doc ?? {}) as { topology?: Obj; protocol?: Obj };
  const topo = d.topology ?? {};
  const nodes: TopoNode[] = [];
  const edges: TopoEdge[] = [];
  const vms: Topology['vms'] = [];
  const seen = new Map<string, TopoNode>();
  const add = (name: string, kind: TopoNode['kind'], site: string | null, more: Partial<TopoNode> = {}): void => {
    if (seen.has(name)) return;
    const n: TopoNode = { name, kind, site, ...more };
    seen.set(name, n);
    nodes.push(n);
  };
  const join = (e: TopoEdge): void => { if (seen.has(e.a) && seen.has(e.b) && e.a !== e.b) edges.push(e); };
  for (const [name, site] of scn.switches) add(name, 'switch', site ?? null);
  for (const [name, site] of scn.hosts) add(name, 'host', site ?? null);
  const servers = entries(topo.servers);
  for (const [name, s] of servers) {
    const parts = entries(s.partitions);
    const vios = str((s.vios as Obj | undefined)?.name);
    add(name, 'server', siteOf(s), { details: [plural(parts.length, 'partition')], ...(vios ? { vios } : {}) });
    for (const [p] of parts) add(p, 'partition', siteOf(s), { server: name });
  }
  const placements = nodes.filter((n) => n.kind === 'partition').flatMap((p) => servers.map(([server]) => ({ link: adapterLink(p.name, server), partition: p.name, server })));
  for (const [name, s] of entries(topo.storage)) {
    add(name, 'storage', siteOf(s), { details: entries(s.volumes).map(([v, x]) => `${v}${str(x.size) ? ` ${x.size}` : ''}`) });
  }
  for (const [name, l] of entries(topo.libraries)) add(name, 'library', siteOf(l), { details: [`drives ${entries(l.drives).map(([dr]) => dr).join(' ')}`] });
  for (const [name, v] of entries(topo.vtls)) add(name, 'vtl', siteOf(v), { details: ['virtual tape'] });
  for (const [fabric, f] of entries(topo.fabrics)) {
    const zones = entries(f.zones).map(([z, members]) => `zone ${z} (${Array.isArray(members) ? members.length : 0})`);
    const switches = entries(f.switches);
    for (const [sw] of switches) add(sw, 'fabric', siteOf(f), { details: [`${fabric}${str(f.generation) ? ` ${f.generation}` : ''}`, ...zones] });
    for (const [isl, x] of entries(f.isls)) {
      const [a, b] = Array.isArray(x.between) ? (x.between as string[]) : [];
      if (a && b) join({ name: isl, a, b, links: [islLink(fabric, isl, a, b), islLink(fabric, isl, b, a)], kind: 'isl', what: `ISL ${isl}` });
    }
  }
  for (const [name, s] of servers) {
    const vios = str((s.vios as Obj | undefined)?.name);
    // The partitions reach the LAN over the hypervisor's vLAN and the VIOS's SEA, their virtual FC through its NPIV.
    if (vios) join({ name: `${name}-vios`, a: name, b: vios, links: [vlanLink(name)], kind: 'vlan', what: `vLAN ${vlanLink(name)}, bridged by the SEA ${seaLink(vios)}; NPIV ${npivLink(vios)}` });
  }
  const drivePorts = entries((d.protocol as Obj | undefined)?.drivePorts).map(([drive, port]) => [drive, port as unknown] as const);
  for (const [fabric, f] of entries(topo.fabrics)) {
    for (const [port, p] of entries(f.ports)) {
      const links = [portLink(fabric, port, 'tx'), portLink(fabric, port, 'rx')];
      const sw = str(p.switch);
      if (!sw) continue;
      const host = str(p.host);
      if (host) join({ name: port, a: host, b: sw, links, kind: 'fc', what: p.npiv === true ? `virtual FC ${port} (NPIV)` : `HBA ${port}` });
      // A drive's port: the protocol names which library drive sits behind it.
      const drive = drivePorts.find(([, named]) => named === port)?.[0];
      const library = drive?.split('/')[0];
      if (!host && library) join({ name: port, a: library, b: sw, links, kind: 'fc', what: `tape drive ${drive} on port ${port}` });
    }
  }
  for (const [name, s] of entries(topo.storage)) {
    for (const [m, x] of entries(s.mirrors)) {
      const to = str((x.to as Obj | undefined)?.system);
      const route = Array.isArray(x.route) ? (x.route as string[]) : [];
      if (to) join({ name: m, a: name, b: to, links: route, kind: 'mirror', what: `mirror ${m} of ${str(x.volume) ?? 'a volume'}${route.length ? ` via ${route.join(', ')}` : ''}` });
    }
  }
  for (const [name, v] of entries(topo.vtls)) {
    const r = (v.replicate ?? {}) as Obj;
    const to = str(r.to), route = Array.isArray(r.route) ? (r.route as string[]) : [];
    if (to) join({ name: `${name}-replica`, a: name, b: to, links: route, kind: 'replica', what: `replication to ${to}${route.length ? ` via ${route.join(', ')}` : ''}` });
    const tape = str(v.tape);
    if (tape) join({ name: `${name}-tape`, a: name, b: tape.split('/')[0], links: [], kind: 'tape', what: `copies to tape drive ${tape}` });
  }
  for (const l of scn.links) if (l.between) join({ name: l.name, a: l.between[0], b: l.between[1], links: [l.name], kind: 'ethernet', what: `link ${l.name}` });
  const disks = new Set<string>();
  for (const [, hv] of entries(topo.hypervisors)) {
    const host = str(hv.host);
    for (const [vm, x] of entries(hv.vms)) {
      if (host) vms.push({ name: vm, host });
      for (const [, disk] of entries(x.disks)) {
        const system = str(disk.storage);
        if (host && system && !disks.has(`${host} ${system}`)) {
          disks.add(`${host} ${system}`);
          join({ name: `${host}-${system}`, a: host, b: system, links: [], kind: 'disk', what: `the VMs of ${host} keep their disks on ${system}` });
        }
      }
    }
  }
  return { sites: scn.sites, nodes, edges, placements, vms };
}
