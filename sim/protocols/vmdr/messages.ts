/**
 * What the vmdr actors say to one another (message bodies, plain data), the
 * actors' names, and the backup metadata a snapshot carries.
 */
import { command, type Command, type Custom } from '../../engine/commands.ts';
import type { StepResults } from '../common/step-results.ts';

/** An actor's body or a part of it: yields commands, returns R. */
export type Step<R = void> = Generator<Command | Custom, R, any>;

export const SERVICES = 'vmdr/dr-services';
export const MONITOR = 'vmdr/monitor';
export const OPERATOR = 'vmdr/operator';
export const agentOf = (hypervisor: string): string => `vmdr/dp/${hypervisor}`;
/** One of an alternate host's restore slots: the restores it runs at once. */
export const slotOf = (hypervisor: string, i: number): string => `vmdr/dp/${hypervisor}/restore-${i + 1}`;
export const heartbeatOf = (host: string): string => `vmdr/heartbeat/${host}`;
export const replicatorOf = (mirror: string): string => `vmdr/replication/${mirror}`;

/** The backup metadata stored with each snapshot (FIG. 2): the VMs, the host they ran on, when. */
export interface BackupMetadata {
  backup: number;
  /** the host the VMs ran on when backed up: the primary's name, which a restore to an alternate host ignores */
  host: string;
  /** the instant of the image: the freeze */
  time: number;
  /** per VM: bytes its writes had put on its disks at the freeze (all in the snapshot) */
  vms: { vm: string; written: number }[];
}

export const encodeMetadata = (m: BackupMetadata): string => JSON.stringify(m);
export const decodeMetadata = (s: string | undefined): BackupMetadata | null => (s === undefined ? null : JSON.parse(s) as BackupMetadata);

/** A snapshot's name: one per backup per volume. */
export const snapshotName = (hypervisor: string, backup: number): string => `vmdr-${hypervisor}-${backup}`;

export type Body =
  | { type: 'plan'; backup: number; retain: number | null; prepare: number; commit: number }
  | { type: 'backup'; hypervisor: string; backup: number; volumes: string[] }
  | { type: 'replicate' }
  | { type: 'stop' }
  | { type: 'quiesce' }
  | { type: 'quiesced'; mirror: string }
  | { type: 'ping' }
  | { type: 'pong'; host: string; ok: boolean; why?: string }
  | { type: 'down'; host: string; role: 'primary' | 'alternate'; why: string }
  /** `job`: the DR services' restore job the slot works for (its flows are that job's) */
  | { type: 'restore'; job: string; vm: string; as: string; snapshot: string; work: number; read: number; revert: { system: string; volume: string }[]; volumes: string[]; metadataHost: string }
  /** `results`: the restore's step results, for its job's record */
  | { type: 'restored'; vm: string; as: string; ok: boolean; why?: string; at?: number; results: StepResults };

/** The message of one type. */
export type Msg<K extends Body['type']> = Extract<Body, { type: K }>;

/** A VM runs again, on an alternate host, from this backup, since `at` (ticks; the orchestrator may hear of it later). */
export interface Recovered { vm: string; host: string; snapshot: string; imageTime: number; written: number; metadataHost: string; at: number }
export const vmdrRecovered = command<Recovered>('vmdr.recovered');
/** A VM cannot be recovered, and why. */
export const vmdrLost = command<{ vm: string; why: string }>('vmdr.lost');

/** A backup stored on every volume of its host: its image time and when the last snapshot of it was stored. */
export interface BackedUp { hypervisor: string; backup: number; imageTime: number }
export const vmdrBackedUp = command<BackedUp>('vmdr.backed-up');
/** A mirror update done: the destination holds the source as of `begin`, from `end`. */
export interface Replicated { mirror: string; begin: number; end: number }
export const vmdrReplicated = command<Replicated>('vmdr.replicated');
