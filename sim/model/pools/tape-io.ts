/**
 * Moving a pool's bytes on tape, as steps of a helper process: mounts and
 * unmounts are the tape family's own (a robot trip, load and thread, media
 * optimisation of a new LTO-9 cartridge), the bytes a flow through the
 * drive's device link. A write goes on from cartridge to cartridge, each
 * taken from the pool's filling ones or from scratch.
 */
import { perform, transfer, type Op } from '../../engine/commands.ts';
import { TransferFailed } from '../../engine/errors.ts';
import type { Kernel } from '../../engine/kernel.ts';
import { tapeCheckIn, tapeMount, tapeUnmount } from '../libraries/commands.ts';
import { LTO } from '../libraries/lto.ts';
import { TapeError } from '../libraries/tape-error.ts';
import type { Drives } from './drives.ts';
import { poolDrives } from './commands.ts';
import type { SeqPoolDef } from './resolve.ts';
import type { PoolSet } from './state.ts';
import { room, type Volume } from './volumes.ts';

export type Steps<R> = Generator<Op, R, unknown>;

/** What an op's process works with. */
export interface Env {
  kernel: Kernel;
  state: PoolSet;
  drives: Drives;
  /** days since the run began */
  day(): number;
}

const libraryOf = (drive: string) => drive.slice(0, drive.indexOf('/'));

/** Waits for `count` of the pool's drives. */
export function* takeDrives(pool: SeqPoolDef, count: number): Steps<string[]> {
  return yield* perform(poolDrives({ pool: pool.name, count }));
}

/** The cartridge out of the drive, back in its slot (what it holds is counted by the op that wrote it, after this). */
export function* unmount(env: Env, drive: string): Steps<void> {
  const v = env.drives.mounted.get(drive);
  if (v === undefined) return;
  try {
    yield* perform(tapeUnmount({ library: libraryOf(drive), drive }));
  } catch (e) {
    // An abandoned op's mount may never have happened: the drive is empty already.
    if (!(e instanceof TapeError && e.code === 'tape.no-cartridge')) throw e;
  }
  env.drives.mounted.delete(drive);
  v.drive = null;
}

/** `v` in the drive, whatever was there before. */
export function* mount(env: Env, drive: string, v: Volume): Steps<void> {
  if (env.drives.mounted.get(drive) === v) return;
  yield* unmount(env, drive);
  v.drive = drive;
  env.drives.mounted.set(drive, v);
  yield* perform(tapeMount({ library: libraryOf(drive), drive, cartridge: v.label }));
}

/** Unmounts the drives (failures there are not the op's) and gives them back. */
export function* done(env: Env, drives: readonly string[]): Steps<void> {
  for (const d of drives) {
    try {
      yield* unmount(env, d);
    } catch {
      // A failed drive keeps its cartridge; the op already has its own outcome.
    }
  }
  env.drives.release(drives);
}

/**
 * Writes `bytes` from `source` (links before the drive) onto the pool's
 * cartridges through `drive`; `each(v, n)` hears every cartridge's share
 * once its bytes are there. Answers the cartridges written.
 */
export function* write(env: Env, pool: SeqPoolDef, drive: string, source: readonly string[], bytes: number, label: string, each: (v: Volume, n: number) => void): Steps<string[]> {
  const used: string[] = [];
  let left = bytes;
  while (left > 0) {
    let v = env.drives.mounted.get(drive);
    if (v === undefined || v.pool !== pool.name || v.full || v.offsite || room(v) === 0) {
      v = env.state.take(pool, drive);
      // A cartridge just checked in: the library learns of it (in a slot near the I/O station, position 0) before the mount.
      if (env.state.newcomers.delete(v)) {
        const { label: name, generation, capacity } = v;
        yield* perform(tapeCheckIn({ library: pool.library, cartridge: { name, generation, capacity, used: 0, initialised: LTO[generation].mediaOptimisation === 0, position: 0 } }));
        env.state.publish();
      }
      if (env.drives.mounted.get(drive) !== undefined) yield* unmount(env, drive);
      env.drives.mounted.set(drive, v);
      yield* perform(tapeMount({ library: libraryOf(drive), drive, cartridge: v.label }));
    }
    const n = Math.min(left, room(v));
    try {
      yield* perform(transfer([...source, drive], n, { label }));
    } catch (e) {
      if (e instanceof TransferFailed) env.state.wrote(v, e.delivered);
      throw e;
    }
    env.state.wrote(v, n);
    each(v, n);
    if (!used.includes(v.label)) used.push(v.label);
    left -= n;
  }
  return used;
}
