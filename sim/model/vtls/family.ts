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

import { parseRate } from '../../foundation/units.ts';
import { resolveField } from '../../foundation/declare.ts';
import type { DedupWrite } from './dedup.ts';
import { ONE_STREAM, VTLS } from './section.ts';
import type { Family, ResolveContext } from '../family.ts';
import { FlowSets } from '../flow-set.ts';
import { VirtualTapeLibrary, type VirtualCartridge, type VtlDef } from './vtl.ts';
import { vtlCartridge, vtlCopy, vtlExpire, vtlGc, vtlReplicate, vtlRestore, vtlSynthesize, vtlWrite } from './commands.ts';
import type { Ledger } from '../../engine/ledger.ts';
import { audit, readOut } from './figures.ts';
import { defineHousekeeping, dayOf, levelOf, replicateVersions, syntheticFull, type Tools } from './housekeeping.ts';
import { opsOf } from '../../engine/step-command.ts';

function resolveVtls(topology: Record<string, unknown>, ctx: ResolveContext, path: Path): VtlDef[] {
  const p0: Path = [...path, 'vtls'];
  const entries = resolveField(VTLS, topology.vtls, p0, ctx);
  const owner = new Map<string, string>();
  const defs = entries.map((v): VtlDef => {
    const p: Path = [...p0, v.name];
    if (ctx.names.has('link', v.name)) ctx.fail(p, `'${v.name}' is also a link; the library's disk is a device link named after it, so give it another name`);
    if (ctx.names.has('device', v.name)) ctx.fail(p, `'${v.name}' is already the name of a device`);
    const { rate } = v.disk;
    const stream = v.disk.stream ?? Math.min(parseRate(ONE_STREAM), rate);
    const { count, capacity } = v.cartridges;
    const prefix = v.cartridges.prefix ?? `${v.name}-`;
    const width = Math.max(3, String(count).length);
    const barcodes = Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(width, '0')}`);
    for (const b of barcodes) {
      const other = owner.get(b);
      if (other !== undefined) ctx.fail([...p, 'cartridges', 'prefix'], `cartridge '${b}' would also be in library '${other}'; give one of them another prefix`);
      owner.set(b, v.name);
    }
    const { dedup } = v;
    if (!(dedup.chunk >= 1)) ctx.fail([...p, 'dedup', 'chunk'], 'a chunk is at least 1 byte');
    if (!(dedup.change >= 0 && dedup.change <= 1)) ctx.fail([...p, 'dedup', 'change'], `the change rate is the share of chunks that changed: 0 to 1 (0.01 is 1 %), got ${dedup.change}`);
    if (!(dedup.compression >= 1)) ctx.fail([...p, 'dedup', 'compression'], `compression is a ratio x:1 with x at least 1, got ${dedup.compression}`);
    const retention = v.retention;
    if (retention !== undefined && retention.versions === undefined && retention.days === undefined) ctx.fail([...p, 'retention'], 'retention keeps versions by count, by age or both: give versions, days or both (e.g. { days: 30 })');
    return { name: v.name, rate, stream, barcodes, capacity, dedup, tape: v.tape, diskCapacity: v.disk.capacity, housekeeping: v.disk.housekeeping, retention };
  });
  const names = entries.map((v) => v.name);
  for (const [i, v] of entries.entries()) {
    const p: Path = [...p0, v.name];
    const r = v.replicate;
    if (r !== undefined) {
      if (!names.includes(r.to)) ctx.fail([...p, 'replicate', 'to'], `no virtual tape library named '${r.to}'; libraries are: ${names.join(', ')}`);
      if (r.to === v.name) ctx.fail([...p, 'replicate', 'to'], 'a library replicates to another library, not to itself');
      r.route.forEach((l, j) => {
        if (!ctx.names.has('link', l)) ctx.fail([...p, 'replicate', 'route', j], `no link named '${l}'${linkList(ctx)}`);
      });
      if (new Set(r.route).size !== r.route.length) ctx.fail([...p, 'replicate', 'route'], 'a route crosses each link at most once');
      defs[i].replicate = r;
    }
    const tape = v.tape;
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
function defineCommands(kernel: Kernel, libs: Map<string, VirtualTapeLibrary>, ledger: Ledger): void {
  const flows = new FlowSets(kernel, 'vtl');
  const lib = (name: unknown): VirtualTapeLibrary => {
    const v = libs.get(name as string);
    if (v === undefined) throw new Error(`no virtual tape library named '${String(name)}'`);
    return v;
  };
  const mark = (label: string, data: unknown) => kernel.trace.mark(kernel.now, 0, label, data);
  const changed = (v: VirtualTapeLibrary) => readOut(v, ledger, kernel.now);
  const tools: Tools = { kernel, flows, lib, mark, changed };
  defineHousekeeping(tools);

  kernel.defineCommand(vtlWrite.op, (cmd: Custom, w: Wait) => {
    const v = lib(cmd.vtl);
    const bytes = cmd.bytes as number;
    const named = cmd.cartridge as string | undefined;
    const level = levelOf(cmd.level);
    const written = cmd.dataset as string | undefined;
    if (named === undefined && written === undefined) throw new Error(`vtl.write to '${v.name}' names no cartridge, so it needs a dataset: the library picks the cartridge, and the dataset says what the version is of`);
    const change = (cmd.change as number | undefined) ?? (level === 'incremental' || level === 'synthetic-full' ? 1 : undefined);
    if (change !== undefined && !(typeof change === 'number' && change >= 0 && change <= 1)) {
      throw new Error(`vtl.write: change is the share of chunks that changed, 0 to 1 (0.01 is 1 %), got ${String(change)}`);
    }
    const held = named === undefined ? v.takeAny(bytes, 'a write') : [v.take(named, 'a write')];
    const release = () => { for (const h of held) v.release(h); };
    const c = held[0];
    const dataset = written ?? c.barcode;
    let plan: DedupWrite;
    try {
      plan = v.planWrite(held, bytes, dataset, change);
    } catch (e) {
      release();
      throw e;
    }
    // The client's part of a synthetic full is its incremental; the full itself is built on the library after it.
    const tag = { dataset, level: level === 'synthetic-full' ? 'incremental' as const : level, day: dayOf(kernel.now) };
    mark(`vtl ${v.name}: ${c.barcode} write, ${gb(plan.newBytes)} new of ${gb(bytes)}`, { vtl: v.name, cartridge: c.barcode, dataset, ...plan });
    const route = [...((cmd.route as string[] | undefined) ?? []), v.name];
    flows.start(w, [{ route, bytes, cap: v.def.stream, label: cmd.label ?? `vtl.write ${c.barcode}` }], ([o]) => {
      const done = v.commitWrite(held, tag, plan, o.bytes, kernel.now);
      release();
      let failed = o.ok ? null : new Error(`vtl.write to ${c.barcode} failed after ${o.bytes} of ${bytes} bytes: ${o.reason}`);
      // The client's incremental is kept even when no cartridge is left for the full built from it: the step fails, the run goes on.
      if (o.ok && level === 'synthetic-full') {
        try {
          v.record({ ...tag, level }, syntheticFull(v, dataset), v.dedup.image(dataset), kernel.now, true);
        } catch (e) {
          failed = e as Error;
        }
      }
      changed(v);
      if (failed !== null) { kernel.reject(w, failed); return; }
      kernel.resolve(w, { bytes, newBytes: done.newBytes, storedBytes: done.storedBytes, chunks: done.chunks, newChunks: done.newChunks, ratio: done.storedBytes > 0 ? bytes / done.storedBytes : null });
    }, release);
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
    if (cmd.cartridge === undefined) { replicateVersions(tools, w, v, target, route, cmd.label); return; }
    const c = v.take(cmd.cartridge as string, 'a replication');
    let tc: VirtualCartridge;
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
      changed(v);
      changed(target);
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
  declares: { section: VTLS },
  ops: opsOf([vtlWrite, vtlReplicate, vtlCartridge, vtlCopy, vtlExpire, vtlGc, vtlSynthesize, vtlRestore]),
  resolve: resolveVtls,
  build(defs, ctx) {
    const libs = new Map<string, VirtualTapeLibrary>();
    const disk = new Map<string, number>();
    for (const d of defs ?? []) {
      disk.set(d.name, ctx.device(d.name, 'vtl', { bandwidth: d.rate }));
      // One stream per library, named for the family, so adding a library never changes another's draws.
      libs.set(d.name, new VirtualTapeLibrary(d, new RandomStream(ctx.kernel.seed, `family/vtls/${d.name}/dedup`)));
    }
    defineCommands(ctx.kernel, libs, ctx.ledger);
    for (const v of libs.values()) readOut(v, ctx.ledger, ctx.kernel.now);
    return {
      failDevice(name) {
        const v = libs.get(name);
        if (v === undefined) return false;
        v.failed = true;
        ctx.kernel.net.setLinkUp(disk.get(name)!, false);
        return true;
      },
      audit: () => [...libs.values()].flatMap(audit),
      report() {
        return [...libs.values()].map((v) => ({ name: v.name, kind: 'vtl', counters: { logical_bytes: v.dedup.logical, stored_bytes: v.dedup.stored } }));
      },
    };
  },
};
