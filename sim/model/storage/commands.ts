/** The storage family's commands, declared once: arguments and answers. */
import { command } from '../../engine/commands.ts';

/** A volume, as SYSTEM and VOLUME or as a volume name unique in the scenario. */
interface OnVolume { system?: string; volume: string }
interface Moved { start: number; end: number }

export const storageWrite = command<OnVolume & { bytes: number; changed?: number; route?: readonly string[] }, Moved & { volume: string; bytes: number; changed: number }>('storage.write');

export interface SnapshotTaken {
  name: string;
  volume: string;
  time: number;
  /** a fenced (consistency-group) snapshot: how long writes were held, and their bytes */
  fencedFor?: number;
  heldBytes?: number;
}
export const storageSnapshot = command<OnVolume & { name: string; metadata?: string; fence?: boolean }, SnapshotTaken>('storage.snapshot');

export interface SnapshotListing {
  volume: string;
  snapshots: { name: string; time: number; image: number; metadata?: string }[];
}
export const storageSnapshotList = command<OnVolume, SnapshotListing>('storage.snapshot.list');
export const storageSnapshotDelete = command<OnVolume & { name: string }, { name: string; volume: string; space: number }>('storage.snapshot.delete');

/** In place (a revert: `deleted` the later snapshots) or onto volume `to` (a copy: `from`, `start`, `end`). */
export interface Restored { volume: string; snapshot: string; bytes: number; deleted?: string[]; time?: number; from?: string; start?: number; end?: number }
export const storageRestore = command<OnVolume & { snapshot: string; to?: string; route?: readonly string[] }, Restored>('storage.restore');

export const mirrorUpdate = command<{ mirror: string }, Moved & { mirror: string; bytes: number; baseline: boolean; imageTime: number }>('storage.mirror.update');
export const mirrorBreak = command<{ mirror: string }, { mirror: string; imageTime: number | null; imageAge: number | null }>('storage.mirror.break');
export const mirrorWait = command<{ mirror: string }, { mirror: string; time: number }>('storage.mirror.wait');
