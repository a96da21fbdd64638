/**
 * What the roles say to each other (plain data, sent as message bodies), and
 * the actors' names, fixed in build and handed to every actor.
 */
import type { CommonCommand } from './emf.ts';
import type { StepResults } from '../common/step-results.ts';
import type { VtlWritten } from '../../model/vtls/commands.ts';
import type { PhysicalLibrary } from './device-information.ts';

export interface Roles {
  /** the one backup application instance, at the local site: its backups */
  app: string;
  /** the same instance's copy policy: issues the week's Smart Copy */
  policy: string;
  seeding: string;
  /** the local library's storage-cell coordinator: takes writes, holds them while locked */
  coordinator: string;
  /** per storage cell: the batch of completed writes to replicate, and the worker that replicates them */
  batches: string[];
  replicators: string[];
  /** copy interface, EMF, auto-migration layer and copy manager of each storage device */
  copyEngine: string;
  remoteCopyEngine: string;
  /** the device control of the physical library that holds the medium */
  deviceControl: string;
  /** where each local cartridge's writes replicate: its storage cell and the remote cartridge in its slot */
  slots: Record<string, { cell: number; replica: string }>;
  /** the baseline's second backup application instance, at the remote site */
  remoteApp: string;
}

/** The status of a copy as it flows back (FIG. 3 steps 8-9). */
export interface CopyStatus {
  type: 'status';
  ref: string;
  ok: boolean;
  /** bytes written to physical tape */
  bytes: number;
  /** physical cartridges written, in order */
  cartridges: string[];
  error?: string;
  /** the stable code of the error, when one had it */
  code?: string;
  /** the device control's step results (tape.write, tape.mount, ...), for the copy job's record */
  results: StepResults;
}

export type Message =
  | { type: 'write'; job: string; cartridge: string; bytes: number; dataset: string; change: number }
  | { type: 'write-ack'; job: string; cartridge: string; result?: VtlWritten; error?: string }
  | { type: 'lock'; ref: string }
  | { type: 'unlock'; ref: string }
  | { type: 'written'; cartridge: string; replica: string }
  | { type: 'next' }
  | { type: 'replicate'; cartridge: string; replica: string }
  | { type: 'replicated'; cartridge: string }
  | { type: 'await-replication'; ref: string; cartridges: string[] }
  | { type: 'replication-current'; ref: string }
  | { type: 'catalogued'; week: number; cartridge: string; kind: 'full' | 'incremental'; ok: boolean }
  | { type: 'pdd'; libraries: PhysicalLibrary[] }
  | { type: 'inventory' }
  | { type: 'libraries'; libraries: { library: string; presentedBy: string; ghost: boolean; cartridges: string[] }[] }
  /** `job`, here and below: the backup application's copy job the work is for, for its flows and results */
  | { type: 'smart-copy'; ref: string; job: string; api: 'ndmp' | 'smi-s'; vtl: string; cartridges: string[]; to: string }
  | { type: 'copy-job'; ref: string; job: string; commands: CommonCommand[] }
  /** the remote copy manager's answer to a repeated job that has not ended */
  | { type: 'running'; ref: string }
  | { type: 'execute'; ref: string; job: string; commands: CommonCommand[]; replyTo: string }
  | CopyStatus;

/** The code of a copy refused because a cartridge's replication has not brought all its bytes yet. */
export const REPLICATION_PENDING = 'remotecopy.replication-pending';

/** The message of one type. */
export type Msg<K extends Message['type']> = Extract<Message, { type: K }>;
