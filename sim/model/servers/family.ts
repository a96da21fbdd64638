/**
 * The compute family: host CPUs as memory-copy cost (host.ts), physical
 * servers cut into logical partitions with the hypervisor's virtual Ethernet
 * (server.ts), the VIO server's Shared Ethernet Adapter (vios.ts) and Live
 * Partition Mobility (lpm.ts). It extends `topology.hosts` entries with
 * `cores` and `copyBandwidth`, and owns `topology.servers`.
 */
import { cpuLink } from '../../foundation/link-names.ts';
import type { Family, FamilyRuntime, ParamDoc } from '../family.ts';
import { defineHostCopy, HostCpu, cpuSpec, resolveHostCpus, type CpuDef } from './host.ts';
import { LiveMobility } from './lpm.ts';
import { Delegate } from '../delegate.ts';
import { buildServers, resolveServers, type PartitionDef, type ServerDef } from './power-server.ts';
import { seaCyclesPerByte } from './vios.ts';
import { duration, namedMap, rate } from '../schema-parts.ts';

export interface ComputeDef {
  hosts: CpuDef[];
  servers: ServerDef[];
  partitions: PartitionDef[];
}

const CACHEBENCH = 'Intel community thread "Single-threaded memory performance for dual socket Xeon E5-* systems" (CacheBench 64 MiB copy: E5-2650 v2 6249 MB/s, E5-2670 5896 MB/s; X5660 9283, i7-3960X 11525), domain-figures §6; range 6-12 GB/s';

const SERVER_SCHEMA = namedMap(
  'Physical servers cut into logical partitions (POWER-like). Each makes the links `NAME.vlan` (the hypervisor\'s virtual Ethernet), `NAME.mover` (its mover service partition\'s Ethernet, for LPM), `VIOS.sea` (the VIOS\'s Shared Ethernet Adapter, a device) and, for every partition P of the scenario, the virtual adapter `P@NAME` (up only while P runs on this server).',
  {
    type: 'object',
    additionalProperties: false,
    required: ['cores'],
    properties: {
      cores: { type: 'number', description: 'Physical cores; the partitions\' and the VIOS\'s entitlements must fit in them.' },
      copyBandwidth: rate('Memory-copy rate of one core, for the partitions\' CPU links. Default 6 GB/s.'),
      partitions: {
        type: 'object',
        description: 'Logical partitions that start on this server. Each is a host: it gets a CPU link `P.cpu` and may also be listed under topology.hosts (without cores) to join physical links or stand in a site.',
        propertyNames: { $ref: '#/definitions/name' },
        additionalProperties: {
          type: 'object',
          additionalProperties: false,
          required: ['memory'],
          properties: {
            cores: { type: 'number', description: 'Dedicated cores (the entitlement; fractions allowed). Default 1.' },
            memory: { $ref: '#/definitions/size', description: 'Memory of the partition: what Live Partition Mobility copies.' },
          },
        },
      },
      vlan: {
        type: 'object',
        additionalProperties: false,
        description: 'The hypervisor\'s virtual Ethernet between partitions of this server: link `NAME.vlan`; route [A@NAME, NAME.vlan, B@NAME].',
        properties: {
          bandwidth: rate('Default 50 Gb/s (POWER8 with Platform Large Send).'),
          latency: duration('Default 20 us (UNSOURCED).'),
        },
      },
      vios: {
        type: 'object',
        additionalProperties: false,
        description: 'A VIO server partition bridging the virtual LAN to the physical one with a Shared Ethernet Adapter: device link `VIOS.sea`, bandwidth cores × clock / cyclesPerByte; route out [P@NAME, NAME.vlan, VIOS.sea, <physical link>].',
        properties: {
          name: { $ref: '#/definitions/name', description: 'Name of the VIOS partition. Default NAME-vios.' },
          cores: { type: 'number', description: 'Cores entitled to the VIOS (taken from the server\'s). Default 1.' },
          clock: { type: 'string', pattern: '^\\s*[0-9]+(\\.[0-9]+)?\\s*(GHz|MHz)\\s*$', description: 'Processor clock, e.g. "3.5 GHz". Default 1.65 GHz (the sizing rule\'s processor).' },
          mtu: { type: 'integer', enum: [1500, 9000], description: 'Ethernet MTU: 1500 (default) or 9000 (jumbo frames, half the CPU per byte).' },
          cyclesPerByte: { type: 'number', description: 'Processor cycles per bridged byte; overrides the figure the MTU implies (14.6 at 1500, 7.0 at 9000).' },
        },
      },
      mover: {
        type: 'object',
        additionalProperties: false,
        description: 'The Ethernet of this server\'s mover service partition: link `NAME.mover`, which carries migrating partitions\' memory.',
        properties: {
          bandwidth: rate('Default 80 MB/s (LPM over Gigabit Ethernet).'),
          latency: duration('Default 0 s.'),
        },
      },
      lpm: {
        type: 'object',
        additionalProperties: false,
        description: 'Live Partition Mobility of partitions leaving this server.',
        properties: {
          pause: duration('How long a partition is suspended at the switch-over. Default 2 s (UNSOURCED).'),
          inflight: { type: 'string', enum: ['pause', 'fail'], description: 'Connections over the partition\'s adapter during the switch-over: `pause` (default: they stall and go on) or `fail` (TransferFailed).' },
        },
      },
    },
  },
);

const PARAMS: ParamDoc[] = [
  { name: 'hosts.*.cores', default: 'none (no CPU modelled)', unit: 'cores', source: 'configuration; gives the host the device link `HOST.cpu` (bandwidth cores × copyBandwidth, per-flow cap copyBandwidth); CPU seconds = its bytes / copyBandwidth' },
  { name: 'hosts.*.copyBandwidth', default: '6 GB/s', unit: 'bytes/s per core', source: CACHEBENCH },
  { name: 'servers.*.cores', default: 'required', unit: 'cores', source: 'configuration' },
  { name: 'servers.*.copyBandwidth', default: '6 GB/s', unit: 'bytes/s per core', source: `${CACHEBENCH}. A partition keeps its server of origin's rate when it migrates` },
  { name: 'servers.*.partitions.*.cores', default: '1', unit: 'cores (dedicated)', source: 'configuration (one dedicated core); partitions plus the VIOS must fit in the server\'s cores' },
  { name: 'servers.*.partitions.*.memory', default: 'required', unit: 'bytes', source: 'configuration; what LPM copies' },
  { name: 'servers.*.vlan.bandwidth', default: '50 Gb/s', unit: 'bytes/s', source: 'IBM Techdocs WP102707 (POWER8, Platform Large Send: > 50 Gb/s between AIX and SLES partitions in one CEC), domain-figures §4; p5-520/570 tech overviews quote 1-3 Gb/s depending on MTU and entitlement for POWER5/6' },
  { name: 'servers.*.vlan.latency', default: '20 us', unit: 's', source: 'UNSOURCED: no published latency of the POWER Hypervisor virtual switch was found; assumed of the order of a software-switched NIC path (tens of microseconds)' },
  { name: 'servers.*.vios.name', default: 'SERVER-vios', unit: 'name', source: 'naming only' },
  { name: 'servers.*.vios.cores', default: '1', unit: 'cores', source: 'IBM POWER5 Infocenter "Processor allocation" (SEA): one processor per Gigabit Ethernet adapter at MTU 1500' },
  { name: 'servers.*.vios.clock', default: '1.65 GHz', unit: 'Hz', source: 'the processor of IBM\'s SEA sizing rule (POWER5 "Processor allocation"); "scale by the ratio of the processor frequencies"' },
  { name: 'servers.*.vios.mtu', default: '1500', unit: 'bytes', source: 'standard Ethernet MTU; 9000 for jumbo frames' },
  { name: 'servers.*.vios.cyclesPerByte', default: `${seaCyclesPerByte(1500).toFixed(2)} (MTU 1500), ${seaCyclesPerByte(9000).toFixed(2)} (MTU 9000)`, unit: 'cycles per byte bridged', source: 'derived: 1 processor × 1.65 GHz per GbE at MTU 1500, 0.5 at MTU 9000 (IBM POWER5 "Processor allocation"), over GbE TCP payload 113.0 / 117.9 MB/s (AIX "Adapter performance guidelines"), domain-figures §4. SEA rate = cores × clock / cyclesPerByte' },
  { name: 'servers.*.mover.bandwidth', default: '80 MB/s', unit: 'bytes/s', source: 'IBM developerWorks "Live Partition Mobility requirements": "assuming a Gigabit Ethernet can transmit 80 MB/sec … 256 GB … at least 3276.8 s" (its arithmetic is 1024-based), domain-figures §4' },
  { name: 'servers.*.mover.latency', default: '0 s', unit: 's', source: 'configuration; negligible against a memory copy of minutes' },
  { name: 'servers.*.lpm.pause', default: '2 s', unit: 's', source: 'UNSOURCED: LPM suspend/brownout duration not found (domain-figures §5, assumption 1-2 s; §10 range 1-5 s)' },
  { name: 'servers.*.lpm.inflight', default: 'pause', unit: 'pause or fail', source: 'model choice: a TCP connection survives LPM (the partition keeps its MAC and IP), so flows over the old adapter stall for the pause and go on; `fail` makes them fail instead' },
];

export const computeFamily: Family<ComputeDef> = {
  key: 'servers',
  title: 'compute: host CPUs as memory-copy cost (topology.hosts), servers with logical partitions, virtual Ethernet, VIOS Shared Ethernet Adapter, Live Partition Mobility',
  schema: {
    section: SERVER_SCHEMA,
    host: {
      cores: { type: 'number', description: 'Cores of the host\'s CPU. Makes the device link `NAME.cpu` (bandwidth cores × copyBandwidth, at most copyBandwidth per flow): `host.copy` runs copies on it, and a route may cross it to charge one memory copy per byte of that flow to this host.' },
      copyBandwidth: rate('Memory-copy rate of one core. Default 6 GB/s.'),
    },
  },
  params: PARAMS,
  ops: {
    'host.copy': {
      description: 'Copy bytes in memory on a host\'s cores (copies: successive copies of them); copies on one host share its cores. Resolves { bytes, copies, cpuSeconds, seconds }.',
      params: {
        host: { kind: 'name', ref: 'cpu', required: true, description: 'a host with cores, or a partition' },
        bytes: { kind: 'size', required: true, description: 'the buffer copied' },
        copies: { kind: 'integer', description: 'how many successive copies of it (default 1)' },
      },
    },
    'lpm.migrate': {
      description: 'Live Partition Mobility: copy the partition\'s memory to another server while it runs, pause it, re-attach its virtual adapters there. Resolves when it runs on the new server.',
      params: {
        partition: { kind: 'name', ref: 'partition', required: true, description: 'the partition to move' },
        to: { kind: 'name', ref: 'server', required: true, description: 'the server it moves to' },
        memory: { kind: 'size', description: 'bytes to copy (default: the partition\'s memory)' },
        route: { kind: 'names', ref: 'link', description: 'links the memory crosses (default [FROM.mover, TO.mover])' },
      },
    },
    'partition.where': {
      description: 'Which server a partition runs on now: resolves { partition, server, migratingTo }.',
      params: { partition: { kind: 'name', ref: 'partition', required: true, description: 'the partition' } },
    },
  },

  resolve(topology, ctx) {
    const { servers, partitions } = resolveServers(topology, ctx);
    const placed = new Map(partitions.map((p) => [p.name, p.server]));
    for (const s of servers) if (s.vios !== null) placed.set(s.vios.name, s.name);
    const hosts = resolveHostCpus(topology, ctx, placed);
    for (const h of hosts) {
      const name = cpuLink(h.host);
      if (ctx.names.has('link', name)) ctx.fail(['topology', 'hosts', h.host, 'cores'], `a CPU makes the link '${name}', but a link of that name already exists; rename one`);
      ctx.names.define('link', name);
      ctx.names.define('device', name);
      ctx.names.define('cpu', h.host);
    }
    return { hosts, servers, partitions };
  },

  build(def, ctx): FamilyRuntime {
    const kernel = ctx.kernel;
    const cpus = new Map<string, HostCpu>();
    const devices = new Map<string, number>();
    for (const h of def.hosts) {
      const id = ctx.device(cpuLink(h.host), 'cpu', cpuSpec(h));
      devices.set(cpuLink(h.host), id);
      cpus.set(h.host, new HostCpu(h, id, kernel.net));
    }
    const { servers, partitions } = buildServers(def, ctx, cpus, devices);
    defineHostCopy(kernel, new Delegate(kernel), cpus);
    const lpm = new LiveMobility(kernel, servers, partitions);
    lpm.defineCommands();
    return {
      failDevice(name) {
        const id = devices.get(name);
        if (id === undefined) return false;
        kernel.net.setLinkUp(id, false);
        return true;
      },
      migrate: (partition, to) => lpm.fault(partition, to),
      nodeDown(name, down) {
        // A failed host or partition stops copying and its partition adapter drops off the vLAN.
        const cpu = cpus.get(name);
        if (cpu !== undefined) kernel.net.setLinkUp(devices.get(cpuLink(name))!, !down);
        const p = partitions.get(name);
        if (p !== undefined) kernel.net.setLinkUp(p.adapters.get(p.server.def.name)!, !down);
      },
    };
  },
};
