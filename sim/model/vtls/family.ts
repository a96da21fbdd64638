/**
 * The `vtls` family: virtual tape libraries in a scenario's topology, and the
 * commands that write, replicate and copy their cartridges.
 *
 *   topology:
 *     vtls:
 *       branch:
 *         disk: { rate: 80 MB/s, stream: 30 MB/s }
 *         cartridges: { count: 10, capacity: 1.5 TB }
 *         dedup: { chunk: 4 KB, change: 0.01, compression: 1.6, reference: 40 B }
 *         replicate: { to: datacentre, route: [t3] }
 *         tape: lib1/d1
 *
 * Each library's disk is a device link named after the library (reports list
 * it with its bytes and busy time; `device-fails: branch` fails the library).
 * Cartridges are named `<prefix>NNN` (prefix `<library>-` unless given), so
 * job steps name them directly.
 */
import type { Path } from '../../foundation/path.ts';
import { RandomStream } from '../../engine/rng.ts';
import type { Custom } from '../../engine/commands.ts';
import type { Kernel } from '../../engine/kernel.ts';
import type { Wait } from '../../engine/wait.ts';

import { parseRate, parseSize } from '../../foundation/units.ts';
import type { DedupParams, DedupWrite } from './dedup.ts';
import type { Family, ParamDoc, ResolveContext } from '../family.ts';
import { FlowSets } from '../flow-set.ts';
import { VirtualTapeLibrary, type Cartridge, type VtlDef } from './vtl.ts';
import { vtlCartridge, vtlCopy, vtlReplicate, vtlWrite } from './commands.ts';

type Obj = Record<string, unknown>;

/** HP D2D sizing guidance: "A single backup stream to a D2D device may run, for example, at 30 MB/sec but running three streams simultaneously to a D2D will run at say 80 MB/sec". */
const HP_STREAMS = 'HP D2D best-practice guide (sizing): one stream "for example, at 30 MB/sec", three streams "at say 80 MB/sec" (videogame.manualsonline.com/manuals/mfg/hewlettpackard_1/d2d.html?p=86); an example, not a model\'s specification';

export const VTL_DEFAULTS = {
  rate: 80e6,
  stream: 30e6,
  /** a virtual LTO-5 cartridge: 1.5 TB native */
  capacity: 1.5e12,
  chunk: 4e3,
  change: 0.01,
  compression: 1.6,
  reference: 40,
} as const;

const rateSchema = (description: string) => ({ $ref: '#/definitions/rate', description });
const sizeSchema = (description: string) => ({ $ref: '#/definitions/size', description });

const section = {
  type: 'object',
  description: 'Virtual tape libraries (HP VLS/D2D): virtual cartridges on a deduplicating disk store, replicated to another library by sending only new chunks.',
  propertyNames: { $ref: '#/definitions/name' },
  additionalProperties: {
    type: 'object',
    additionalProperties: false,
    required: ['cartridges'],
    properties: {
      description: { type: 'string' },
      disk: {
        type: 'object',
        additionalProperties: false,
        description: 'The disk behind the library: a device link named after the library.',
        properties: {
          rate: rateSchema('Ingest rate, logical bytes: the most all backup streams together get. Default 80 MB/s (HP D2D example).'),
          stream: rateSchema('The most one backup stream gets. Default 30 MB/s (HP D2D example).'),
        },
      },
      cartridges: {
        type: 'object',
        additionalProperties: false,
        required: ['count'],
        description: 'Virtual cartridges, named PREFIX001, PREFIX002, ...',
        properties: {
          count: { type: 'integer', minimum: 1, maximum: 100000, description: 'How many virtual cartridges.' },
          capacity: sizeSchema('Logical bytes per cartridge. Default 1.5 TB (a virtual LTO-5).'),
          prefix: { type: 'string', pattern: '^[A-Za-z0-9_][A-Za-z0-9_.:-]*$', description: 'Barcode prefix. Default: the library\'s name and a dash.' },
        },
      },
      dedup: {
        type: 'object',
        additionalProperties: false,
        description: 'The seeded model of new and repeated chunks.',
        properties: {
          chunk: sizeSchema('Average chunk. Default 4 KB (HP D2D).'),
          change: { type: 'number', description: 'Share of a stored dataset\'s chunks that changed since its last write, 0 to 1. Default 0.01 (HP VLS guide Table 5).' },
          compression: { type: 'number', description: 'Compression of new chunks, x:1. Default 1.6 (HP D2D).' },
          reference: sizeSchema('Bytes sent per chunk when replicating, so the target can rebuild the cartridge. Default 40 B (fitted to HP VLS guide Table 5).'),
        },
      },
      replicate: {
        type: 'object',
        additionalProperties: false,
        required: ['to', 'route'],
        description: 'Where vtl.replicate sends this library\'s cartridges unless the step says otherwise.',
        properties: {
          to: { type: 'string', description: 'Another virtual tape library.' },
          route: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'Links from this library to that one, in order.' },
        },
      },
      tape: { type: 'string', description: 'The physical tape drive attached for copies (vtl.copy): a drive of the tape family, as library/drive.' },
    },
  },
};

const params: ParamDoc[] = [
  { name: 'vtls.*.disk.rate', default: '80 MB/s', unit: 'B/s (logical)', source: HP_STREAMS },
  { name: 'vtls.*.disk.stream', default: '30 MB/s (at most disk.rate)', unit: 'B/s', source: HP_STREAMS },
  { name: 'vtls.*.cartridges.count', default: '(required)', unit: 'cartridges', source: 'a configuration choice, no product figure' },
  { name: 'vtls.*.cartridges.capacity', default: '1.5 TB', unit: 'B (logical)', source: 'a virtual LTO-5 cartridge, native 1.5 TB (IBM TS4500 supported drives: domain-figures §10); HP VLS/D2D emulate a tape library "including its drive-type" (HP VLS/D2D solutions guide AG306-96028 p.71). The choice of LTO-5 is UNSOURCED: any emulated type may be configured' },
  { name: 'vtls.*.cartridges.prefix', default: '`<library>-`', unit: '', source: 'naming only' },
  { name: 'vtls.*.dedup.chunk', default: '4 KB', unit: 'B', source: 'HP D2D manual: chunks average up to 4 KB (domain-figures §7)' },
  { name: 'vtls.*.dedup.change', default: '0.01', unit: 'share of chunks per write', source: 'HP VLS/D2D solutions guide AG306-96028 Table 5 and HP D2D guide: 1 % daily change (domain-figures §7, §10)' },
  { name: 'vtls.*.dedup.compression', default: '1.6', unit: 'x:1', source: 'HP D2D guide: "expect 1.6:1 compression even on the first backup" (domain-figures §7); the slope of HP VLS Table 5 agrees (6.26 GB more per 1 % of 1 TB changed = 1.60:1)' },
  { name: 'vtls.*.dedup.reference', default: '40 B', unit: 'B per chunk', source: 'derived: a least-squares line through HP VLS guide Table 5 (13.1 / 16.3 / 22.5 GB sent for 1 TB at 0.5 / 1 / 2 % change) crosses 0 % at 10.0 GB; 1 TB is 250 million 4 KB chunks, so 40 B per chunk (about a 20 B SHA-1 plus place and length)' },
  { name: 'vtls.*.replicate.to, .route', default: 'none', unit: '', source: 'topology' },
  { name: 'vtls.*.tape', default: 'none', unit: '', source: 'topology (a drive of the tape family, `library/drive`; only its name is kept, and vtl.copy ends its route with the drive\'s device link of that name)' },
];

const ops: Family['ops'] = {
  'vtl.write': {
    description: 'A backup stream onto a virtual cartridge: the logical bytes cross the route and the library\'s disk; the dedup store keeps only new chunks. Result { bytes, newBytes, storedBytes, chunks, newChunks, ratio }.',
    params: {
      vtl: { kind: 'name', ref: 'vtl', required: true, description: 'the library' },
      cartridge: { kind: 'name', ref: 'vtl-cartridge', required: true, description: 'a cartridge of that library' },
      bytes: { kind: 'size', required: true, description: 'logical bytes written' },
      route: { kind: 'names', ref: 'link', description: 'links from the backup host to the library' },
      dataset: { kind: 'string', description: 'what is backed up; a dataset written before repeats its stored chunks except the changed ones. Default: the cartridge' },
      change: { kind: 'number', description: 'share of chunks changed since the dataset was last written, 0 to 1. Default: the library\'s dedup.change' },
    },
  },
  'vtl.replicate': {
    description: 'Sends a cartridge\'s chunks written since its last replication (compressed, plus a reference per chunk) to another library. Result { bytes (logical), wireBytes, into }.',
    params: {
      vtl: { kind: 'name', ref: 'vtl', required: true, description: 'the source library' },
      cartridge: { kind: 'name', ref: 'vtl-cartridge', required: true, description: 'a cartridge of that library' },
      to: { kind: 'name', ref: 'vtl', description: 'the target library. Default: the source\'s replicate.to' },
      route: { kind: 'names', ref: 'link', description: 'links from source to target. Default: the source\'s replicate.route' },
      into: { kind: 'name', ref: 'vtl-cartridge', description: 'the target\'s cartridge that receives it. Default: the one in the same slot' },
      dedup: { kind: 'boolean', description: 'false: send the pending logical bytes compressed, without deduplication (a replication that does not know what the target holds). Default true' },
    },
  },
  'vtl.cartridge': {
    description: 'What a cartridge holds now: resolves { vtl, cartridge, bytes (logical), storedBytes, pendingBytes (logical, not yet replicated), pendingWireBytes }.',
    params: {
      vtl: { kind: 'name', ref: 'vtl', required: true, description: 'the library' },
      cartridge: { kind: 'name', ref: 'vtl-cartridge', required: true, description: 'a cartridge of that library' },
    },
  },
  'vtl.copy': {
    description: 'Copies a cartridge to physical tape: its logical (rehydrated) bytes leave the library\'s disk over the route and through the attached drive\'s device link. Result { bytes, tape }.',
    params: {
      vtl: { kind: 'name', ref: 'vtl', required: true, description: 'the library' },
      cartridge: { kind: 'name', ref: 'vtl-cartridge', required: true, description: 'a cartridge of that library' },
      route: { kind: 'names', ref: 'link', description: 'links from the library to the tape drive; needed unless the library has an attached drive (whose own device link always ends the route)' },
      bytes: { kind: 'size', description: 'how much of the cartridge. Default: all it holds' },
    },
  },
};

function resolveVtls(topology: Obj, ctx: ResolveContext, path: Path): VtlDef[] {
  const p0: Path = [...path, 'vtls'];
  const entries = Object.entries((topology.vtls ?? {}) as Record<string, Obj>);
  const owner = new Map<string, string>();
  const defs = entries.map(([name, v]): VtlDef => {
    const p: Path = [...p0, name];
    if (ctx.names.has('link', name)) ctx.fail(p, `'${name}' is also a link; the library's disk is a device link named after it, so give it another name`);
    if (ctx.names.has('device', name)) ctx.fail(p, `'${name}' is already the name of a device`);
    const disk = (v.disk ?? {}) as Obj;
    const rate = disk.rate === undefined ? VTL_DEFAULTS.rate : parseRate(disk.rate);
    if (!(rate > 0)) ctx.fail([...p, 'disk', 'rate'], 'the ingest rate must be above zero');
    const stream = disk.stream === undefined ? Math.min(VTL_DEFAULTS.stream, rate) : parseRate(disk.stream);
    if (!(stream > 0)) ctx.fail([...p, 'disk', 'stream'], 'the per-stream rate must be above zero');
    const carts = v.cartridges as Obj;
    const count = carts.count as number;
    const capacity = carts.capacity === undefined ? VTL_DEFAULTS.capacity : parseSize(carts.capacity);
    if (!(capacity > 0)) ctx.fail([...p, 'cartridges', 'capacity'], 'a cartridge must hold more than 0 bytes');
    const prefix = (carts.prefix as string | undefined) ?? `${name}-`;
    const width = Math.max(3, String(count).length);
    const barcodes = Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(width, '0')}`);
    for (const b of barcodes) {
      const other = owner.get(b);
      if (other !== undefined) ctx.fail([...p, 'cartridges', 'prefix'], `cartridge '${b}' would also be in library '${other}'; give one of them another prefix`);
      owner.set(b, name);
    }
    const d = (v.dedup ?? {}) as Obj;
    const dedup: DedupParams = {
      chunk: d.chunk === undefined ? VTL_DEFAULTS.chunk : parseSize(d.chunk),
      change: (d.change as number | undefined) ?? VTL_DEFAULTS.change,
      compression: (d.compression as number | undefined) ?? VTL_DEFAULTS.compression,
      reference: d.reference === undefined ? VTL_DEFAULTS.reference : parseSize(d.reference),
    };
    if (!(dedup.chunk >= 1)) ctx.fail([...p, 'dedup', 'chunk'], 'a chunk is at least 1 byte');
    if (!(dedup.change >= 0 && dedup.change <= 1)) ctx.fail([...p, 'dedup', 'change'], `the change rate is the share of chunks that changed: 0 to 1 (0.01 is 1 %), got ${dedup.change}`);
    if (!(dedup.compression >= 1)) ctx.fail([...p, 'dedup', 'compression'], `compression is a ratio x:1 with x at least 1, got ${dedup.compression}`);
    if (!(dedup.reference >= 0)) ctx.fail([...p, 'dedup', 'reference'], 'a reference cannot be negative');
    return { name, rate, stream, barcodes, capacity, dedup, tape: v.tape as string | undefined };
  });
  const names = entries.map(([n]) => n);
  for (const [i, [name, v]] of entries.entries()) {
    const p: Path = [...p0, name];
    const r = v.replicate as { to: string; route: string[] } | undefined;
    if (r !== undefined) {
      if (!names.includes(r.to)) ctx.fail([...p, 'replicate', 'to'], `no virtual tape library named '${r.to}'; libraries are: ${names.join(', ')}`);
      if (r.to === name) ctx.fail([...p, 'replicate', 'to'], 'a library replicates to another library, not to itself');
      r.route.forEach((l, j) => {
        if (!ctx.names.has('link', l)) ctx.fail([...p, 'replicate', 'route', j], `no link named '${l}'${linkList(ctx)}`);
      });
      if (new Set(r.route).size !== r.route.length) ctx.fail([...p, 'replicate', 'route'], 'a route crosses each link at most once');
      defs[i].replicate = { to: r.to, route: [...r.route] };
    }
    const tape = v.tape as string | undefined;
    if (tape !== undefined && !ctx.names.has('drive', tape)) {
      const known = ctx.names.list('drive');
      ctx.fail([...p, 'tape'], `no tape drive named '${tape}'${known.length ? `; drives are: ${known.join(', ')}` : ': define the drive under topology.libraries first'}`);
    }
  }
  for (const d of defs) {
    ctx.names.define('vtl', d.name);
    ctx.names.define('device', d.name);
    for (const b of d.barcodes) ctx.names.define('vtl-cartridge', b);
  }
  return defs;
}

function linkList(ctx: ResolveContext): string {
  const l = ctx.names.list('link');
  return l.length ? `; links are: ${l.join(', ')}` : ': define it under topology.links';
}

const gb = (b: number) => `${(b / 1e9).toPrecision(4)} GB`;

/** The commands, bound to one run's libraries. */
function defineCommands(kernel: Kernel, libs: Map<string, VirtualTapeLibrary>): void {
  const flows = new FlowSets(kernel, 'vtl');
  const lib = (name: unknown): VirtualTapeLibrary => {
    const v = libs.get(name as string);
    if (v === undefined) throw new Error(`no virtual tape library named '${String(name)}'`);
    return v;
  };
  const mark = (label: string, data: unknown) => kernel.trace.mark(kernel.now, 0, label, data);

  kernel.defineCommand(vtlWrite.op, (cmd: Custom, w: Wait) => {
    const v = lib(cmd.vtl);
    const bytes = cmd.bytes as number;
    const c = v.take(cmd.cartridge as string, 'a write');
    const dataset = (cmd.dataset as string | undefined) ?? c.barcode;
    const change = cmd.change as number | undefined;
    if (change !== undefined && !(typeof change === 'number' && change >= 0 && change <= 1)) {
      v.release(c);
      throw new Error(`vtl.write: change is the share of chunks that changed, 0 to 1 (0.01 is 1 %), got ${String(change)}`);
    }
    let plan: DedupWrite;
    try {
      plan = v.planWrite(c, bytes, dataset, change);
    } catch (e) {
      v.release(c);
      throw e;
    }
    mark(`vtl ${v.name}: ${c.barcode} write, ${gb(plan.newBytes)} new of ${gb(bytes)}`, { vtl: v.name, cartridge: c.barcode, dataset, ...plan });
    const route = [...((cmd.route as string[] | undefined) ?? []), v.name];
    flows.start(w, [{ route, bytes, cap: v.def.stream, label: cmd.label ?? `vtl.write ${c.barcode}` }], ([o]) => {
      const done = v.commitWrite(c, dataset, plan, o.bytes);
      v.release(c);
      if (!o.ok) { kernel.reject(w, new Error(`vtl.write to ${c.barcode} failed after ${o.bytes} of ${bytes} bytes: ${o.reason}`)); return; }
      kernel.resolve(w, { bytes, newBytes: done.newBytes, storedBytes: done.storedBytes, chunks: done.chunks, newChunks: done.newChunks, ratio: done.storedBytes > 0 ? bytes / done.storedBytes : null });
    }, () => v.release(c));
  });

  kernel.defineCommand(vtlReplicate.op, (cmd: Custom, w: Wait) => {
    const v = lib(cmd.vtl);
    const dflt = v.def.replicate;
    const toName = (cmd.to as string | undefined) ?? dflt?.to;
    if (toName === undefined) throw new Error(`vtl.replicate: library '${v.name}' has no replication target; give 'to' and 'route' in the step or topology.vtls.${v.name}.replicate`);
    const route = (cmd.route as string[] | undefined) ?? (toName === dflt?.to ? dflt.route : undefined);
    if (route === undefined) throw new Error(`vtl.replicate: no route from '${v.name}' to '${toName}'; give 'route' in the step`);
    if (toName === v.name) throw new Error(`vtl.replicate: library '${v.name}' cannot replicate to itself`);
    const target = lib(toName);
    if (target.failed) throw new Error(`vtl.replicate: target library '${target.name}' has failed`);
    const c = v.take(cmd.cartridge as string, 'a replication');
    let tc: Cartridge;
    try {
      tc = target.take((cmd.into as string | undefined) ?? v.mappedSlot(c, target), `a replication from ${c.barcode}`);
    } catch (e) {
      v.release(c);
      throw e;
    }
    const release = () => { v.release(c); target.release(tc); };
    const d = v.delta(c, cmd.dedup !== false);
    try {
      target.checkRoom(tc, d);
    } catch (e) {
      release();
      throw e;
    }
    const whole = cmd.dedup === false ? { dedup: false } : {};
    mark(`vtl ${v.name}: ${c.barcode} replicates ${gb(d.wireBytes)} for ${gb(d.bytes)}${cmd.dedup === false ? ' without dedup' : ''} to ${target.name} ${tc.barcode}`, { vtl: v.name, cartridge: c.barcode, to: target.name, into: tc.barcode, ...d, ...whole });
    const answer = () => ({ bytes: d.bytes, wireBytes: d.wireBytes, storedBytes: d.stored, chunks: d.chunks, into: tc.barcode });
    if (d.wireBytes === 0) {
      release();
      kernel.resolve(w, answer());
      return;
    }
    // Read from this library's disk, across the route, into the target's disk.
    flows.start(w, [{ route: [v.name, ...route, target.name], bytes: d.wireBytes, label: cmd.label ?? `vtl.replicate ${c.barcode}` }], ([o]) => {
      release();
      if (!o.ok) { kernel.reject(w, new Error(`vtl.replicate of ${c.barcode} failed after ${o.bytes} of ${d.wireBytes} bytes: ${o.reason}`)); return; }
      v.replicated(c, d, target, tc);
      kernel.resolve(w, answer());
    }, release);
  });

  kernel.defineCommand(vtlCartridge.op, (cmd: Custom, w: Wait) => {
    const v = lib(cmd.vtl);
    const c = v.cartridges.get(cmd.cartridge as string);
    if (c === undefined) throw new Error(`vtl.cartridge: cartridge '${String(cmd.cartridge)}' is not in virtual tape library '${v.name}'`);
    kernel.resolve(w, { vtl: v.name, cartridge: c.barcode, bytes: c.used, storedBytes: c.stored, pendingBytes: c.pending.bytes, pendingWireBytes: v.delta(c).wireBytes });
  });

  kernel.defineCommand(vtlCopy.op, (cmd: Custom, w: Wait) => {
    const v = lib(cmd.vtl);
    const tape = v.def.tape ?? null;
    // The attached drive's own device link, if its family built one under the drive's name, ends the route.
    const drive = tape !== null && hasLink(kernel, tape) ? [tape] : [];
    const given = cmd.route as string[] | undefined;
    if (given === undefined && drive.length === 0) throw new Error(`vtl.copy: library '${v.name}' has no attached tape drive; give the step a 'route' to the drive`);
    const c = v.take(cmd.cartridge as string, 'a copy to tape');
    const bytes = (cmd.bytes as number | undefined) ?? c.used;
    if (bytes > c.used) {
      v.release(c);
      throw new Error(`vtl.copy: cartridge '${c.barcode}' holds ${c.used} bytes, fewer than the ${bytes} asked for`);
    }
    mark(`vtl ${v.name}: ${c.barcode} copies ${gb(bytes)} to tape${tape ? ` ${tape}` : ''}`, { vtl: v.name, cartridge: c.barcode, tape, bytes });
    flows.start(w, [{ route: [v.name, ...(given ?? []), ...drive], bytes, label: cmd.label ?? `vtl.copy ${c.barcode}` }], ([o]) => {
      v.release(c);
      if (!o.ok) { kernel.reject(w, new Error(`vtl.copy of ${c.barcode} failed after ${o.bytes} of ${bytes} bytes: ${o.reason}`)); return; }
      kernel.resolve(w, { bytes, tape });
    }, () => v.release(c));
  });
}

function hasLink(kernel: Kernel, name: string): boolean {
  try {
    kernel.net.linkId(name);
    return true;
  } catch {
    return false;
  }
}

export const vtlFamily: Family<VtlDef[]> = {
  key: 'vtls',
  title: 'virtual tape libraries (VLS/D2D): deduplicating virtual cartridges, replication of new chunks, copies to physical tape',
  schema: { section },
  params,
  ops,
  resolve: resolveVtls,
  build(defs, ctx) {
    const libs = new Map<string, VirtualTapeLibrary>();
    const disk = new Map<string, number>();
    for (const d of defs ?? []) {
      disk.set(d.name, ctx.device(d.name, 'vtl', { bandwidth: d.rate }));
      // One stream per library, named for the family, so adding a library never changes another's draws.
      libs.set(d.name, new VirtualTapeLibrary(d, new RandomStream(ctx.kernel.seed, `family/vtls/${d.name}/dedup`)));
    }
    defineCommands(ctx.kernel, libs);
    return {
      failDevice(name) {
        const v = libs.get(name);
        if (v === undefined) return false;
        v.failed = true;
        ctx.kernel.net.setLinkUp(disk.get(name)!, false);
        return true;
      },
    };
  },
};
