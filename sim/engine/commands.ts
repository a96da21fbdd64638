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
  /**
   * The job this work is for, when the actor does it for a job another actor
   * began (a pipeline's later step, a coordinator's write, a drive's copy):
   * the job's name as the message that asked for it carried it. Reports put
   * the flows the command starts in that job; nothing else reads it.
   */
  job?: string;
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

/**
 * A command that says what it resolves with. `R` lives only in the type (a
 * phantom key never set at run time), so the command stays the same plain
 * data in a worker's structured clone and in the trace.
 */
declare const RESULT: unique symbol;
export type Op<R = unknown> = Custom & { readonly [RESULT]?: R };
/** What a command resolves with. */
export type ResultOf<C> = C extends { readonly [RESULT]?: infer R } ? R : unknown;

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

/** A command from data (a scenario's job step, its units resolved): what it answers is known only at run time. */
export const scripted = (step: { op: string } & Record<string, unknown>): Op<unknown> => step as Op;

/**
 * Yields a command and hands back its result, typed: `const r = yield* perform(tapeWrite({...}))`.
 * The one place a result is taken on trust: the kernel resolves each op with what its handler gives.
 */
export function* perform<R>(c: Op<R>): Generator<Op, R, unknown> {
  return (yield c) as R;
}

/** Declares an extension command once: its op, its arguments and its result. */
export interface CommandKind<A extends object, R> {
  (args: A & Labelled): Op<R>;
  readonly op: string;
  /** A handler's view of a command of this kind (the kernel routes only this op to it). */
  args(cmd: Custom): A & Labelled;
}

/** The constructor of a family's or protocol's command: `{ op, ...args }`, exactly as given. */
export function command<A extends object, R = void>(op: string): CommandKind<A, R> {
  return Object.assign((args: A & Labelled) => ({ op, ...args }) as Op<R>, { op, args: (cmd: Custom) => cmd as unknown as A & Labelled });
}

type Results<T extends readonly Op[]> = { -readonly [K in keyof T]: ResultOf<T[K]> };
/** `any`'s result: which command came first (its index in `of`) and its own value, one case per command. */
type FirstOf<T extends readonly Op[]> = {
  [K in keyof T]: K extends `${infer I extends number}` ? { index: I; value: ResultOf<T[K]> } : never;
}[number];

export const sleep = (duration: Ticks, label?: string, data?: unknown): Sleep & Op<void> => ({ op: 'sleep', duration, label, data });
export const send = (to: string, body: unknown, opts: { route?: readonly string[]; size?: number; label?: string; data?: unknown } = {}): Send & Op<void> =>
  ({ op: 'send', to, body, ...opts });
/**
 * Takes a message; `T` is the body the protocol's actors send it (its message
 * vocabulary). With a timeout it may resolve null.
 */
export function receive<T = unknown>(match?: MessageFilter, timeout?: undefined, label?: string): Receive & Op<Envelope<T>>;
export function receive<T = unknown>(match: MessageFilter | undefined, timeout: Ticks | undefined, label?: string): Receive & Op<Envelope<T> | null>;
export function receive(match?: MessageFilter, timeout?: Ticks, label?: string): Receive & Op<unknown> {
  return { op: 'receive', match, timeout, label };
}
export const transfer = (route: readonly string[], bytes: number, opts: { cap?: number; label?: string; data?: unknown } = {}): Transfer & Op<TransferResult> =>
  ({ op: 'transfer', route, bytes, ...opts });
/** Every command at once; resolves with their results in order. */
export const all = <const T extends readonly Op[]>(of: T, label?: string, data?: unknown): All & Op<Results<T>> => ({ op: 'all', of, label, data });
/** The first of the commands to settle; the rest are cancelled. */
export const any = <const T extends readonly Op[]>(of: T, label?: string, data?: unknown): Any & Op<FirstOf<T>> => ({ op: 'any', of, label, data });
export const join = <R = unknown>(actor: string, label?: string): Join & Op<R> => ({ op: 'join', actor, label });
export const mark = (label: string, data?: unknown): Mark & Op<void> => ({ op: 'mark', label, data });
