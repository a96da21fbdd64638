/**
 * The storage commands: write, snapshot (with a consistency-group write
 * fence), list and delete snapshots, restore in place or to another volume,
 * and update, break and wait for a mirror. Each refuses with the array's
 * name and failure time once the array failed.
 */
import { defineGuarded } from '../guarded.ts';
import { mirrorBreak, mirrorUpdate, mirrorWait, storageRestore, storageSnapshot, storageSnapshotDelete, storageSnapshotList, storageWrite } from './commands.ts';
import { TransferFailed } from '../../engine/errors.ts';
import type { Wait } from '../../engine/wait.ts';
import type { Custom } from '../../engine/commands.ts';
import type { StorageModel } from './family.ts';
import { StorageError, type StorageSystem } from './storage-system.ts';
import { moveThen } from './transfer.ts';

/** Defines the storage commands in the model's kernel. */
export function defineStorageCommands(model: StorageModel): void {
  const kernel = model.kernel;
  const define = (op: string, handler: (cmd: Custom, wait: Wait) => void) => defineGuarded(kernel, op, handler);
  const mark = (label: string, data?: unknown) => kernel.trace.mark(kernel.now, 0, label, data);
  const s = (t: number) => t / 1e9;
  /** why a move failed: the array that failed, or the network's reason */
  const why = (e: TransferFailed, ...systems: StorageSystem[]) => {
    const dead = systems.find((x) => x.failedAt !== null);
    return dead !== undefined ? `storage system '${dead.name}' failed at ${s(dead.failedAt!)} s` : e.message;
  };

  define(storageWrite.op, (cmd, wait) => {
    const v = model.volume(cmd.system as string, cmd.volume as string);
    const bytes = cmd.bytes as number;
    const changed = (cmd.changed as number | undefined) ?? bytes;
    if (changed > bytes) throw new StorageError(`a write touches at most the bytes it writes: changed ${changed} > bytes ${bytes}`);
    if (changed > v.size) throw new StorageError(`a write cannot touch ${changed} distinct bytes of volume '${v.id}', which holds ${v.size}`);
    v.system.checkUp(`write to volume '${v.id}'`);
    const refused = v.refusal();
    if (refused !== null) throw new StorageError(refused);
    const route = (cmd.route as string[] | undefined) ?? [];
    if (route.includes(v.system.device)) throw new StorageError(`the route of a write to '${v.id}' lists the array '${v.system.name}' itself; it is added at the end`);
    moveThen(kernel, wait, {
      route: [...route, v.system.device],
      bytes,
      label: model.moveName(`write ${v.id}`),
      done: (r) => {
        v.sync(kernel.now);
        v.write(bytes, changed);
        return { volume: v.id, bytes, changed, start: r.start, end: r.end };
      },
      failed: (e) => {
        // What landed before the failure is on the volume, if the volume is still there.
        if (e.delivered > 0 && v.refusal() === null) v.write(e.delivered, (changed * e.delivered) / Math.max(1, bytes));
        return new TransferFailed(`write of ${bytes} bytes to volume '${v.id}' failed after ${e.delivered} bytes: ${why(e, v.system)}`, e.flow, bytes, e.delivered);
      },
      abandoned: () => {},
    });
  });

  define(storageSnapshot.op, (cmd, wait) => {
    const v = model.volume(cmd.system as string, cmd.volume as string);
    const name = cmd.name as string;
    v.system.checkUp(`snapshot volume '${v.id}'`);
    if (v.findSnapshot(name) !== undefined) throw new StorageError(`volume '${v.id}' already has a snapshot named '${name}'`);
    v.sync(kernel.now);
    const metadata = cmd.metadata as string | undefined;
    if (cmd.fence !== true) {
      const snap = v.snapshot(name, kernel.now, metadata);
      mark(`snapshot ${v.id}@${name}`, { used: snap.image });
      kernel.resolve(wait, { name, volume: v.id, time: snap.time });
      return;
    }
    // A consistency-group snapshot: writes are fenced (held at the array) while it is taken.
    const from = kernel.now;
    let abandoned = false;
    v.hold();
    mark(`write fence on ${v.id} for ${s(v.system.cgFence)} s`);
    wait.cancel = () => { abandoned = true; v.sync(kernel.now); v.release(); };
    kernel.at(from + v.system.cgFence, () => {
      if (abandoned) return;
      v.sync(kernel.now);
      if (v.system.failedAt !== null) {
        v.held = null;
        kernel.reject(wait, new StorageError(`storage system '${v.system.name}' failed at ${s(v.system.failedAt)} s, during the write fence of snapshot '${name}' of volume '${v.id}'`));
        return;
      }
      const snap = v.snapshot(name, kernel.now, metadata);
      const heldBytes = v.release();
      mark(`snapshot ${v.id}@${name}; fence lifted`, { used: snap.image, heldBytes });
      kernel.resolve(wait, { name, volume: v.id, time: snap.time, fencedFor: kernel.now - from, heldBytes });
    });
  });

  define(storageSnapshotList.op, (cmd, wait) => {
    const v = model.volume(cmd.system as string, cmd.volume as string);
    v.system.checkUp(`scan volume '${v.id}'`);
    const snapshots = v.snapshots.map((x) => ({ name: x.name, time: x.time, image: x.image, metadata: x.metadata }));
    kernel.resolve(wait, { volume: v.id, snapshots });
  });

  define(storageSnapshotDelete.op, (cmd, wait) => {
    const v = model.volume(cmd.system as string, cmd.volume as string);
    v.system.checkUp(`delete a snapshot of volume '${v.id}'`);
    v.sync(kernel.now);
    const snap = v.deleteSnapshot(cmd.name as string);
    mark(`snapshot ${v.id}@${snap.name} deleted`, { space: snap.space });
    kernel.resolve(wait, { name: snap.name, volume: v.id, space: snap.space });
  });

  define(storageRestore.op, (cmd, wait) => {
    const src = model.volume(cmd.system as string, cmd.volume as string);
    const snap = src.snapshotNamed(cmd.snapshot as string);
    src.system.checkUp(`restore from snapshot '${snap.name}' of volume '${src.id}'`);
    const route = (cmd.route as string[] | undefined) ?? [];
    if (cmd.to === undefined) {
      if (route.length > 0) throw new StorageError('a restore over a route copies to another volume: give `to`');
      const refused = src.refusal();
      if (refused !== null) throw new StorageError(refused);
      src.sync(kernel.now);
      const deleted = src.revert(snap);
      mark(`volume ${src.id} reverted to ${snap.name}`, { used: src.used, deleted });
      kernel.resolve(wait, { volume: src.id, snapshot: snap.name, bytes: 0, deleted, time: kernel.now });
      return;
    }
    const to = cmd.to as string;
    const dst = model.volume(to.includes('/') ? undefined : src.system.name, to);
    if (dst === src) throw new StorageError(`restoring volume '${src.id}' onto itself is a revert: leave out \`to\``);
    dst.system.checkUp(`restore onto volume '${dst.id}'`);
    const refused = dst.refusal();
    if (refused !== null) throw new StorageError(refused);
    if (dst.size < snap.image) throw new StorageError(`volume '${dst.id}' (${dst.size} bytes) cannot hold snapshot '${snap.name}' (${snap.image} bytes)`);
    for (const sys of [src.system, dst.system]) if (route.includes(sys.device)) throw new StorageError(`the route of a restore lists the array '${sys.name}' itself; the arrays are added at its ends`);
    const path = src.system === dst.system ? [src.system.device, ...route] : [src.system.device, ...route, dst.system.device];
    moveThen(kernel, wait, {
      route: path,
      bytes: snap.image,
      label: model.moveName(`restore ${src.id}@${snap.name} to ${dst.id}`),
      done: (r) => {
        dst.sync(kernel.now);
        dst.write(snap.image, snap.image);
        dst.used = snap.image;
        mark(`volume ${dst.id} restored from ${src.id}@${snap.name}`, { bytes: snap.image });
        return { volume: dst.id, from: src.id, snapshot: snap.name, bytes: snap.image, start: r.start, end: r.end };
      },
      failed: (e) => new TransferFailed(`restore of snapshot '${snap.name}' to volume '${dst.id}' failed after ${e.delivered} of ${snap.image} bytes: ${why(e, src.system, dst.system)}`, e.flow, snap.image, e.delivered),
      abandoned: () => {},
    });
  });

  define(mirrorUpdate.op, (cmd, wait) => {
    const m = model.mirror(cmd.mirror as string);
    m.source.sync(kernel.now);
    const { bytes, baseline } = m.begin(kernel.now);
    mark(`mirror ${m.name} ${baseline ? 'baseline' : 'update'}: ${bytes} bytes`, { bytes, baseline });
    moveThen(kernel, wait, {
      route: m.path,
      bytes,
      label: model.moveName(`mirror ${m.name} ${baseline ? 'baseline' : 'update'}`),
      done: (r) => {
        const c = m.commit();
        mark(`mirror ${m.name}: destination at ${s(c.start)} s`, { bytes });
        return { mirror: m.name, bytes, baseline, start: r.start, end: r.end, imageTime: c.start };
      },
      failed: (e) => {
        m.abort();
        return new TransferFailed(`mirror '${m.name}' ${baseline ? 'baseline' : 'update'} failed after ${e.delivered} of ${bytes} bytes: ${why(e, m.source.system, m.destination.system)}`, e.flow, bytes, e.delivered);
      },
      abandoned: () => m.abort(),
    });
  });

  define(mirrorBreak.op, (cmd, wait) => {
    const m = model.mirror(cmd.mirror as string);
    m.destination.sync(kernel.now);
    m.break(kernel.now);
    const imageAge = m.imageTime === null ? null : kernel.now - m.imageTime;
    mark(`mirror ${m.name} broken: ${m.destination.id} is writable`, { imageTime: m.imageTime });
    kernel.resolve(wait, { mirror: m.name, imageTime: m.imageTime, imageAge });
  });

  define(mirrorWait.op, (cmd, wait) => {
    const m = model.mirror(cmd.mirror as string);
    const next = m.nextScheduled(kernel.now);
    kernel.at(next, () => kernel.resolve(wait, { mirror: m.name, time: next }));
  });

}
