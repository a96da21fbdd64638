/**
 * The lanfree protocol's parameters as written in a scenario, checked against
 * the topology and turned into plain data the actors carry: who the clients
 * are and how much each backs up or restores, which partitions are LAN-free
 * servers, which HBA each storage agent uses, and every route a client may
 * need from any server it may run on (Live Partition Mobility moves it).
 */
import { adapterLink, vlanLink } from '../../foundation/link-names.ts';
import { cpuLink } from '../../foundation/link-names.ts';
import { seaLink } from '../../foundation/link-names.ts';
import type { Path } from '../../foundation/path.ts';
import type { ProtocolResolveContext } from '../protocol.ts';
import type { FabricDef } from '../../model/fabrics/fc-fabric.ts';
import { fabricRoute, zoningRefusal } from '../../model/fabrics/fc-fabric.ts';

import { lanRoute } from '../common/lan-route.ts';

import { resolveField } from '../../foundation/declare.ts';
import { modelOf } from '../../model/models.ts';
import { resolveDiskPool, type DiskPoolDef } from './disk-pool.ts';
import { scheduled } from './schedule.ts';
import { LANFREE, type LanFreeSection, type Sessions } from './section.ts';
import { cpuCharges, type CpuCharge } from './costs.ts';
import { npivLink } from '../../foundation/link-names.ts';

export type Design = LanFreeSection['design'];

export interface Session {
  client: string;
  bytes: number;
  /** ticks after the start of the run (backups) or after the last backup (restores, by default) */
  start: number;
  /** this session's number among its client's data sessions (schedule.ts), from 1 */
  part: number;
  parts: number;
}

/** Routes of one client running on one server, link names in order. */
export interface ClientRoutes {
  /**
   * FIG. 4: client -> vEth client adapter -> vLAN -> VIOS -> SEA -> physical LAN -> backup server. The LAN
   * design's data, and a fallback's, takes this path too.
   */
  control: string[];
  /** from the client to the storage agent it sends to (before the agent's CPU and HBA) */
  toAgent: string[];
  /** the storage agent the client reaches from this server: a LAN-free server, the client itself, or the backup server */
  agent: string;
}

export interface LanFreeDef {
  design: Design;
  backupServer: string;
  library: string;
  drives: string[];
  /** empty cartridges the backup server mounts, in order */
  scratch: string[];
  /** LAN-free servers (shared design): the partitions behind the backup vLAN address */
  lanfreeServers: string[];
  /** MAXNUMMP: mount points per client node */
  maxNumMp: number;
  /** MOUNTLIMIT: mount points of the library at once */
  mountLimit: number;
  /** LAN design: the disk storage pool the sessions through the backup server write to, or null */
  diskPool: DiskPoolDef | null;
  transaction: number;
  controlMessage: number;
  /** ticks a client waits for an answer before asking again */
  commTimeout: number;
  /** unanswered requests in a row before it gives up */
  retries: number;
  backups: Session[];
  restores: Session[];
  /** restores start this long after the last backup is recorded; null: at their own start */
  restoreAfterBackups: boolean;
  /** client -> server -> routes */
  routes: Record<string, Record<string, ClientRoutes>>;
  /**
   * storage agent -> server the client runs on -> drive -> FC route from the
   * agent's CPU through its HBA (write direction). Only an NPIV agent's
   * route depends on the server (through that server's VIOS); the others' are
   * the same from every server.
   */
  san: Record<string, Record<string, Record<string, string[]>>>;
  /** the same, from the drive to the agent's CPU (read direction) */
  sanBack: Record<string, Record<string, Record<string, string[]>>>;
  /** VIOS name and cores of each server, for CPU seconds */
  vios: Record<string, { name: string; cores: number }>;
  /** what the cost law charges each CPU the data crosses (byte-cost.ts) */
  charges: CpuCharge[];
  /** initiator ports each storage agent may use */
  hbas: Record<string, string[]>;
  /** the scenario's physical links (topology.links): data crossing any of them crossed the LAN */
  physical: string[];
}

export function resolveLanFree(written: Record<string, unknown>, ctx: ProtocolResolveContext, path: Path): LanFreeDef {
  const at = (...p: (string | number)[]): Path => [...path, ...p];
  const section = resolveField(LANFREE, written, path, ctx);
  const scn = ctx.scenario;
  const compute = modelOf(scn, 'servers');
  const fabrics = modelOf(scn, 'fabrics');
  const tape = modelOf(scn, 'libraries');
  const design = section.design;

  const home = Object.fromEntries(compute.partitions.map((p) => [p.name, p.server]));
  const servers = compute.servers;
  if (servers.length === 0) ctx.fail(at(), 'the lanfree protocol runs on POWER servers with partitions: add topology.servers');

  const backupServer = section.backupServer;
  if (!scn.hosts.has(backupServer)) ctx.fail(at('backupServer'), `no host named '${backupServer}'; the backup server is a host on the physical LAN (topology.hosts): ${[...scn.hosts.keys()].join(', ')}`);

  const library = tape.libraries.find((l) => l.name === section.library);
  if (library === undefined) ctx.fail(at('library'), `no tape library named '${section.library}'; libraries are: ${tape.libraries.map((l) => l.name).join(', ') || '(none: add topology.libraries)'}`);
  const drivePorts = section.drivePorts;
  const drives = library.drives.map((d) => d.name);
  for (const d of drives) if (drivePorts[d] === undefined) ctx.fail(at('drivePorts'), `drive '${d}' of library ${library.name} has no FC port here; give every drive its port: ${drives.join(', ')}`);
  const fabricOf = new Map<string, FabricDef>();
  for (const [d, port] of Object.entries(drivePorts)) {
    if (!drives.includes(d)) ctx.fail(at('drivePorts', d), `'${d}' is not a drive of library ${library.name}; its drives are: ${drives.join(', ')}`);
    const f = fabrics.find((x) => x.ports.some((p) => p.name === port && p.role === 'target'));
    if (f === undefined) ctx.fail(at('drivePorts', d), `no FC target port named '${port}' (a port with no host) in any fabric`);
    fabricOf.set(d, f);
  }
  const generation = library.drives[0].generation;
  const scratch = library.cartridges.filter((c) => c.used === 0 && c.generation === generation).map((c) => c.name);

  const clientOf = (name: string, p: Path): string => {
    if (home[name] === undefined) ctx.fail(p, `no partition named '${name}'; a client is a partition of topology.servers: ${Object.keys(home).join(', ')}`);
    return name;
  };
  const lanfreeServers = section.lanfreeServers.map((n, i) => clientOf(n, at('lanfreeServers', i)));
  if (design === 'shared' && lanfreeServers.length === 0) ctx.fail(at('lanfreeServers'), 'the shared design needs at least one LAN-free server partition (it owns the FC HBAs and runs the storage agent)');

  const backups = sessions(section.backup, 'backup', at('backup'), ctx, clientOf, servers.map((s) => s.partitions), lanfreeServers);
  const restores = sessions(section.restore, 'restore', at('restore'), ctx, clientOf, servers.map((s) => s.partitions), lanfreeServers);
  if (backups.length === 0 && restores.length === 0) ctx.fail(at(), 'nothing to do: give backup (clients and data) or restore');
  for (const [i, r] of restores.entries()) {
    if (!backups.some((b) => b.client === r.client)) ctx.fail(at('restore', 'clients', i), `${r.client} restores, but it has no backup in this scenario to restore from`);
    const backed = backups.find((b) => b.client === r.client)!.bytes;
    if (r.bytes > backed) ctx.fail(at('restore', 'data'), `${r.client} would restore ${r.bytes} bytes but backs up only ${backed}`);
  }
  for (const l of lanfreeServers) if (backups.some((b) => b.client === l)) ctx.fail(at('lanfreeServers'), `'${l}' is both a LAN-free server and a backup client; a LAN-free server partition serves the others`);

  const hbasOf = (host: string, npiv: boolean): string[] => fabrics.flatMap((f) => f.ports.filter((p) => p.role === 'initiator' && p.host === host && p.npiv === npiv).map((p) => p.name));
  const clientsOf = [...new Set([...backups, ...restores].map((b) => b.client))];
  const agents = design === 'shared' ? lanfreeServers : design === 'dedicated' || design === 'npiv' ? clientsOf : [backupServer];
  if (design === 'dedicated') refuseMigrations(scn.faults, clientsOf, ctx);
  const hbas: Record<string, string[]> = {};
  const san: Record<string, Record<string, Record<string, string[]>>> = {};
  const sanBack: Record<string, Record<string, Record<string, string[]>>> = {};
  // The backup server's own tape path is needed by the LAN design and by the fallback of the others.
  for (const agent of [...new Set([...agents, backupServer])]) {
    const npiv = design === 'npiv' && agent !== backupServer;
    const own = hbasOf(agent, npiv);
    const where = agent === backupServer ? at('backupServer') : design === 'shared' ? at('lanfreeServers', lanfreeServers.indexOf(agent)) : at('backup', 'clients');
    if (own.length === 0) ctx.fail(where, npiv
      ? `${agent} has no virtual FC port: give a fabric port 'host: ${agent}' and 'npiv: true' (its virtual WWPN, mapped through its server's VIOS)`
      : `${agent} has no FC HBA: give one of the fabric's ports 'host: ${agent}'${agent === backupServer ? ' (the backup server writes to tape through it in the LAN design and when a SAN path fails)' : ''}`);
    if (!ctx.names.has('cpu', agent)) ctx.fail(where, `${agent} has no CPU modelled; give it cores (topology.hosts.${agent}.cores) so its copies cost CPU`);
    hbas[agent] = own;
    san[agent] = {};
    sanBack[agent] = {};
    for (const s of servers) {
      san[agent][s.name] = {};
      sanBack[agent][s.name] = {};
      for (const [i, d] of drives.entries()) {
        const f = fabricOf.get(d)!;
        const mine = own.filter((p) => f.ports.some((x) => x.name === p));
        if (mine.length === 0) ctx.fail(where, `${agent} has no ${npiv ? 'virtual FC port' : 'HBA'} in fabric '${f.name}', where drive ${d} is`);
        const port = mine[i % mine.length];
        // Zoning is by the port the drive sees: the HBA's WWPN, or the partition's virtual WWPN with NPIV.
        const refusal = zoningRefusal(f, port, drivePorts[d]);
        if (refusal !== null) ctx.fail(at('drivePorts', d), refusal);
        let through: string[] = [];
        let physical = port;
        if (npiv) {
          const v = s.vios;
          if (v === null) ctx.fail(['topology', 'servers', s.name, 'vios'], `${agent} may run on ${s.name}, which has no VIOS to map its virtual FC adapter through`);
          const phys = hbasOf(v.name, false).filter((p) => f.ports.some((x) => x.name === p));
          if (phys.length === 0) ctx.fail(['topology', 'fabrics', f.name, 'ports'], `VIOS ${v.name} (server ${s.name}) has no physical FC port in fabric '${f.name}' for ${agent}'s virtual WWPN ${port} to log in through; give one 'host: ${v.name}'`);
          physical = phys[i % phys.length];
          through = [npivLink(v.name)];
        }
        san[agent][s.name][d] = [cpuLink(agent), ...through, ...fabricRoute(f, physical, drivePorts[d])];
        sanBack[agent][s.name][d] = [...fabricRoute(f, drivePorts[d], physical), ...through, cpuLink(agent)];
      }
    }
  }

  const vios: Record<string, { name: string; cores: number }> = {};
  for (const s of servers) if (s.vios !== null) vios[s.name] = { name: s.vios.name, cores: s.vios.cores };
  const routes: Record<string, Record<string, ClientRoutes>> = {};
  for (const c of clientsOf) {
    routes[c] = {};
    for (const s of servers) {
      const v = s.vios;
      if (v === null) ctx.fail(['topology', 'servers', s.name, 'vios'], `client ${c} may run on ${s.name}, which has no VIOS to bridge its virtual LAN to the physical LAN and the backup server`);
      const uplink = lanRoute(scn.links, v.name, backupServer);
      if (uplink === null) ctx.fail(at('backupServer'), `no physical LAN path joins VIOS ${v.name} (server ${s.name}) to the backup server ${backupServer}; link them under topology.links with 'between' (list ${v.name} under topology.hosts)`);
      const out = [adapterLink(c, s.name), vlanLink(s.name), seaLink(v.name)];
      const control = [...out, ...uplink];
      let agent: string;
      let toAgent: string[];
      if (design === 'lan') { agent = backupServer; toAgent = control; }
      else if (design === 'dedicated' || design === 'npiv') { agent = c; toAgent = []; }
      else {
        // FIG. 5: the backup vLAN address answers from the LAN-free server on the client's own server, else from the first one.
        const local = lanfreeServers.find((l) => home[l] === s.name);
        agent = local ?? lanfreeServers[0];
        if (local !== undefined) toAgent = [adapterLink(c, s.name), vlanLink(s.name), adapterLink(agent, s.name)];
        else {
          const there = servers.find((x) => x.name === home[agent])!;
          const cross = there.vios === null ? null : lanRoute(scn.links, v.name, there.vios.name);
          if (cross === null) ctx.fail(at('lanfreeServers'), `client ${c} on ${s.name} has no LAN-free server on its own server, and no LAN path reaches ${agent} on ${there.name}`);
          toAgent = [...out, ...cross, seaLink(there.vios!.name), vlanLink(there.name), adapterLink(agent, there.name)];
        }
      }
      routes[c][s.name] = { control, toAgent, agent };
    }
  }

  const charges = cpuCharges(design, compute, { backupServer, lanfreeServers, clients: clientsOf });

  return {
    design, backupServer, library: library.name, drives, scratch, lanfreeServers,
    maxNumMp: section.maxNumMp, mountLimit: Math.min(section.mountLimit ?? drives.length, drives.length),
    diskPool: design === 'lan' ? resolveDiskPool(section.diskPool, ctx, at('diskPool'), restores.length) : null,
    transaction: section.transaction, controlMessage: section.controlMessage,
    commTimeout: section.commTimeout, retries: section.retries,
    backups: scheduled(backups, home, section.startOrder, section.sessionsPerNode),
    restores: scheduled(restores, home, section.startOrder),
    restoreAfterBackups: section.restore?.start === undefined,
    routes, san, sanBack, vios, charges, hbas, physical: scn.links.map((l) => l.name),
  };
}

/**
 * PowerVM refuses Live Partition Mobility for a partition that owns a
 * physical adapter (IBM, "Preparing the mobile partition": the mobile
 * partition may have no physical or required I/O adapters), so a migration of a
 * dedicated-HBA client is an error of the scenario, not minutes of invented
 * reconfiguration. Virtual FC (the npiv design) or the shared design move.
 */
function refuseMigrations(faults: Omit<ProtocolResolveContext['scenario'], never>['faults'], clients: string[], ctx: ProtocolResolveContext): void {
  for (const f of faults) {
    if (f.kind === 'migrate' && clients.includes(f.target)) {
      ctx.fail(['faults', f.index, 'migrate', 'partition'], `${f.target} owns a physical FC HBA in the dedicated design, and PowerVM refuses Live Partition Mobility for a partition with a physical adapter; remove the migration for this design (a variant may set faults: []) or use the npiv or shared design, whose adapters are virtual`);
    }
  }
}

/**
 * `clients` is a list of partitions, or a count N: the first N partitions
 * taking the servers in turn (p1's first, p2's first, p1's second ...),
 * leaving out LAN-free servers, so a sweep over N spreads clients evenly.
 */
function sessions(
  raw: Sessions | undefined, what: string, p: Path, ctx: ProtocolResolveContext,
  clientOf: (n: string, p: Path) => string, perServer: string[][], lanfree: string[],
): Session[] {
  if (raw === undefined) return [];
  let clients: string[];
  if (typeof raw.clients === 'number') {
    const pools = perServer.map((ps) => ps.filter((x) => !lanfree.includes(x)));
    const order: string[] = [];
    for (let i = 0; order.length < pools.flat().length; i++) for (const pool of pools) if (i < pool.length) order.push(pool[i]);
    if (raw.clients > order.length) ctx.fail([...p, 'clients'], `${raw.clients} clients asked for, but the servers have ${order.length} partitions that are not LAN-free servers`);
    clients = order.slice(0, raw.clients);
  } else {
    clients = raw.clients.map((c, i) => clientOf(c, [...p, 'clients', i]));
    if (new Set(clients).size !== clients.length) ctx.fail([...p, 'clients'], `a client is listed twice; each ${what}s once`);
  }
  const data = raw.data;
  const start = raw.start ?? 0;
  return clients.map((client) => {
    let bytes: number;
    if (typeof data === 'object') {
      const v = data[client];
      if (v === undefined) ctx.fail([...p, 'data'], `no data size for ${client}; give one per client or a single size for all`);
      bytes = v;
    } else bytes = data;
    if (!(bytes > 0)) ctx.fail([...p, 'data'], `a ${what} moves more than 0 bytes`);
    return { client, bytes, start, part: 1, parts: 1 };
  });
}
