/**
 * The protocol information (FIG. 4) the clients and the backup server
 * exchange, as plain message bodies. Each crosses the control route: the
 * client's virtual Ethernet adapter, the virtual LAN, the VIO server and its
 * Shared Ethernet Adapter, the physical LAN.
 */
import { command } from '../../engine/commands.ts';

/** Client -> backup server: start a backup or restore session. */
export interface SessionRequest {
  type: 'start';
  kind: 'backup' | 'restore';
  client: string;
  /** the session's name: the client, or the client and its session number (schedule.ts) */
  session: string;
  bytes: number;
  /** the server the client runs on now, so the answer takes the right route back */
  server: string;
}

/** Backup server -> client: no drive is free; the client waits and asks again. */
export interface Queued {
  type: 'queued';
  /** sessions ahead of this one */
  ahead: number;
}

/** Backup server -> client: the drive the session uses and what to mount first. */
export interface DriveAssigned {
  type: 'drive';
  drive: string;
  /** cartridge to unmount first (a restore needing another cartridge), or null */
  unmount: string | null;
  /** cartridge to mount, or null if the right one is in the drive */
  mount: string | null;
  /** restore: where the client's data is */
  segments: { cartridge: string; bytes: number }[];
  /** ns the request waited for a drive */
  waited: number;
}

/** Client -> backup server: the session ended; the server records it (FIG. 4) and frees the drive. */
export interface SessionResult {
  type: 'end';
  kind: 'backup' | 'restore';
  client: string;
  session: string;
  drive: string;
  bytes: number;
  server: string;
  /** backup: cartridges written with the bytes on each */
  segments: { cartridge: string; bytes: number }[];
  /** the cartridge left in the drive */
  mounted: string | null;
  error?: string;
  /** the drive failed: the backup server takes it offline */
  driveFailed?: boolean;
}

/** Backup server -> client: write into the disk storage pool (its copy group destination); no drive. */
export interface PoolAssigned {
  type: 'pool';
  system: string;
  volume: string;
  /** ns the request waited */
  waited: number;
}

/** Backup server -> one of its migration processes: move this node's data from the disk pool to tape on this drive. */
export interface Migrate {
  type: 'migrate';
  node: string;
  bytes: number;
  drive: string;
  mount: string | null;
}

/** Migration process -> backup server: the node's data is on tape (or the move failed). */
export interface Migrated {
  type: 'migrated';
  node: string;
  bytes: number;
  drive: string;
  /** cartridges written, the last one left in the drive */
  cartridges: string[];
  error?: string;
}

export interface Recorded {
  type: 'recorded';
}

/** Client -> storage agent (FIG. 5: sent to the backup vLAN address): open a session on a drive. */
export interface OpenSession {
  type: 'open';
  client: string;
  drive: string;
  server: string;
}

export interface SessionOpened {
  type: 'opened';
  agent: string;
}

export type ToBackupServer = SessionRequest | SessionResult | Migrated;
export type FromBackupServer = Queued | DriveAssigned | PoolAssigned | Recorded;

/** The backup server records that every backup (or every restore) has ended: a mark in the trace, for its readers. */
export const lanfreePhase = command<{ phase: 'backup' | 'restore' }>('lanfree.phase');
