/** The storage family's job-step commands, declared once: parameters, arguments and answers. */
import { stepCommand } from '../../engine/step-command.ts';

const volumeParams = {
  system: { kind: 'name', ref: 'storage', required: true, description: 'the storage system' },
  volume: { kind: 'name', ref: 'volume', required: true, description: 'the volume or LUN: its name on the system, or system/volume' },
} as const;
const mirror = { mirror: { kind: 'name', ref: 'mirror', required: true, description: 'the mirror' } } as const;
interface Moved { start: number; end: number }

export const storageWrite = stepCommand('storage.write', {
  description: 'Write bytes into a volume over the route (if any) and the array\'s device link; the volume\'s change counters (snapshots, mirrors) grow by the distinct bytes touched when the last byte lands.',
  params: {
    ...volumeParams,
    bytes: { kind: 'size', required: true, description: 'bytes written' },
    changed: { kind: 'size', description: 'distinct bytes touched (default: bytes); spread uniformly over the volume (UNSOURCED simplification: no block addresses are kept)' },
    route: { kind: 'names', ref: 'link', description: 'links from the writing host to the array, before the array itself' },
  },
}).returns<Moved & { volume: string; bytes: number; changed: number }>();

export interface SnapshotTaken {
  name: string;
  volume: string;
  time: number;
  /** a fenced (consistency-group) snapshot: how long writes were held, and their bytes */
  fencedFor?: number;
  heldBytes?: number;
}
export const storageSnapshot = stepCommand('storage.snapshot', {
  description: 'Take a point-in-time snapshot of a volume (instant, redirect-on-write: it holds no space until the volume changes, as WAFL\'s "uses no additional disk space until files are changed", Hutchinson et al., OSDI \'99); result { name, time }. With fence, writes are held for the array\'s cgFence first, as a consistency-group snapshot does.',
  params: {
    ...volumeParams,
    name: { kind: 'string', required: true, description: 'the snapshot\'s name, unique on the volume' },
    fence: { kind: 'boolean', description: 'hold writes for the array\'s consistency-group write fence (cgFence) before the snapshot' },
    metadata: { kind: 'string', description: 'backup metadata stored with the snapshot (a VM, its host, the time ...); mirrors carry it, storage.snapshot.list shows it' },
  },
}).returns<SnapshotTaken>();

export interface SnapshotListing {
  volume: string;
  snapshots: { name: string; time: number; image: number; metadata?: string }[];
}
export const storageSnapshotList = stepCommand('storage.snapshot.list', {
  description: 'Scan a volume for snapshots (backup data): result { volume, snapshots: [{ name, time, image, metadata }] }, oldest first. Refused if the array failed.',
  params: { ...volumeParams },
}).returns<SnapshotListing>();

export const storageSnapshotDelete = stepCommand('storage.snapshot.delete', {
  description: 'Delete a snapshot; result { name, space } with the bytes it freed.',
  params: { ...volumeParams, name: { kind: 'string', required: true, description: 'the snapshot' } },
}).returns<{ name: string; volume: string; space: number }>();

/** In place (a revert: `deleted` the later snapshots) or onto volume `to` (a copy: `from`, `start`, `end`). */
export interface Restored { volume: string; snapshot: string; bytes: number; deleted?: string[]; time?: number; from?: string; start?: number; end?: number }
export const storageRestore = stepCommand('storage.restore', {
  description: 'Without `to`: revert the volume to the snapshot in place (instant; newer snapshots are deleted). With `to`: copy the snapshot\'s image (its used bytes) to that volume over the arrays\' device links and the route.',
  params: {
    ...volumeParams,
    snapshot: { kind: 'string', required: true, description: 'the snapshot to restore from' },
    to: { kind: 'name', ref: 'volume', description: 'the volume to copy it to: a name on the same system, or system/volume' },
    route: { kind: 'names', ref: 'link', description: 'links between the two arrays' },
  },
}).returns<Restored>();

export const mirrorUpdate = stepCommand('storage.mirror.update', {
  description: 'Transfer what changed on the source since the last update (the first time: its whole used size) to the destination; result { mirror, bytes, baseline, start, end, imageTime }.',
  params: mirror,
}).returns<Moved & { mirror: string; bytes: number; baseline: boolean; imageTime: number }>();

export const mirrorBreak = stepCommand('storage.mirror.break', {
  description: 'Break the mirror (failover): the destination becomes writable and shows the source as of the last update; result { mirror, imageTime, imageAge }.',
  params: mirror,
}).returns<{ mirror: string; imageTime: number | null; imageAge: number | null }>();

export const mirrorWait = stepCommand('storage.mirror.wait', {
  description: 'Sleep until the mirror\'s next scheduled update: the next multiple of its interval since time 0.',
  params: mirror,
}).returns<{ mirror: string; time: number }>();
