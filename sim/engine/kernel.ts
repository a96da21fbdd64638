/**
 * The kernel: owner of virtual time, the event queue, the actors, the
 * network and the trace. Processes are generators that yield commands
 * (commands.ts); the kernel carries each one out (command-table.ts,
 * builtins.ts) and resumes the process with its result, or throws an error
 * into it. This file is the core: the clock, the queue and the loop that
 * dispatches it. Actors and their lives are in actors.ts, messages in
 * mailboxes.ts, where an actor's code runs in in-process.ts and hosted.ts.
 *
 * Simultaneous events run in (time, priority, insertion sequence) order, so
 * a run is a pure function of its inputs: same scenario and seed, same trace,
 * same hash.
 */
import { PRIORITY_NORMAL } from '../foundation/priority.ts';
import { checkTime, formatTime, horizonText, NS_CLOCK, onGrid, type Clock, type Ticks } from '../foundation/time.ts';
import type { Flow } from '../net/flow.ts';
import { Network, NET_ARRIVE } from '../net/network.ts';
import { TraceRecorder, type TraceSummary } from '../trace/recorder.ts';
import type { TraceSink } from '../trace/sink.ts';
import { Actors, type Actor } from './actors.ts';
import { defineBuiltins } from './builtins.ts';
import { CommandTable } from './command-table.ts';
import type { Custom } from './commands.ts';
import { CommandError, TimeRangeError } from './errors.ts';
import { EntryIds, EV_CALLBACK, EV_DELIVER, EV_RESUME, EV_TIMER } from './events.ts';
import { HostedDriver } from './hosted.ts';
import { InProcessDriver } from './in-process.ts';
import { Mailboxes } from './mailboxes.ts';
import { processContext, type ProcessFn } from './process.ts';
import { EventQueue } from './queue.ts';
import type { ActorHost } from './remote.ts';
import { Timers } from './timers.ts';
import { flowEnded, startTransfer, type FlowWatch, type TransferOptions } from './transfers.ts';
import { settle, Wait } from './wait.ts';

export { processContext, type Process, type ProcessContext, type ProcessFn } from './process.ts';
export type { TransferOptions, TransferThen } from './transfers.ts';

/**
 * An extension command (tape, storage, ...): start the operation for `wait`,
 * then call kernel.resolve(wait, value) or kernel.reject(wait, error) when it
 * ends; set wait.cancel to undo it if the process stops waiting.
 */
export type CommandHandler = (cmd: Custom, wait: Wait, kernel: Kernel) => void;

export interface KernelOptions {
  seed: number | string;
  sink?: TraceSink;
  /** Where actors may run outside the kernel (sim/workers); runAsync() then drives the run. */
  host?: ActorHost;
  /** The grid and horizon of virtual time (time.ts); 1 ns to 2^53 - 1 ns unless a run needs longer. */
  clock?: Clock;
}

export interface RunOptions {
  /** Stop before the first event at or after this time (ticks); the clock is left at `until`. */
  until?: Ticks;
  /** Stop after this many effective events. */
  maxEvents?: number;
  /** Checked after every event: stop when it returns true (e.g. () => kernel.isDone('restore')). */
  stopWhen?: () => boolean;
}

export type StopReason = 'idle' | 'until' | 'stopped' | 'max-events';
/** The loop's own reason to pause: an actor in a host must be stepped first (runAsync does it). */
type LoopReason = StopReason | 'await';

export interface RunStop {
  reason: StopReason;
  now: Ticks;
  events: number;
}

export class Kernel {
  readonly seed: number | string;
  readonly trace: TraceRecorder;
  readonly net: Network;
  readonly clock: Clock;
  private readonly queue = new EventQueue();
  private t: Ticks = 0;
  private readonly ids = new EntryIds();
  private readonly callbacks = new Map<number, () => void>();
  private readonly actors: Actors;
  private readonly all: Actor[];
  private readonly timers: Timers;
  private readonly mail: Mailboxes;
  private readonly commands: CommandTable;
  private readonly inProcess: InProcessDriver;
  private readonly hosted: HostedDriver | null;
  private stopRequested = false;
  /** Events dispatched that had an effect. */
  events = 0;
  /** Queue entries popped, stale ones included. */
  popped = 0;
  /** Time of the last event that had an effect. */
  lastEvent: Ticks = 0;
  /** hears every flow's start and end (reports); the run never depends on it */
  flowWatch: FlowWatch | null = null;

  constructor(opts: KernelOptions) {
    this.seed = opts.seed;
    const clock = (this.clock = opts.clock ?? NS_CLOCK);
    this.trace = new TraceRecorder({ sink: opts.sink });
    // The grid goes in only when coarser than 1 ns, so every 1 ns trace keeps its hash.
    this.trace.meta(clock.grid === 1 ? { seed: opts.seed, tick: '1 ns' } : { seed: opts.seed, tick: '1 ns', grid: `${clock.grid} ns` });
    const kernel = this;
    this.net = new Network(
      {
        get now() { return kernel.t; },
        grid: clock.grid,
        schedule: (t, p, k, a, b) => {
          if (t > clock.horizon) throw new TimeRangeError(`the network would need until ${formatTime(t)}, past ${horizonText(clock)}; shorten the transfers or widen the links`);
          this.queue.push(t, p, k, a, b);
        },
      },
      this.trace,
      (end) => flowEnded(this, end),
    );
    this.actors = new Actors(this, this.queue);
    this.all = this.actors.all;
    this.timers = new Timers(this.queue, this.ids, (w, value) => this.resolve(w, value));
    this.mail = new Mailboxes(this, this.queue, this.ids, this.actors, this.timers);
    this.commands = new CommandTable(this);
    defineBuiltins(this.commands, this, this.actors, this.timers, this.mail);
    this.inProcess = new InProcessDriver(this.actors, this.commands);
    this.hosted = opts.host ? new HostedDriver(opts.host, this, this.actors, this.commands) : null;
  }

  get now(): Ticks {
    return this.t;
  }

  /** Time of the next queued event, or Infinity. */
  peek(): number {
    return this.queue.peekTime();
  }

  // ---- building the world ----

  spawn<A extends unknown[]>(name: string, fn: ProcessFn<A>, ...args: A): void {
    const pid = this.actors.nextPid(name);
    const hosted = this.hosted !== null && this.hosted.adopt(pid, name, fn as ProcessFn, args);
    this.actors.add(name, hosted ? null : fn(processContext(name, this.seed, this), ...args));
  }

  /** How many actors run in the host. */
  get hostedCount(): number {
    return this.hosted?.count ?? 0;
  }

  /** Runs `fn` at time t (faults, scenario events); `label` goes into the trace. */
  at(t: Ticks, fn: () => void, label?: string): void {
    t = this.checkFuture(t, 'kernel.at');
    const id = this.ids.take();
    this.callbacks.set(id, label === undefined ? fn : () => { this.trace.mark(this.t, 0, label); fn(); });
    this.queue.push(t, PRIORITY_NORMAL, EV_CALLBACK, id, 0);
  }

  /**
   * `count` callbacks made one at a time, each by `next()` once the one before
   * has run: a series too long to hold (a random fault schedule). They take
   * the ids and keep the order among simultaneous events that `count` calls
   * of at() made now would (one pending at a time under one reserved
   * sequence number), so making them lazily changes no trace.
   */
  series(count: number, next: () => { t: Ticks; fn: () => void } | undefined): void {
    if (count === 0) return;
    const id = this.ids.take(count);
    const seq = this.queue.reserve();
    const schedule = (): void => {
      const e = next();
      if (e === undefined) return;
      const t = this.checkFuture(e.t, 'kernel.series');
      this.callbacks.set(id, () => { e.fn(); schedule(); });
      this.queue.pushAt(t, PRIORITY_NORMAL, seq, EV_CALLBACK, id, 0);
    };
    schedule();
  }

  /** Adds a command to the table the built-ins are in; an op already there is refused. */
  defineCommand(op: string, handler: CommandHandler): void {
    this.commands.define(op, {
      start: (a, cmd, parent, index) => {
        const w = new Wait(a, a.token, parent, index, cmd.job);
        handler(cmd as Custom, w, this);
        return w;
      },
    });
  }

  /** The name of the actor with this pid (a Wait's owner). */
  nameOf(pid: number): string {
    return this.actors.all[pid]?.name ?? '(unknown)';
  }

  actorNames(): string[] {
    return this.actors.all.slice(1).map((a) => a.name);
  }

  isDone(name: string): boolean {
    return this.actors.named(name).done;
  }

  resultOf(name: string): unknown {
    return this.actors.named(name).result;
  }

  // ---- faults ----

  /** Throws an Interrupt into the actor at its current yield; its pending command is abandoned. */
  interrupt(name: string, cause: unknown): void {
    this.actors.interrupt(name, cause);
  }

  /** Ends the actor now: its generator returns (finally blocks run), its commands are abandoned. */
  kill(name: string, reason: string): void {
    this.actors.kill(name, reason);
  }

  // ---- running ----

  /** Runs in-process actors only; a kernel with actors in a host runs with runAsync(). */
  run(opts: RunOptions = {}): RunStop {
    const until = opts.until === undefined ? this.clock.horizon : this.checkFuture(opts.until, 'run until');
    this.stopRequested = false;
    return this.result(this.settled(this.loop(until, this.events + (opts.maxEvents ?? Infinity), opts.stopWhen)));
  }

  /** run() for a kernel whose host runs some actors: the loop pauses whenever the hosted driver must step them. */
  async runAsync(opts: RunOptions = {}): Promise<RunStop> {
    const until = opts.until === undefined ? this.clock.horizon : this.checkFuture(opts.until, 'run until');
    this.stopRequested = false;
    const end = this.events + (opts.maxEvents ?? Infinity);
    for (;;) {
      const reason = this.loop(until, end, opts.stopWhen);
      if (reason !== 'await') return this.result(reason);
      // A host with a synchronous channel has answered already: no promise turn per batch.
      const pending = this.hosted!.step();
      if (pending !== undefined) await pending;
    }
  }

  /**
   * Dispatches queue entries until one has an effect (stale entries, such as
   * a completion the network has since rescheduled, are skipped without moving
   * the clock); false when the queue is empty.
   */
  step(): boolean {
    this.stopRequested = false;
    return this.settled(this.loop(Infinity, this.events + 1, undefined)) === 'max-events';
  }

  /** Asks run() to return after the current event. */
  stop(): void {
    this.stopRequested = true;
  }

  /** Closes the trace and returns its hash. */
  finish(): TraceSummary {
    return this.trace.finish();
  }

  private settled(reason: LoopReason): StopReason {
    if (reason === 'await') throw new CommandError('this kernel has actors in a host (workers): run it with runAsync()');
    return reason;
  }

  /**
   * The event loop: every run and step goes through here, so it is kept in
   * one piece. It pauses ('await') before the resume of a hosted actor whose
   * step is not back yet, and after an event that left a hosted actor to be
   * continued.
   */
  private loop(until: number, end: number, stopWhen: (() => boolean) | undefined): LoopReason {
    const q = this.queue;
    const hosted = this.hosted;
    let before = this.t;
    for (;;) {
      if (this.events >= end) return 'max-events';
      if (this.stopRequested || (stopWhen !== undefined && stopWhen())) return 'stopped';
      if (hosted !== null && hosted.count !== 0 && q.peek() && q.topTime < until && q.topKind === EV_RESUME && hosted.awaits(q.topA, q.topB)) return 'await';
      if (!q.popBefore(until)) {
        // Entries that would do nothing must not keep a run alive or move its clock.
        while (q.peek() && this.isStale(q.topKind, q.topA, q.topB)) q.pop();
        if (q.size === 0) return 'idle';
        if (q.peekTime() < until) continue;
        this.t = until;
        return 'until';
      }
      this.t = q.topTime;
      this.popped++;
      const kind = q.topKind;
      let effective: boolean;
      if (kind === EV_RESUME) effective = this.resume(q.topA, q.topB);
      else if (kind >= NET_ARRIVE) effective = this.net.dispatch(kind, q.topA, q.topB);
      else if (kind === EV_TIMER) effective = this.timers.fired(q.topA);
      else if (kind === EV_DELIVER) effective = this.mail.deliver(q.topA);
      else effective = this.callback(q.topA);
      if (this.actors.crash !== null) this.actors.throwCrash();
      if (effective) {
        this.events++;
        this.lastEvent = before = this.t;
      } else {
        this.t = before;
      }
      if (hosted !== null && hosted.continuing !== null) return 'await';
    }
  }

  // ---- waits: extensions settle their operations through these ----

  resolve(w: Wait, value: unknown): void {
    settle(w, true, value, this.wake);
  }

  reject(w: Wait, error: unknown): void {
    settle(w, false, error, this.wake);
  }

  private readonly wake = (w: Wait, ok: boolean, value: unknown): void => this.actors.wake(w, ok, value);

  /**
   * Starts a flow that settles `w` when it ends, as the transfer command does:
   * resolved with a TransferResult, or rejected with TransferFailed. For
   * extensions whose operations move bytes (a tape write, a replication).
   * With `then`, the extension answers in its own words and updates its model
   * first: `done` maps the result to the value `w` resolves with, `failed`
   * maps the failure to the error it rejects with, and `abandoned` runs if
   * the process stops waiting before the flow ends.
   */
  startTransfer(w: Wait, route: readonly string[], bytes: number, opts: TransferOptions = {}): Flow {
    return startTransfer(this, w, route, bytes, opts);
  }

  // ---- internals ----

  private result(reason: StopReason): RunStop {
    return { reason, now: this.t, events: this.events };
  }

  /** t on the grid (rounded up to its next step), refused if past the horizon or before now. */
  private checkFuture(t: number, what: string): Ticks {
    checkTime(t, what, this.clock);
    if (t < this.t) throw new RangeError(`${what}: time ${formatTime(t)} is in the past (now ${formatTime(this.t)})`);
    return onGrid(t, this.clock.grid);
  }

  /** Whether a queued entry would do nothing if dispatched (the same tests dispatch makes). */
  private isStale(kind: number, a: number, b: number): boolean {
    if (kind === EV_RESUME) return this.actors.all[a].token !== b;
    if (kind >= NET_ARRIVE) return this.net.isStale(kind, a, b);
    if (kind === EV_TIMER) return !this.timers.has(a);
    return false;
  }

  private resume(pid: number, token: number): boolean {
    const a = this.all[pid];
    if (a.token !== token) return false; // an ended actor's token moved on too
    a.token++;
    if (a.gen !== null) this.inProcess.run(a);
    else this.hosted!.run(a);
    return true;
  }

  private callback(id: number): boolean {
    const fn = this.callbacks.get(id)!;
    this.callbacks.delete(id);
    fn();
    return true;
  }
}
