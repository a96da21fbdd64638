/**
 * What a process may yield: commands as plain, structured-cloneable data.
 *
 * A process touches the world only through these. It never holds a model
 * object, so the same process code can run in-process or in a worker. Every
 * command can carry a `label` (e.g. "FIG. 3 step 2: send data over the
 * virtual LAN") and `data`; both go into the trace as the step a student sees.
 */
import type { Ticks } from '../foundation/time.ts';

export interface Labelled {
  label?: string;
  data?: unknown;
}

export interface Sleep extends Labelled { op: 'sleep'; duration: Ticks }
export interface Send extends Labelled {
  op: 'send';
  to: string;
  body: unknown;
  /** Links the message crosses; without one it arrives at once. */
  route?: readonly string[];
  /** Bytes on the wire, for the serialisation delay. */
  size?: number;
}
export interface MessageFilter {
  /** Only messages from this actor. */
  from?: string;
  /** Only messages whose body has this `type` field. */
  type?: string;
}
export interface Receive extends Labelled { op: 'receive'; match?: MessageFilter; timeout?: Ticks }
export interface Transfer extends Labelled {
  op: 'transfer';
  route: readonly string[];
  bytes: number;
  /** Most bytes/s for this flow (a drive's speed, a window over an RTT). */
  cap?: number;
}
export interface All extends Labelled { op: 'all'; of: readonly (Command | Custom)[] }
export interface Any extends Labelled { op: 'any'; of: readonly (Command | Custom)[] }
export interface Join extends Labelled { op: 'join'; actor: string }
export interface Mark extends Labelled { op: 'mark'; label: string }
/** Any other op is handled by an extension the kernel was given (kernel.defineCommand). */
export interface Custom extends Labelled { op: string; [field: string]: unknown }

export type Command = Sleep | Send | Receive | Transfer | All | Any | Join | Mark;

/** A message as the receiver gets it. */
export interface Envelope<T = unknown> {
  from: string;
  to: string;
  body: T;
  sentAt: Ticks;
  deliveredAt: Ticks;
}

/** What a transfer resolves with. */
export interface TransferResult {
  flow: number;
  bytes: number;
  /** When the transfer was asked for and when its last byte arrived, in ticks. */
  start: Ticks;
  end: Ticks;
}

/** What `any` resolves with: which command finished first, and its value. */
export interface AnyResult<T = unknown> {
  index: number;
  value: T;
}

export const sleep = (duration: Ticks, label?: string, data?: unknown): Sleep => ({ op: 'sleep', duration, label, data });
export const send = (to: string, body: unknown, opts: { route?: readonly string[]; size?: number; label?: string; data?: unknown } = {}): Send =>
  ({ op: 'send', to, body, ...opts });
export const receive = (match?: MessageFilter, timeout?: Ticks, label?: string): Receive => ({ op: 'receive', match, timeout, label });
export const transfer = (route: readonly string[], bytes: number, opts: { cap?: number; label?: string; data?: unknown } = {}): Transfer =>
  ({ op: 'transfer', route, bytes, ...opts });
export const all = (of: readonly (Command | Custom)[], label?: string): All => ({ op: 'all', of, label });
export const any = (of: readonly (Command | Custom)[], label?: string): Any => ({ op: 'any', of, label });
export const join = (actor: string, label?: string): Join => ({ op: 'join', actor, label });
export const mark = (label: string, data?: unknown): Mark => ({ op: 'mark', label, data });
