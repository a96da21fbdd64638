/**
 * A physical server cut into logical partitions (POWER LPARs). Each partition
 * is a host of its own: it has dedicated cores (its entitlement, taken from
 * the server's cores, each copying at the server's per-core rate) and a
 * `<partition>.cpu` link like any host. Partitions of one server talk over
 * the hypervisor's virtual Ethernet, a virtual LAN `<server>.vlan` with its own
 * bandwidth and latency; a VIO server partition (vios.ts) bridges it to the
 * physical LAN.
 *
 * Virtual adapters: a partition has one virtual Ethernet adapter link per
 * server of the scenario, `<partition>@<server>`, as if its profile existed on
 * every server it could be moved to; only the adapter on the server it runs on
 * is up. A route between two partitions of server s is
 * [a@s, s.vlan, b@s]; out to the LAN it is [a@s, s.vlan, <vios>.sea, ...].
 * Live Partition Mobility (lpm.ts) moves a partition and swaps which adapter
 * is up; actors ask `partition.where` to build their routes.
 *
 * Each server also has a mover link `<server>.mover`: the Ethernet of its
 * mover service partition, which carries a migrating partition's memory
 * (route [from.mover, to.mover] unless a migration names its own).
 */
import { adapterLink, moverLink, vlanLink } from '../../foundation/link-names.ts';
import { cpuLink } from '../../foundation/link-names.ts';
import { npivLink, seaLink } from '../../foundation/link-names.ts';
import type { Path } from '../../foundation/path.ts';
import type { BuildContext, ResolveContext } from '../family.ts';
import { HostCpu, clockField, copyBandwidth, cpuSpec, DEFAULT_CLOCK, DEFAULT_CLOCK_SOURCE } from './host.ts';
import { resolveVios, VIOS, type ViosDef } from './vios.ts';
import { duration, named, number, object, oneOf, rate, resolveField, size, type Resolved } from '../../foundation/declare.ts';
import { guestFields, policyFields, type PrecopyPolicy } from '../precopy.ts';
import { ioCostFields, tcpCostFields, type CpuCost } from './cpu-cost.ts';

const PARTITION = object({
  cores: number({ description: 'Dedicated cores (the entitlement; fractions allowed).', default: 1, unit: 'cores (dedicated)', source: 'configuration (one dedicated core); partitions plus the VIOS must fit in the server\'s cores' }),
  memory: size({ description: 'Memory of the partition: what Live Partition Mobility copies in its first round.', required: true, source: 'configuration; what LPM copies' }),
  ...guestFields('partition'),
});

/** `topology.servers`, declared once. */
export const SERVERS = named(object({
  cores: number({ description: 'Physical cores; the partitions\' and the VIOS\'s entitlements must fit in them.', required: true, unit: 'cores' }),
  copyBandwidth: copyBandwidth('Memory-copy rate of one core, for the partitions\' CPU links.', '. A partition keeps its server of origin\'s rate when it migrates'),
  clock: clockField('Processor clock of the partitions\' cores: what the cost law\'s cycles per byte are counted against (byte-cost.ts). A partition keeps its server of origin\'s clock when it migrates.', `${DEFAULT_CLOCK / 1e9} GHz`, DEFAULT_CLOCK_SOURCE),
  ...tcpCostFields(),
  ...ioCostFields('the partitions issue (a partition keeps its server of origin\'s when it migrates)'),
  partitions: named(PARTITION, { description: 'Logical partitions that start on this server. Each is a host: it gets a CPU link `P.cpu` and may also be listed under topology.hosts (without cores) to join physical links or stand in a site.' }),
  vlan: object({
    bandwidth: rate({
      description: 'Bandwidth of the virtual Ethernet.',
      default: '50 Gb/s',
      positive: true,
      source: 'IBM Techdocs WP102707 (POWER8, Platform Large Send: > 50 Gb/s between AIX and SLES partitions in one CEC), domain-figures §4; p5-520/570 tech overviews quote 1-3 Gb/s depending on MTU and entitlement for POWER5/6',
    }),
    latency: duration({ description: 'Latency of the virtual Ethernet.', default: '20 us', source: 'UNSOURCED: no published latency of the POWER Hypervisor virtual switch was found; assumed of the order of a software-switched NIC path (tens of microseconds)' }),
  }, { description: 'The hypervisor\'s virtual Ethernet between partitions of this server: link `NAME.vlan`; route [A@NAME, NAME.vlan, B@NAME].' }),
  vios: VIOS,
  mover: object({
    bandwidth: rate({
      description: 'Bandwidth of the mover service partition\'s Ethernet (LPM over Gigabit Ethernet).',
      default: '80 MB/s',
      positive: true,
      source: 'IBM developerWorks "Live Partition Mobility requirements": "assuming a Gigabit Ethernet can transmit 80 MB/sec … 256 GB … at least 3276.8 s" (its arithmetic is 1024-based), domain-figures §4',
      spread: { high: '120 MB/s', source: 'live migration measured at about 119 MB/s on GbE (Hyper-V WS2012, aidanfinn.com/?p=12228): 80-120 MB/s (domain-figures §5, §10)' },
    }),
    latency: duration({ description: 'Latency of the mover link.', default: '0 s', source: 'configuration; negligible against a memory copy of minutes' }),
  }, { description: 'The Ethernet of this server\'s mover service partition: link `NAME.mover`, which carries migrating partitions\' memory.' }),
  lpm: object({
    ...policyFields({
      rounds: { value: 30, source: 'UNSOURCED: IBM documents that the passes end "when a sufficient number of pages are clean or the timeout is reached" (Veritas SFHA 6.0 AIX guide), not how many' },
      stopDowntime: { value: '1 s', source: 'UNSOURCED: "when a high percentage of the pages have been successfully copied" (Wikipedia, Live Partition Mobility); no figure published' },
      switchover: { description: 'Fixed cost of the switch-over after the final copy (the partition stays suspended): downtime = final copy + this.', value: '2 s', source: 'UNSOURCED: LPM suspend/brownout duration not found (domain-figures §5, assumption 1-2 s; §10 range 1-5 s)' },
      convergence: { value: 'continue', source: 'IBM (Veritas SFHA 6.0 AIX guide, "Performance considerations"): passes continue until enough pages are clean or the timeout is reached, then the partition moves' },
    }),
    inflight: oneOf(['pause', 'fail'], {
      description: 'Connections over the partition\'s adapter during the switch-over: `pause` (they stall and go on) or `fail` (TransferFailed).',
      default: 'pause',
      unit: 'pause or fail',
      source: 'model choice: a TCP connection survives LPM (the partition keeps its MAC and IP), so flows over the old adapter stall for the pause and go on; `fail` makes them fail instead',
    }),
  }, { description: 'Live Partition Mobility of partitions leaving this server: memory copied in rounds (sim/model/precopy.ts), then the partition is suspended for the final copy and the switch-over.' }),
}), { description: 'Physical servers cut into logical partitions (POWER-like). Each makes the links `NAME.vlan` (the hypervisor\'s virtual Ethernet), `NAME.mover` (its mover service partition\'s Ethernet, for LPM), `VIOS.sea` (the VIOS\'s Shared Ethernet Adapter, a device), `VIOS.npiv` (its NPIV pass-through, a device) and, for every partition P of the scenario, the virtual adapter `P@NAME` (up only while P runs on this server).' });
type ServerEntry = Resolved<typeof SERVERS>[number];

export type Inflight = ServerEntry['lpm']['inflight'];

export interface PartitionDef extends CpuCost {
  name: string;
  /** the server it starts on */
  server: string;
  cores: number;
  /** bytes, what LPM copies in its first round */
  memory: number;
  /** bytes/s it dirties, and at most how much is dirty at once */
  dirtyRate: number;
  workingSet: number;
  copyBandwidth: number;
  /** Hz */
  clock: number;
}

export interface ServerDef {
  name: string;
  cores: number;
  copyBandwidth: number;
  vlan: ServerEntry['vlan'];
  mover: ServerEntry['mover'];
  vios: ViosDef | null;
  /** how partitions leaving this server are copied and switched over */
  precopy: PrecopyPolicy;
  /** what happens to connections over a leaving partition's adapter during the pause */
  inflight: Inflight;
  partitions: string[];
}

/** topology.servers: checks placement and entitlements, defines the names job steps and faults use. */
export function resolveServers(topology: Record<string, unknown>, ctx: ResolveContext): { servers: ServerDef[]; partitions: PartitionDef[] } {
  const servers: ServerDef[] = [];
  const partitions: PartitionDef[] = [];
  const home = new Map<string, string>();
  const switches = Object.keys(topology.switches ?? {});
  const entries = resolveField(SERVERS, topology.servers, ['topology', 'servers'], ctx);
  const serverNames = entries.map((s) => s.name);
  for (const s of entries) {
    const { name, cores, copyBandwidth, tcpCycles, zeroCopyShare, ioCycles, ioSize } = s;
    const clock = s.clock ?? DEFAULT_CLOCK;
    const p: Path = ['topology', 'servers', name];
    if (!(cores > 0)) ctx.fail([...p, 'cores'], 'a server needs more than 0 cores');
    const vios = s.vios === undefined ? null : resolveVios(name, s.vios, ctx, [...p, 'vios']);

    const mine: string[] = [];
    let entitled = vios?.cores ?? 0;
    const shares: string[] = vios ? [`${vios.name} ${vios.cores}`] : [];
    for (const { name: pname, cores: pcores, memory, dirtyRate, workingSet } of s.partitions) {
      const pp: Path = [...p, 'partitions', pname];
      const other = home.get(pname);
      if (other !== undefined) ctx.fail(pp, `'${pname}' is already a partition of server '${other}'; a partition runs on one server at a time (move it with a migrate fault or lpm.migrate)`);
      if (serverNames.includes(pname)) ctx.fail(pp, `'${pname}' is also a server's name; give the partition another`);
      if (switches.includes(pname)) ctx.fail(pp, `'${pname}' is a switch; give the partition another name`);
      if (vios !== null && vios.name === pname) ctx.fail(pp, `'${pname}' is this server's VIOS; the VIOS is described under vios, not among the partitions`);
      if (!(pcores > 0)) ctx.fail([...pp, 'cores'], 'a partition is entitled to more than 0 cores');
      if (workingSet !== undefined && workingSet > memory) ctx.fail([...pp, 'workingSet'], `a working set of ${workingSet} bytes is more than the partition's memory (${memory} bytes)`);
      home.set(pname, name);
      mine.push(pname);
      entitled += pcores;
      shares.push(`${pname} ${pcores}`);
      partitions.push({ name: pname, server: name, cores: pcores, memory, dirtyRate, workingSet: workingSet ?? memory, copyBandwidth, clock, tcpCycles, zeroCopyShare, ioCycles, ioSize });
    }
    if (entitled > cores + 1e-9) ctx.fail([...p, 'partitions'], `the partitions${vios ? ' and the VIOS' : ''} are entitled to ${entitled} cores (${shares.join(', ')}) but ${name} has ${cores}`);
    if (vios !== null) {
      for (const other of servers) if (other.vios?.name === vios.name) ctx.fail([...p, 'vios', 'name'], `server '${other.name}' already has a VIOS named '${vios.name}'`);
    }
    const { inflight, ...precopy } = s.lpm;
    servers.push({ name, cores, copyBandwidth, vlan: s.vlan, mover: s.mover, vios, precopy, inflight, partitions: mine });
  }
  for (const v of servers) if (v.vios !== null && home.has(v.vios.name)) ctx.fail(['topology', 'servers', v.name, 'vios', 'name'], `'${v.vios.name}' is a partition of server '${home.get(v.vios.name)}'; name the VIOS differently`);

  // Names: servers and partitions for faults and job steps, links for routes, devices for device-fails.
  const link = (name: string, at: Path): void => {
    if (ctx.names.has('link', name)) ctx.fail(at, `this makes a link named '${name}', but a link of that name already exists (topology.links or another family); rename one`);
    ctx.names.define('link', name);
  };
  for (const s of servers) {
    const p: Path = ['topology', 'servers', s.name];
    ctx.names.define('server', s.name);
    link(vlanLink(s.name), p);
    link(moverLink(s.name), p);
    if (s.vios !== null) {
      ctx.names.define('vios', s.vios.name);
      for (const l of [seaLink(s.vios.name), npivLink(s.vios.name)]) {
        link(l, [...p, 'vios']);
        ctx.names.define('device', l);
      }
    }
  }
  for (const d of partitions) {
    const p: Path = ['topology', 'servers', d.server, 'partitions', d.name];
    for (const k of ['partition', 'host', 'cpu']) ctx.names.define(k, d.name);
    link(cpuLink(d.name), p);
    ctx.names.define('device', cpuLink(d.name));
    for (const s of servers) link(adapterLink(d.name, s.name), p);
  }
  return { servers, partitions };
}

/** A server in a run: its links and the cores its partitions (and arriving ones) take. */
export class Server {
  /** cores entitled to the VIOS, the partitions on it, and partitions migrating to it */
  used: number;
  sea: number | null = null;
  npiv: number | null = null;

  constructor(readonly def: ServerDef, readonly vlan: number, readonly mover: number) {
    this.used = def.vios?.cores ?? 0;
  }

  get free(): number {
    return this.def.cores - this.used;
  }
}

/** A partition in a run: where it runs, its CPU, its adapters (one per server) and a migration under way. */
export class Partition {
  migratingTo: Server | null = null;

  constructor(
    readonly def: PartitionDef,
    public server: Server,
    readonly cpu: HostCpu,
    /** server name -> adapter link id */
    readonly adapters: ReadonlyMap<string, number>,
  ) {}
}

/** Adds the servers' links and devices and their partitions' CPUs and adapters (down but on the home server). */
export function buildServers(
  def: { servers: ServerDef[]; partitions: PartitionDef[] },
  ctx: BuildContext,
  cpus: Map<string, HostCpu>,
  devices: Map<string, number>,
): { servers: Map<string, Server>; partitions: Map<string, Partition> } {
  const net = ctx.kernel.net;
  const servers = new Map<string, Server>();
  for (const s of def.servers) {
    const server = new Server(s, net.addLink(vlanLink(s.name), s.vlan), net.addLink(moverLink(s.name), s.mover));
    if (s.vios !== null) {
      server.sea = ctx.device(seaLink(s.vios.name), 'sea', { bandwidth: s.vios.rate });
      devices.set(seaLink(s.vios.name), server.sea);
      server.npiv = ctx.device(npivLink(s.vios.name), 'npiv', { bandwidth: s.vios.npivRate });
      devices.set(npivLink(s.vios.name), server.npiv);
    }
    servers.set(s.name, server);
  }
  const partitions = new Map<string, Partition>();
  for (const d of def.partitions) {
    const { name: host, cores, copyBandwidth, clock, tcpCycles, zeroCopyShare, ioCycles, ioSize } = d;
    const cpuDef = { host, cores, copyBandwidth, clock, tcpCycles, zeroCopyShare, ioCycles, ioSize };
    const cpuId = ctx.device(cpuLink(d.name), 'cpu', cpuSpec(cpuDef));
    devices.set(cpuLink(d.name), cpuId);
    const cpu = new HostCpu(cpuDef, cpuId, net);
    cpus.set(d.name, cpu);
    const adapters = new Map<string, number>();
    for (const s of def.servers) {
      const id = net.addLink(adapterLink(d.name, s.name), { bandwidth: s.vlan.bandwidth });
      if (s.name !== d.server) net.setLinkUp(id, false);
      adapters.set(s.name, id);
    }
    const home = servers.get(d.server)!;
    home.used += d.cores;
    partitions.set(d.name, new Partition(d, home, cpu, adapters));
  }
  return { servers, partitions };
}
