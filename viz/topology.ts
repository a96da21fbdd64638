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
import { zonesOf } from './topology-zones.ts';

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
    // No zones: who talks is the fabric's default zone (all-access as switches ship; the fabrics family's default).
    // Past three zones (single-initiator zoning makes one per HBA) the switch says how many; the legend names them.
    const named = entries(f.zones).map(([z, members]) => `zone ${z} (${Array.isArray(members) ? members.length : 0})`);
    const zones = named.length === 0 ? [`no zones: ${str(f.defaultZone) ?? 'all-access'}`] : named.length > 3 ? [`${named.length} zones`] : named;
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
  const zones: Topology['zones'] = [];
  for (const [fabric, f] of entries(topo.fabrics)) {
    const ports = entries(f.ports).filter(([, p]) => str(p.switch) !== null);
    // A drive's port: the protocol names which library drive sits behind it.
    const driveOf = (port: string): string | undefined => drivePorts.find(([, named]) => named === port)?.[0];
    // A target with nothing of the scenario behind it (a storage port) is a box of its own, so its zones can reach it.
    for (const [port, p] of ports) if (!str(p.host) && !driveOf(port)) add(port, 'port', siteOf(f));
    const ownerOf = (port: string): string => str(ports.find(([n]) => n === port)?.[1].host) ?? driveOf(port)?.split('/')[0] ?? port;
    for (const [port, p] of ports) {
      const links = [portLink(fabric, port, 'tx'), portLink(fabric, port, 'rx')];
      const sw = str(p.switch)!, host = str(p.host), drive = driveOf(port);
      // A virtual WWPN has no cable: its frames cross the VIOS of the server its partition runs on, and that VIOS's port.
      const via = p.npiv === true && host ? seen.get(seen.get(host)?.server ?? '')?.vios : undefined;
      if (p.npiv === true && host) join({ name: port, a: host, b: sw, links: [], kind: 'vfc', what: `virtual FC ${port} (NPIV)`, ...(via ? { via } : {}) });
      else if (host) join({ name: port, a: host, b: sw, links, kind: 'fc', what: `HBA ${port}` });
      else join({ name: port, a: ownerOf(port), b: sw, links, kind: 'fc', what: drive ? `tape drive ${drive} on port ${port}` : `target port ${port}` });
    }
    const written = entries(f.zones).map(([z, m]) => [z, Array.isArray(m) ? (m as string[]) : []] as const);
    zones.push(...zonesOf(fabric, ports.map(([name, p]) => ({ name, host: str(p.host) })), written, (port) => (seen.has(ownerOf(port)) ? ownerOf(port) : null)));
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
  return { sites: scn.sites, nodes, edges, placements, vms, zones };
}
