/**
 * The library's year-long work besides backups: replicating every version
 * not yet sent, expiring what retention lets go, garbage collection,
 * synthetic fulls and restores. Each is a command whose flows cross the
 * library's disk like any backup's.
 */
import type { Custom } from '../../engine/commands.ts';
import type { Kernel } from '../../engine/kernel.ts';
import type { Wait } from '../../engine/wait.ts';
import type { BackupLevel } from '../../foundation/scenario.ts';
import { TICKS_PER_SECOND } from '../../foundation/time.ts';
import type { FlowSets } from '../flow-set.ts';
import type { DedupWrite } from './dedup.ts';
import type { VirtualTapeLibrary } from './vtl.ts';
import { vtlExpire, vtlGc, vtlRestore, vtlSynthesize } from './commands.ts';

export interface Tools {
  kernel: Kernel;
  flows: FlowSets;
  lib(name: unknown): VirtualTapeLibrary;
  mark(label: string, data: unknown): void;
  /** reads the library's figures out to the ledger */
  changed(v: VirtualTapeLibrary): void;
}

const DAY = 86400 * TICKS_PER_SECOND;
const LEVELS: readonly BackupLevel[] = ['full', 'incremental', 'differential', 'synthetic-full'];

/** The day (since time 0) an instant falls on: what retention counts in. */
export const dayOf = (t: number): number => Math.floor(t / DAY);

/** A step's level, full when it gives none. */
export function levelOf(x: unknown): BackupLevel {
  if (x === undefined) return 'full';
  if (!LEVELS.includes(x as BackupLevel)) throw new Error(`vtl.write: level is one of ${LEVELS.join(', ')}, got '${String(x)}' (write 'data' only in a scheduled job with data)`);
  return x as BackupLevel;
}

/** A synthetic full of the dataset as the library holds it: its whole image, every chunk a reference to one already stored. */
export function syntheticFull(v: VirtualTapeLibrary, dataset: string): DedupWrite {
  const bytes = v.dedup.image(dataset);
  return { bytes, chunks: Math.ceil(bytes / v.def.dedup.chunk), newChunks: 0, newBytes: 0, storedBytes: 0 };
}

const gb = (b: number) => `${(b / 1e9).toPrecision(4)} GB`;

/** One garbage collection per library at a time. */
function hold(v: VirtualTapeLibrary, what: string, held: WeakSet<VirtualTapeLibrary>): void {
  if (v.failed) throw new Error(`virtual tape library '${v.name}' has failed`);
  if (held.has(v)) throw new Error(`virtual tape library '${v.name}' is already running ${what}`);
  held.add(v);
}

/**
 * Sends every version written since the last replication that retention
 * still keeps and no replication under way is sending; each lands on the
 * target as a version. Two replications at once send disjoint versions.
 */
export function replicateVersions(t: Tools, w: Wait, v: VirtualTapeLibrary, target: VirtualTapeLibrary, route: readonly string[], label: string | undefined): void {
  if (v.failed) throw new Error(`virtual tape library '${v.name}' has failed`);
  const { versions, delta } = v.pendingVersions(true);
  const answer = { bytes: delta.bytes, wireBytes: delta.wireBytes, storedBytes: delta.stored, chunks: delta.chunks, into: target.name };
  t.mark(`vtl ${v.name}: replicates ${gb(delta.wireBytes)} for ${gb(delta.bytes)} (${versions.length} versions) to ${target.name}`, { vtl: v.name, to: target.name, versions: versions.length, ...delta });
  const settle = (ok: boolean) => {
    if (ok) v.replicatedVersions(versions, target, t.kernel.now);
    else v.unsent(versions);
    t.changed(v);
    t.changed(target);
  };
  if (delta.wireBytes === 0) { settle(true); t.kernel.resolve(w, answer); return; }
  t.flows.start(w, [{ route: [v.name, ...route, target.name], bytes: delta.wireBytes, label: label ?? `vtl.replicate ${v.name}` }], ([o]) => {
    try {
      settle(o.ok);
    } catch (e) {
      t.changed(v);
      t.changed(target);
      t.kernel.reject(w, e as Error);
      return;
    }
    if (!o.ok) { t.kernel.reject(w, new Error(`vtl.replicate of ${v.name} failed after ${o.bytes} of ${delta.wireBytes} bytes: ${o.reason}`)); return; }
    t.kernel.resolve(w, answer);
  }, () => v.unsent(versions));
}

export function defineHousekeeping(t: Tools): void {
  const { kernel, flows, lib, mark, changed } = t;
  const collecting = new WeakSet<VirtualTapeLibrary>();

  kernel.defineCommand(vtlExpire.op, (cmd: Custom, w: Wait) => {
    const v = lib(cmd.vtl);
    if (v.failed) throw new Error(`virtual tape library '${v.name}' has failed`);
    const gone = v.expire(dayOf(kernel.now));
    if (gone.length > 0) mark(`vtl ${v.name}: expired ${gone.length} versions, ${gb(v.dedup.garbage)} garbage`, { vtl: v.name, expired: gone.length, garbage: v.dedup.garbage });
    changed(v);
    kernel.resolve(w, { expired: gone.length, versions: v.catalog.count });
  });

  kernel.defineCommand(vtlGc.op, (cmd: Custom, w: Wait) => {
    const v = lib(cmd.vtl);
    const bytes = v.dedup.garbage;
    if (bytes <= 0) { if (v.failed) throw new Error(`virtual tape library '${v.name}' has failed`); kernel.resolve(w, { freed: 0 }); return; }
    hold(v, 'garbage collection', collecting);
    mark(`vtl ${v.name}: housekeeping of ${gb(bytes)}`, { vtl: v.name, garbage: bytes });
    flows.start(w, [{ route: [v.name], bytes, cap: v.def.housekeeping, label: cmd.label ?? `vtl.gc ${v.name}` }], ([o]) => {
      collecting.delete(v);
      // What it worked through is freed, even if the library failed part way.
      const freed = v.dedup.collect(o.bytes);
      changed(v);
      if (!o.ok) { kernel.reject(w, new Error(`vtl.gc of ${v.name} stopped after ${o.bytes} of ${bytes} bytes: ${o.reason}`)); return; }
      kernel.resolve(w, { freed });
    }, () => collecting.delete(v));
  });

  kernel.defineCommand(vtlSynthesize.op, (cmd: Custom, w: Wait) => {
    const v = lib(cmd.vtl);
    const dataset = cmd.dataset as string;
    if (v.failed) throw new Error(`virtual tape library '${v.name}' has failed`);
    if (!v.catalog.versionsOf(dataset).some((x) => x.expiredOn === null)) throw new Error(`vtl.synthesize: library '${v.name}' keeps no version of '${dataset}' to build a synthetic full from`);
    const full = syntheticFull(v, dataset);
    const referenceBytes = full.chunks * v.def.dedup.reference;
    const day = dayOf(kernel.now);
    mark(`vtl ${v.name}: synthetic full of ${dataset}, ${gb(full.bytes)} by ${gb(referenceBytes)} of references`, { vtl: v.name, dataset, bytes: full.bytes, referenceBytes });
    flows.start(w, [{ route: [v.name], bytes: referenceBytes, label: cmd.label ?? `vtl.synthesize ${dataset}` }], ([o]) => {
      if (!o.ok) { kernel.reject(w, new Error(`vtl.synthesize of ${dataset} failed after ${o.bytes} of ${referenceBytes} bytes: ${o.reason}`)); return; }
      try {
        v.record({ dataset, level: 'synthetic-full', day }, full, full.bytes, kernel.now, true);
      } catch (e) {
        kernel.reject(w, e as Error);
        return;
      }
      changed(v);
      kernel.resolve(w, { bytes: full.bytes, referenceBytes });
    });
  });

  kernel.defineCommand(vtlRestore.op, (cmd: Custom, w: Wait) => {
    const v = lib(cmd.vtl);
    const dataset = cmd.dataset as string;
    if (v.failed) throw new Error(`virtual tape library '${v.name}' has failed`);
    const list = v.catalog.versionsOf(dataset);
    if (list.length === 0) throw new Error(`vtl.restore: library '${v.name}' holds no version of '${dataset}'`);
    const day = cmd.day as number | undefined;
    const kept = list.filter((x) => x.expiredOn === null);
    const pick = day === undefined ? kept.at(-1) : list.filter((x) => x.day === day).at(-1);
    const span = kept.length > 0 ? `; it keeps versions from day ${kept[0].day} to day ${kept.at(-1)!.day}` : '; it keeps none';
    if (pick === undefined) throw new Error(`vtl.restore: library '${v.name}' has no version of '${dataset}' ${day === undefined ? 'left' : `taken on day ${day}`}${span}`);
    if (pick.expiredOn !== null) {
      const r = v.def.retention;
      const policy = r === undefined ? '' : ` (${[r.versions === undefined ? '' : `${r.versions} versions`, r.days === undefined ? '' : `${r.days} days`].filter(Boolean).join(', ')})`;
      throw new Error(`vtl.restore: the ${pick.level} of '${dataset}' taken on day ${pick.day} was removed by retention${policy} on day ${pick.expiredOn}${span}`);
    }
    const route = [v.name, ...((cmd.route as string[] | undefined) ?? [])];
    mark(`vtl ${v.name}: restore of ${dataset} from day ${pick.day}, ${gb(pick.image)}`, { vtl: v.name, dataset, day: pick.day, level: pick.level, bytes: pick.image });
    flows.start(w, [{ route, bytes: pick.image, cap: v.def.stream, label: cmd.label ?? `vtl.restore ${dataset}` }], ([o]) => {
      if (!o.ok) { kernel.reject(w, new Error(`vtl.restore of ${dataset} failed after ${o.bytes} of ${pick.image} bytes: ${o.reason}`)); return; }
      v.catalog.restored.push({ version: pick, day: dayOf(kernel.now), expiredOn: pick.expiredOn });
      kernel.resolve(w, { bytes: pick.image, day: pick.day, level: pick.level });
    });
  });
}
