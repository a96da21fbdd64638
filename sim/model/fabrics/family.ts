/**
 * The Fibre Channel family: `topology.fabrics.NAME` (switches, ports, ISLs,
 * zones) resolved into FabricDefs and built into FcFabrics, and the
 * `san.transfer` step that moves bytes between two zoned ports over the
 * fabric's route.
 *
 * Other families (tape, storage) route over the SAN with what this file and
 * fc-fabric.ts export: resolveFabrics() in their own resolve (it only repeats
 * this family's checks, which have passed by then), fabricOfPort(),
 * zoningRefusal() and fabricRoute() for the link names, to which they append
 * their own device link.
 */
import { map, pair, withRows } from '../../foundation/declare-forms.ts';
import type { Path } from '../../foundation/path.ts';
import type { Family, ResolveContext } from '../family.ts';
import { opsOf } from '../../engine/step-command.ts';
import { duration, flag, list, named, object, oneOf, rate, resolveField, text, type DocRow, type Resolved } from '../../foundation/declare.ts';
import { distance, fibreDelay, FIBRE_SOURCE } from '../wan/propagation.ts';
import {
  FC_GENERATIONS, FC_USABLE, FcFabric, slower,
  type FabricDef, type FcGeneration, type FcIslDef, type FcPortDef, type FcSwitchDef, type FcZoneDef,
  FabricRouteError,
} from './fc-fabric.ts';
import { sanTransfer } from './commands.ts';

const FC_SOURCE: Record<FcGeneration, string> = {
  '4GFC': '4.25 GBd, 8b/10b: Wikipedia "Fibre Channel" (tickerdossier.com mirror), corp-infotech.com: domain-figures §3',
  '8GFC': '8.5 GBd, 8b/10b: Wikipedia "Fibre Channel" (tickerdossier.com mirror), corp-infotech.com: domain-figures §3',
  '16GFC': '14.025 GBd, 64b/66b, "exactly twice 8GFC": Wikipedia "Fibre Channel", corp-infotech.com: domain-figures §3',
  '32GFC': '28.05 GBd, 64b/66b: FCIA 64GFC FAQ https://fibrechannel.org/64gfc-faq/, corp-infotech.com: domain-figures §3',
};
const QLOGIC = 'QLogic SANbox 59096-04 manual (port-to-port < 0.3–0.8 µs, rising with frame size): domain-figures §3';
const BROCADE_DEFZONE = 'Brocade Fabric OS Administrator\'s Guide 53-1001763-02, "Default zoning mode": "The default setting is All Access"';

const generationRows = (name: string): DocRow[] => FC_GENERATIONS.map((g) => ({
  name: `${name}: ${g}`,
  default: `${FC_USABLE[g] / 1e6} MB/s`,
  unit: 'bytes/s usable per direction (line coding and framing, ≈ 94 % at 2 KiB frames, already inside)',
  source: FC_SOURCE[g],
}));
const NEGOTIATION = 'FC speed negotiation: both ends settle on the fastest speed they share';
const speed = (description: string, defaultText: string, unit: string, source: string) => oneOf(FC_GENERATIONS, { description, defaultText, unit, source });
const usable = () => rate({ description: 'Usable rate per direction, instead of the generation\'s.', positive: true, defaultText: 'the negotiated generation\'s usable rate', unit: 'bytes/s per direction', source: 'domain-figures §3' });

const FABRIC = object({
  generation: withRows(oneOf(FC_GENERATIONS, {
    description: 'Speed of every switch that does not say (4GFC, 8GFC, 16GFC, 32GFC: 400, 800, 1600, 3200 MB/s usable per direction).',
    defaultText: 'none (the fabric or every switch must give one)',
    unit: '4GFC, 8GFC, 16GFC, 32GFC',
    source: 'scenario input: the switches installed',
  }), generationRows),
  latency: duration({ description: 'Port-to-port latency of every switch that does not say.', default: '0.5 µs', unit: 'ticks (ns) per switch crossed', source: QLOGIC, spread: { low: '0.2 µs', high: '0.8 µs', source: `${QLOGIC}; 0.2-0.8 µs (domain-figures §10)` } }),
  defaultZone: oneOf(['all-access', 'no-access'], {
    description: 'Who may talk when the fabric has no zones: all-access (as Brocade ships) or no-access.',
    default: 'all-access',
    unit: 'all-access or no-access (applies when there are no zones)',
    source: BROCADE_DEFZONE,
  }),
  switches: named(object({
    generation: speed('This switch\'s speed.', 'the fabric\'s', 'generation', 'as the fabric'),
    latency: duration({ description: 'Port-to-port latency.', defaultText: 'the fabric\'s', unit: 'ticks (ns)', source: QLOGIC }),
  }), { description: 'Switches by name; a switch may fail (device-fails), taking its ports and ISLs down.', minEntries: 1 }),
  ports: named(object({
    switch: text({ description: 'The switch this port is cabled to.', required: true, unit: 'name' }),
    host: text({ description: 'The host or partition this HBA port is in; makes the port an initiator.', unit: 'name' }),
    speed: speed('The port\'s own speed; it runs at the slower of this and its switch\'s.', 'the switch\'s', 'generation; the link runs at the slower of port and switch', NEGOTIATION),
    bandwidth: usable(),
    npiv: flag({
      description: 'NPIV: this port is the virtual WWPN of a virtual FC client adapter of partition `host`, mapped through the VIOS of the server the partition runs on. It has no cable of its own: its frames cross that VIOS\'s NPIV pass-through (`VIOS.npiv`) and the VIOS\'s physical port on this switch; zones name the virtual port. Live Partition Mobility keeps it (the WWPN pair moves with the partition).',
      default: false,
      source: 'IBM PowerVM NPIV: a virtual FC client adapter has a pair of WWPNs, one logged in on the source and the other on the target server during LPM; zoning is by the virtual WWPNs',
    }),
  }), { description: 'N_Ports by name: with `host`, an initiator (an HBA port of that host or partition); without, a target (a tape drive\'s or storage port). Names are unique across fabrics.', minEntries: 1 }),
  isls: named(object({
    between: pair(text({ description: 'A switch.', required: true, unit: 'name' }), { description: 'The two switches it joins.' }),
    speed: speed('The ISL\'s own speed.', 'the slower of its switches', 'generation', NEGOTIATION),
    bandwidth: usable(),
    latency: duration({ description: 'Fibre delay one way, beyond the switches\' own.', defaultText: '0 s (a short cable)', unit: 'ticks (ns), one way, beyond the switches', source: FIBRE_SOURCE }),
    distance: distance('Length of a long-distance ISL, e.g. "50 km": 5 us per km one way. Instead of latency.'),
  }), { description: 'Inter-switch links by name; an ISL may fail (device-fails).' }),
  zones: map(list(text({
    description: 'A port, or a host or partition standing for its initiator ports in this fabric.',
    required: true,
    unit: 'port, host or partition name',
    source: 'FC zoning: two ports talk only if a zone holds both',
  }), { description: 'The zone\'s members.', minItems: 1 }), {
    description: 'Zones by name, each a list of members: port names, or host and partition names standing for their initiator ports in this fabric. Two ports may talk only if one zone holds both. No zones: see defaultZone.',
    names: true,
  }),
});

/** `topology.fabrics`, declared once. */
const FABRICS = named(FABRIC, { description: 'Fibre Channel fabrics (SANs) by name: switches, ports (HBA initiators and drive or storage targets), inter-switch links and zones. Every port and ISL is full duplex: one link per direction at the usable rate of its generation.' });
type Fabric = Resolved<typeof FABRICS>[number];

/**
 * Resolves `topology.fabrics` and defines its names: 'fabric', 'fc switch',
 * 'isl', 'fc port', 'initiator', 'target', and 'device' for every switch, ISL
 * and port (what device-fails may fail). Calling it again on the same topology
 * gives the same definitions and defines nothing new.
 */
export function resolveFabrics(topology: Record<string, unknown>, ctx: ResolveContext, path: Path): FabricDef[] {
  const all = resolveField(FABRICS, topology.fabrics, [...path, 'fabrics'], ctx);
  const owner = new Map<string, string>(); // switch, ISL or port name -> its fabric, across fabrics
  const out: FabricDef[] = [];
  // Every element first, so a zone or ISL may name one defined later in the file and errors can say where it lives.
  for (const { name: fname, ...f } of all) {
    for (const kind of ['switches', 'isls', 'ports'] as const) {
      for (const { name: n } of f[kind]) {
        const p: Path = [...path, 'fabrics', fname, kind, n];
        const before = owner.get(n);
        if (before !== undefined) ctx.fail(p, `'${n}' already names a switch, ISL or port${before === fname ? ' of this fabric' : ` in fabric '${before}'`}; they share one set of names`);
        if (ctx.names.has('device', n) && !ctx.names.has('fc element', n)) ctx.fail(p, `'${n}' already names a device; device-fails needs one name per device`);
        owner.set(n, fname);
      }
    }
  }
  for (const f of all) out.push(resolveFabric(f, owner, ctx, [...path, 'fabrics', f.name]));
  for (const d of out) {
    ctx.names.define('fabric', d.name);
    for (const s of d.switches) define(ctx, s.name, 'fc switch');
    for (const l of d.isls) define(ctx, l.name, 'isl');
    for (const p of d.ports) { define(ctx, p.name, 'fc port'); ctx.names.define(p.role, p.name); }
  }
  return out;
}

function define(ctx: ResolveContext, name: string, kind: string): void {
  ctx.names.define(kind, name);
  ctx.names.define('device', name);
  ctx.names.define('fc element', name);
}

function resolveFabric(f: Fabric, owner: Map<string, string>, ctx: ResolveContext, p: Path): FabricDef {
  const name = f.name;
  const switches: FcSwitchDef[] = f.switches.map((v) => {
    const g = v.generation ?? f.generation;
    if (g === undefined) ctx.fail([...p, 'switches', v.name], `switch '${v.name}' needs a speed: give the fabric a generation (${FC_GENERATIONS.join(', ')}) or the switch one`);
    return { name: v.name, generation: g, latency: v.latency ?? f.latency };
  });
  const sw = new Map(switches.map((s) => [s.name, s]));
  const switchOf = (n: string, at: Path): FcSwitchDef => {
    const s = sw.get(n);
    if (s === undefined) {
      const where = owner.get(n);
      ctx.fail(at, `no switch named '${n}' in fabric '${name}'${where !== undefined && where !== name ? ` ('${n}' is in fabric '${where}')` : ''}; its switches are: ${[...sw.keys()].join(', ')}`);
    }
    return s;
  };

  const ports: FcPortDef[] = f.ports.map((v) => {
    const at: Path = [...p, 'ports', v.name];
    const s = switchOf(v.switch, [...at, 'switch']);
    const host = v.host;
    if (host !== undefined && !ctx.names.has('host', host) && !ctx.names.has('partition', host)) {
      const known = [...ctx.names.list('host'), ...ctx.names.list('partition')];
      ctx.fail([...at, 'host'], `no host or partition named '${host}'${known.length ? `; there are: ${known.join(', ')}` : ': define it under topology.hosts (or as a partition)'}`);
    }
    const speed = slower(v.speed ?? s.generation, s.generation);
    if (v.npiv && host === undefined) ctx.fail([...at, 'npiv'], 'an NPIV port is a virtual WWPN of a partition: give it `host: PARTITION`');
    if (v.npiv && !ctx.names.has('partition', host!)) ctx.fail([...at, 'host'], `'${host}' is not a partition of topology.servers; NPIV maps a partition's virtual FC adapter through its server's VIOS`);
    return { name: v.name, switch: s.name, role: host === undefined ? 'target' : 'initiator', host, speed, bandwidth: v.bandwidth ?? FC_USABLE[speed], npiv: v.npiv };
  });

  const isls: FcIslDef[] = f.isls.map((v) => {
    const at: Path = [...p, 'isls', v.name];
    const [x, y] = v.between.map((s, i) => switchOf(s, [...at, 'between', i]));
    if (x === y) ctx.fail([...at, 'between'], 'an ISL joins two different switches');
    if (v.latency !== undefined && v.distance !== undefined) ctx.fail(at, "give 'latency' or 'distance', not both");
    const speed = slower(v.speed ?? x.generation, slower(x.generation, y.generation));
    const latency = v.distance !== undefined ? fibreDelay(v.distance) : v.latency ?? 0;
    return { name: v.name, between: [x.name, y.name], speed, bandwidth: v.bandwidth ?? FC_USABLE[speed], latency };
  });

  const portNames = new Set(ports.map((x) => x.name));
  const zones: FcZoneDef[] = Object.entries(f.zones ?? {}).map(([z, members]) => {
    const set = new Set<string>();
    members.forEach((m, i) => {
      if (portNames.has(m)) { set.add(m); return; }
      const of = ports.filter((x) => x.host === m);
      if (of.length > 0) { for (const x of of) set.add(x.name); return; }
      const at: Path = [...p, 'zones', z, i];
      const where = owner.get(m);
      if (where !== undefined) ctx.fail(at, `'${m}' is ${where === name ? 'a switch or ISL, not a port,' : `in fabric '${where}', not '${name}'`}; a zone holds ports of its own fabric: ${[...portNames].join(', ')}`);
      if (ctx.names.has('host', m) || ctx.names.has('partition', m)) ctx.fail(at, `'${m}' has no HBA port in fabric '${name}'; give one of its ports 'host: ${m}' or name a port: ${[...portNames].join(', ')}`);
      ctx.fail(at, `no port, host or partition named '${m}' in fabric '${name}'; its ports are: ${[...portNames].join(', ')}`);
    });
    return { name: z, ports: [...set] };
  });

  return { name, switches, ports, isls, zones, defaultZone: f.defaultZone };
}

/** The fabric a port is in. */
export function fabricOfPort(defs: readonly FabricDef[], port: string): FabricDef | undefined {
  return defs.find((d) => d.ports.some((p) => p.name === port));
}

export const fcFamily: Family<FabricDef[]> = {
  key: 'fabrics',
  errors: { FabricRouteError },
  title: 'Fibre Channel fabrics: switches, HBA and target ports, ISLs, zoning; routed SAN transfers',
  declares: { section: FABRICS },
  ops: opsOf([sanTransfer]),
  resolve: resolveFabrics,
  build(defs, ctx) {
    const fabrics = defs.map((d) => new FcFabric(d, ctx.kernel));
    const byName = new Map(fabrics.map((f) => [f.def.name, f]));
    ctx.kernel.defineCommand(sanTransfer.op, (cmd, wait, kernel) => {
      const from = cmd.from as string;
      const fabric = cmd.fabric !== undefined ? byName.get(cmd.fabric as string) : fabrics.find((f) => f.def.ports.some((p) => p.name === from));
      if (fabric === undefined) { kernel.reject(wait, new Error(`san.transfer: port '${from}' is in no fabric`)); return; }
      fabric.transfer(cmd, wait);
    });
    return {
      failDevice: (name) => fabrics.some((f) => f.fail(name)),
      nodeDown: (host, down) => { for (const f of fabrics) f.hostDown(host, down); },
    };
  },
};
