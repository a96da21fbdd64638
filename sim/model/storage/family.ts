/**
 * The storage family: `topology.storage`, arrays with volumes, snapshots and
 * mirrors, and the commands that write, snapshot, restore and mirror them.
 *
 * Each array's throughput is a device link named after the array; bulk moves
 * cross it (a write: the route from the host, then the array; a mirror
 * update: the source array, the route, the destination array; a restore to
 * another volume: likewise). Snapshots, snapshot deletes and in-place
 * restores are instant (redirect-on-write, see snapshot.ts). A failed array
 * (`device-fails: NAME`) refuses every command with its name and the time it
 * failed; a move in flight through it fails with the bytes moved so far.
 */
import type { Kernel } from '../../engine/kernel.ts';
import type { BuildContext, Family, FamilyRuntime } from '../family.ts';
import { opsOf } from '../../engine/step-command.ts';
import { mirrorBreak, mirrorUpdate, mirrorWait, storageRestore, storageSnapshot, storageSnapshotDelete, storageSnapshotList, storageWrite } from './commands.ts';

import { Mirror } from './mirror.ts';
import { StorageError, StorageSystem, Volume } from './storage-system.ts';
import { defineStorageCommands } from './handlers.ts';
import { resolveStorage, STORAGE, type StorageDef } from './section.ts';
import type { StoryData } from '../../foundation/story.ts';


/** The storage models of one run; other families (hypervisors) reach them through storageModelOf. */
export class StorageModel implements FamilyRuntime {
  readonly systems = new Map<string, StorageSystem>();
  readonly mirrors = new Map<string, Mirror>();
  private moves = 0;

  constructor(readonly kernel: Kernel) {}

  system(name: string): StorageSystem {
    const s = this.systems.get(name);
    if (s === undefined) throw new StorageError(`no storage system named '${name}'`);
    return s;
  }

  /** A volume as a step names it: `vol` on `system`, or `system/vol`. */
  volume(system: string | undefined, ref: string): Volume {
    const slash = ref.indexOf('/');
    const sys = slash < 0 ? system : ref.slice(0, slash);
    const name = slash < 0 ? ref : ref.slice(slash + 1);
    if (sys === undefined) throw new StorageError(`volume '${ref}' needs its system: write system/volume`);
    if (system !== undefined && slash >= 0 && sys !== system) throw new StorageError(`volume '${ref}' is not on storage system '${system}'`);
    const s = this.system(sys);
    const v = s.volumes.get(name);
    if (v === undefined) throw new StorageError(`storage system '${sys}' has no volume named '${name}'; it has: ${[...s.volumes.keys()].join(', ')}`);
    return v;
  }

  mirror(name: string): Mirror {
    const m = this.mirrors.get(name);
    if (m === undefined) throw new StorageError(`no mirror named '${name}'`);
    return m;
  }

  siteFails(site: string): void {
    for (const s of this.systems.values()) if (s.site === site) this.failDevice(s.name);
  }

  failDevice(name: string): boolean {
    const s = this.systems.get(name);
    if (s === undefined) return false;
    if (s.failedAt !== null) return true;
    const now = this.kernel.now;
    // Writes up to now landed while the array was up.
    for (const v of s.volumes.values()) v.sync(now);
    s.failedAt = now;
    this.kernel.trace.mark(now, 0, `storage system ${name} fails`, { fails: name } satisfies StoryData);
    this.kernel.net.setLinkUp(this.kernel.net.linkId(s.device), false);
    return true;
  }

  /** a numbered label for a move, so the trace tells one update from the next */
  moveName(what: string): string {
    return `storage ${what} ${++this.moves}`;
  }
}

const MODELS = new WeakMap<Kernel, StorageModel>();

/** The storage models built into this kernel (one run), if the scenario has any. */
export function storageModelOf(kernel: Kernel): StorageModel | undefined {
  return MODELS.get(kernel);
}

function build(def: StorageDef, ctx: BuildContext): StorageModel | void {
  if (def.systems.length === 0) return;
  const kernel = ctx.kernel;
  const model = new StorageModel(kernel);
  MODELS.set(kernel, model);
  for (const s of def.systems) {
    const sys = new StorageSystem(s.name, s.site, s.rate, s.cgFence);
    for (const v of s.volumes) sys.volumes.set(v.name, new Volume(sys, v.name, v.size, v.used));
    model.systems.set(s.name, sys);
    ctx.device(s.name, 'storage', { bandwidth: s.rate, latency: 0 });
  }
  for (const m of def.mirrors) {
    model.mirrors.set(m.name, new Mirror(m.name, model.volume(m.system, m.volume), model.volume(m.to.system, m.to.volume), m.route, m.interval));
  }
  defineStorageCommands(model);
  return model;
}

export const storageFamily: Family<StorageDef> = {
  key: 'storage',
  errors: { StorageError },
  title: 'storage arrays: volumes, redirect-on-write snapshots, asynchronous mirrors',
  declares: { section: STORAGE },
  ops: opsOf([storageWrite, storageSnapshot, storageSnapshotList, storageSnapshotDelete, storageRestore, mirrorUpdate, mirrorBreak, mirrorWait]),
  resolve: resolveStorage,
  build,
};
