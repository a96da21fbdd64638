/**
 * The kernel: owner of virtual time, the event queue, the actors, the
 * network and the trace. Processes are generators that yield commands
 * (commands.ts); the kernel carries each one out and resumes the process
 * with its result, or throws an error into it.
 *
 * Simultaneous events run in (time, priority, insertion sequence) order, so
 * a run is a pure function of its inputs: same scenario and seed, same trace,
 * same hash.
 */
import { PRIORITY_NORMAL, PRIORITY_URGENT } from '../foundation/priority.ts';
import { ActorCrash, ActorKilled, CommandError, Interrupt, TimeRangeError, TransferFailed } from './errors.ts';
import type { AnyResult, Command, Custom, Envelope, MessageFilter, TransferResult } from './commands.ts';
import { EventQueue } from './queue.ts';
import { RandomStream } from './rng.ts';
import { checkTime, formatTime, MAX_TIME, type Ticks } from '../foundation/time.ts';
import { cancelWait, JoinWait, Wait } from './wait.ts';
import type { ActorHost, ActorStep } from './remote.ts';
import { Network, NET_ARRIVE, type FlowEnd } from '../net/network.ts';
import type { Flow } from '../net/flow.ts';
import { EndStatus, FlowStatus } from '../trace/format.ts';
import { TraceRecorder, type TraceSummary } from '../trace/recorder.ts';
import type { TraceSink } from '../trace/sink.ts';

const EV_RESUME = 1;
const EV_TIMER = 2;
const EV_DELIVER = 3;
const EV_CALLBACK = 4;

export interface ProcessContext {
  readonly name: string;
  readonly seed: number | string;
  /** Virtual time now, in ticks (ns). */
  readonly now: Ticks;
  /** A random stream of this actor's own, from (run seed, actor name, stream name); the same name gives the same stream object. */
  rng(stream?: string): RandomStream;
}

export type Process = Generator<Command | Custom, unknown, any>;
export type ProcessFn<A extends unknown[] = any[]> = (ctx: ProcessContext, ...args: A) => Process;

/**
 * An extension command (tape, storage, ...): start the operation for `wait`,
 * then call kernel.resolve(wait, value) or kernel.reject(wait, error) when it
 * ends; set wait.cancel to undo it if the process stops waiting.
 */
export type CommandHandler = (cmd: Custom, wait: Wait, kernel: Kernel) => void;

/** How an extension answers for a flow it started (see Kernel.startTransfer). */
export interface TransferThen {
  done(r: TransferResult): unknown;
  failed(e: TransferFailed): unknown;
  abandoned?(): void;
}

export interface TransferOptions {
  cap?: number;
  label?: string;
  /** the device law of the flow's last hop (see Flow.shape) */
  shape?: (feed: number) => number;
  then?: TransferThen;
}

export interface KernelOptions {
  seed: number | string;
  sink?: TraceSink;
  /** Where actors may run outside the kernel (sim/workers); runAsync() then drives the run. */
  host?: ActorHost;
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

export interface RunResult {
  reason: StopReason;
  now: Ticks;
  events: number;
}

class Actor {
  token = 0;
  done = false;
  running = false;
  result: unknown = undefined;
  root: Wait | null = null;
  resumeOk = true;
  resumeValue: unknown = undefined;
  /** When its pending resume is due. */
  dueAt = -1;
  /** For an actor in a host: the step its host ran ahead for its pending resume. */
  step: ActorStep | null = null;
  readonly mailbox: Envelope[] = [];
  readonly receivers: Wait[] = [];
  readonly joiners: Wait[] = [];
  constructor(
    readonly pid: number,
    readonly name: string,
    /** null for an actor that runs in the host */
    readonly gen: Process | null,
  ) {}
}

interface InFlight {
  env: Envelope;
  to: Actor;
}

export class Kernel {
  readonly seed: number | string;
  readonly trace: TraceRecorder;
  readonly net: Network;
  private readonly queue = new EventQueue();
  private t: Ticks = 0;
  private readonly actors: Actor[] = [new Actor(0, '(kernel)', undefined as never)];
  private readonly byName = new Map<string, Actor>();
  private readonly timers = new Map<number, Wait>();
  private readonly messages = new Map<number, InFlight>();
  private readonly callbacks = new Map<number, () => void>();
  private readonly handlers = new Map<string, CommandHandler>();
  private nextId = 1;
  private stopRequested = false;
  private crash: ActorCrash | null = null;
  private readonly host: ActorHost | null;
  /** Actors the host runs, in pid order. */
  private readonly hosted: Actor[] = [];
  /**
   * Hosted actors whose resume was queued since the last batch. Each is
   * listed once: a hosted actor's resume runs only once it has a step, which
   * takes a batch, and nothing else moves its token (refuseHosted).
   */
  private unstepped: Actor[] = [];
  /** A hosted actor whose blocking command was refused on the spot: the error goes back into it before anything else runs. */
  private continuing: Actor | null = null;
  /** Events dispatched that had an effect. */
  events = 0;
  /** Queue entries popped, stale ones included. */
  popped = 0;
  /** Time of the last event that had an effect. */
  lastEvent: Ticks = 0;

  constructor(opts: KernelOptions) {
    this.seed = opts.seed;
    this.host = opts.host ?? null;
    this.trace = new TraceRecorder({ sink: opts.sink });
    this.trace.meta({ seed: opts.seed, tick: '1 ns' });
    const kernel = this;
    this.net = new Network(
      {
        get now() { return kernel.t; },
        schedule: (t, p, k, a, b) => {
          if (t > MAX_TIME) throw new TimeRangeError(`the network would need until ${formatTime(t)}, past the end of simulated time (2^53 ns, about 104 days); shorten the transfers or widen the links`);
          this.queue.push(t, p, k, a, b);
        },
      },
      this.trace,
      (end) => this.flowEnded(end),
    );
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
    if (this.byName.has(name)) throw new CommandError(`an actor named '${name}' already exists`);
    const pid = this.actors.length;
    const hosted = this.host !== null && this.host.adopt(pid, name, fn as ProcessFn, args, this.seed);
    const actor = new Actor(pid, name, hosted ? null : fn(processContext(name, this.seed, this), ...args));
    this.actors.push(actor);
    if (hosted) this.hosted.push(actor);
    this.byName.set(name, actor);
    this.trace.actor(this.t, pid, name);
    this.queueResume(actor, this.t, PRIORITY_NORMAL);
  }

  /** How many actors run in the host. */
  get hostedCount(): number {
    return this.hosted.length;
  }

  /** Runs `fn` at time t (faults, scenario events); `label` goes into the trace. */
  at(t: Ticks, fn: () => void, label?: string): void {
    this.checkFuture(t, 'kernel.at');
    const id = this.nextId++;
    this.callbacks.set(id, label === undefined ? fn : () => { this.trace.mark(this.t, 0, label); fn(); });
    this.queue.push(t, PRIORITY_NORMAL, EV_CALLBACK, id, 0);
  }

  defineCommand(op: string, handler: CommandHandler): void {
    if (this.handlers.has(op) || ['sleep', 'send', 'receive', 'transfer', 'all', 'any', 'join', 'mark'].includes(op)) {
      throw new CommandError(`command '${op}' is already defined`);
    }
    this.handlers.set(op, handler);
  }

  /** The name of the actor with this pid (a Wait's owner). */
  nameOf(pid: number): string {
    return this.actors[pid]?.name ?? '(unknown)';
  }

  actorNames(): string[] {
    return this.actors.slice(1).map((a) => a.name);
  }

  isDone(name: string): boolean {
    return this.actor(name).done;
  }

  resultOf(name: string): unknown {
    return this.actor(name).result;
  }

  // ---- faults ----

  /** Throws an Interrupt into the actor at its current yield; its pending command is abandoned. */
  interrupt(name: string, cause: unknown): void {
    const a = this.actor(name);
    if (a.done) return;
    this.refuseHosted(a, 'interrupted');
    this.trace.interrupt(this.t, a.pid, typeof cause === 'string' ? cause : JSON.stringify(cause));
    this.abandon(a);
    a.resumeOk = false;
    a.resumeValue = new Interrupt(cause);
    this.queueResume(a, this.t, PRIORITY_URGENT);
  }

  /** Ends the actor now: its generator returns (finally blocks run), its commands are abandoned. */
  kill(name: string, reason: string): void {
    const a = this.actor(name);
    if (a.done) return;
    if (a.running) throw new CommandError(`actor '${name}' cannot be killed while it runs`);
    this.refuseHosted(a, 'killed');
    this.abandon(a);
    try {
      a.gen!.return(undefined);
    } catch {
      // A process that throws while being killed is killed all the same.
    }
    this.finishActor(a, EndStatus.Killed, reason, undefined, new ActorKilled(name, reason));
  }

  // ---- running ----

  /** Runs in-process actors only; a kernel with actors in a host runs with runAsync(). */
  run(opts: RunOptions = {}): RunResult {
    const until = opts.until ?? MAX_TIME;
    if (opts.until !== undefined) this.checkFuture(until, 'run until');
    this.stopRequested = false;
    return this.result(this.settled(this.loop(until, this.events + (opts.maxEvents ?? Infinity), opts.stopWhen)));
  }

  /**
   * run() for a kernel whose host runs some actors: whenever such an actor
   * is due and not yet stepped, every hosted actor with a queued resume is
   * stepped in one batch (one message per worker; a queued resume's time
   * and value are fixed, so it may run ahead of the clock), and each step is
   * applied when its resume comes off the queue, in the queue's order.
   * Which worker answers first changes nothing: the trace is the one run()
   * would write in-process.
   */
  async runAsync(opts: RunOptions = {}): Promise<RunResult> {
    const until = opts.until ?? MAX_TIME;
    if (opts.until !== undefined) this.checkFuture(until, 'run until');
    this.stopRequested = false;
    const end = this.events + (opts.maxEvents ?? Infinity);
    for (;;) {
      const reason = this.loop(until, end, opts.stopWhen);
      if (reason !== 'await') return this.result(reason);
      await this.stepHosted();
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
    let before = this.t;
    for (;;) {
      if (this.events >= end) return 'max-events';
      if (this.stopRequested || (stopWhen !== undefined && stopWhen())) return 'stopped';
      if (this.hosted.length !== 0 && q.peek() && q.topTime < until && q.topKind === EV_RESUME) {
        const a = this.actors[q.topA];
        if (a.gen === null && a.token === q.topB && a.step === null) return 'await';
      }
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
      else if (kind === EV_TIMER) effective = this.timerFired(q.topA);
      else if (kind === EV_DELIVER) effective = this.deliver(q.topA);
      else effective = this.callback(q.topA);
      this.throwCrash();
      if (effective) {
        this.events++;
        this.lastEvent = before = this.t;
      } else {
        this.t = before;
      }
      if (this.continuing !== null) return 'await';
    }
  }

  /** What the loop paused for: a hosted actor to continue, or every hosted actor due now. */
  private async stepHosted(): Promise<void> {
    const host = this.host!;
    if (this.continuing !== null) {
      // Nothing else may run before it: in-process, it would go on within the same event.
      let c: Actor | null;
      while ((c = this.continuing) !== null) {
        this.continuing = null;
        const [s] = await host.step([{ pid: c.pid, now: this.t, ok: c.resumeOk, value: c.resumeValue }]);
        this.applyStep(c, s);
        this.throwCrash();
      }
      return;
    }
    // Every queued resume of a hosted actor is fixed in time and value: step them all at once.
    const due = this.unstepped;
    this.unstepped = [];
    const steps = await host.step(due.map((a) => ({ pid: a.pid, now: a.dueAt, ok: a.resumeOk, value: a.resumeValue })));
    due.forEach((a, i) => { a.step = steps[i]; });
  }

  private throwCrash(): void {
    if (this.crash === null) return;
    const c = this.crash;
    this.crash = null;
    throw c;
  }

  /** Asks run() to return after the current event. */
  stop(): void {
    this.stopRequested = true;
  }

  /** Closes the trace and returns its hash. */
  finish(): TraceSummary {
    return this.trace.finish();
  }

  // ---- waits: extensions settle their operations through these ----

  resolve(w: Wait, value: unknown): void {
    if (w.stale) return;
    w.settled = true;
    if (w.parent !== null) this.childSettled(w.parent, w.index, true, value);
    else this.resumeLater(this.actors[w.actor.pid], true, value);
  }

  reject(w: Wait, error: unknown): void {
    if (w.stale) return;
    w.settled = true;
    if (w.parent !== null) this.childSettled(w.parent, w.index, false, error);
    else this.resumeLater(this.actors[w.actor.pid], false, error);
  }

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
    let ids: Int32Array;
    try {
      ids = this.net.route(route);
    } catch (e) {
      throw new CommandError(`transfer: ${(e as Error).message}`);
    }
    const then = opts.then;
    const flow = this.net.startFlow(ids, bytes, opts.cap ?? Infinity, then ? { wait: w, then } : w, w.actor.pid, opts.label, opts.shape);
    if (!w.settled) {
      w.cancel = () => {
        this.net.cancelFlow(flow);
        then?.abandoned?.();
      };
    }
    return flow;
  }

  // ---- internals ----

  private result(reason: StopReason): RunResult {
    return { reason, now: this.t, events: this.events };
  }

  private actor(name: string): Actor {
    const a = this.byName.get(name);
    if (a === undefined) throw new CommandError(`no actor named '${name}'`);
    return a;
  }

  private checkFuture(t: number, what: string): void {
    checkTime(t, what);
    if (t < this.t) throw new RangeError(`${what}: time ${formatTime(t)} is in the past (now ${formatTime(this.t)})`);
  }

  /** Whether a queued entry would do nothing if dispatched (the same tests dispatch makes). */
  private isStale(kind: number, a: number, b: number): boolean {
    if (kind === EV_RESUME) return this.actors[a].token !== b;
    if (kind >= NET_ARRIVE) return this.net.isStale(kind, a, b);
    if (kind === EV_TIMER) return !this.timers.has(a);
    return false;
  }

  private resume(pid: number, token: number): boolean {
    const a = this.actors[pid];
    if (a.token !== token) return false; // an ended actor's token moved on too
    a.token++;
    if (a.gen !== null) {
      this.drive(a, a.resumeOk, a.resumeValue);
    } else {
      const s = a.step!;
      a.step = null;
      this.applyStep(a, s);
    }
    return true;
  }

  private resumeLater(a: Actor, ok: boolean, value: unknown): void {
    a.resumeOk = ok;
    a.resumeValue = value;
    this.queueResume(a, this.t, PRIORITY_NORMAL);
  }

  private queueResume(a: Actor, t: Ticks, priority: number): void {
    a.dueAt = t;
    if (a.gen === null) this.unstepped.push(a);
    this.queue.push(t, priority, EV_RESUME, a.pid, a.token);
  }

  /**
   * A hosted actor may not be interrupted or killed: its host has already
   * run it ahead for its pending resume, and a generator cannot be wound
   * back. Only the model's own processes are interrupted or killed, and
   * those stay in-process.
   */
  private refuseHosted(a: Actor, what: string): void {
    if (a.gen === null) throw new CommandError(`actor '${a.name}' runs in a worker and cannot be ${what}; only in-process actors can`);
  }

  /** Cancels what the actor waits for and makes any pending resume stale. */
  private abandon(a: Actor): void {
    if (a.root !== null) cancelWait(a.root);
    a.root = null;
    a.token++;
  }

  /** Runs an in-process actor until it blocks on a command, ends or crashes. */
  private drive(a: Actor, ok: boolean, value: unknown): void {
    a.root = null;
    for (;;) {
      let r: IteratorResult<Command | Custom, unknown>;
      a.running = true;
      try {
        r = ok ? a.gen!.next(value) : a.gen!.throw(value);
      } catch (e) {
        a.running = false;
        this.crashed(a, e);
        return;
      }
      a.running = false;
      if (r.done) {
        this.finishActor(a, EndStatus.Returned, undefined, r.value, undefined);
        return;
      }
      const done = this.perform(a, r.value);
      if (done === BLOCKED || done === ENDED) return;
      if (done === RUNS_ON) {
        ok = true;
        value = undefined;
      } else {
        ok = false;
        value = done.refused;
      }
    }
  }

  /**
   * Applies what a hosted actor's host ran: the same outcomes drive() has,
   * in the same order, so the trace cannot tell where the actor ran.
   */
  private applyStep(a: Actor, s: ActorStep): void {
    a.root = null;
    for (const cmd of s.commands) {
      const done = this.perform(a, cmd);
      if (done === ENDED) return;
      if (done === BLOCKED) break;
      if (done !== RUNS_ON) {
        // Refused on the spot: the error goes back in at that yield, before any other event.
        a.resumeOk = false;
        a.resumeValue = done.refused;
        this.continuing = a;
        return;
      }
    }
    if (s.end === undefined) return;
    if ('returned' in s.end) this.finishActor(a, EndStatus.Returned, undefined, s.end.returned, undefined);
    else this.crashed(a, s.end.threw);
  }

  /**
   * Carries out one command a process yielded. A mark or a send lets it run
   * on (always with undefined: a host runs past them without asking); a
   * failed send ends it, as nothing could have caught that in a host. A
   * blocking command that cannot be carried out is refused: its error goes
   * back in at the yield that asked for it.
   */
  private perform(a: Actor, cmd: Command | Custom): Performed {
    try {
      if (cmd.op === 'sleep') {
        const d = (cmd as { duration: number }).duration;
        const t = this.t + d;
        if (!(d >= 0) || t > MAX_TIME || !Number.isInteger(d)) throw new CommandError(`sleep: duration ${d} is not a whole number of ticks >= 0 ending before 2^53 ns`);
        if (cmd.label === undefined && cmd.data === undefined) this.trace.sleep(this.t, a.pid, d);
        else this.trace.step(this.t, a.pid, 'sleep', cmd.label, d, cmd.data);
        a.resumeOk = true;
        a.resumeValue = undefined;
        this.queueResume(a, t, PRIORITY_NORMAL);
        return BLOCKED;
      }
      if (cmd.op === 'mark') {
        this.trace.mark(this.t, a.pid, cmd.label ?? '', cmd.data);
        return RUNS_ON;
      }
    } catch (e) {
      return { refused: e };
    }
    if (cmd.op === 'send') {
      try {
        this.sendMessage(a, cmd as Command & { op: 'send' });
      } catch (e) {
        this.crashed(a, e);
        return ENDED;
      }
      return RUNS_ON;
    }
    try {
      a.root = this.start(a, cmd, null, 0);
      return BLOCKED;
    } catch (e) {
      return { refused: e };
    }
  }

  private crashed(a: Actor, e: unknown): void {
    this.finishActor(a, EndStatus.Crashed, e instanceof Error ? e.message : String(e), undefined, e);
    if (this.crash === null) this.crash = new ActorCrash(a.name, this.t, e);
  }

  private finishActor(a: Actor, status: EndStatus, reason: string | undefined, result: unknown, error: unknown): void {
    a.done = true;
    a.result = result;
    a.token++;
    this.trace.end(this.t, a.pid, status, reason);
    const joiners = a.joiners.splice(0);
    for (const w of joiners) {
      if (status === EndStatus.Returned) this.resolve(w, result);
      else this.reject(w, error);
    }
  }

  /** Starts a command that blocks, returning the wait that settles when it ends. */
  private start(a: Actor, cmd: Command | Custom, parent: JoinWait | null, index: number): Wait {
    const op = cmd.op;
    if (parent === null) this.trace.step(this.t, a.pid, op, cmd.label, 0, cmd.data);
    switch (op) {
      case 'transfer': {
        const c = cmd as Command & { op: 'transfer' };
        const w = new Wait(a, a.token, parent, index);
        this.startTransfer(w, c.route, c.bytes, { cap: c.cap, label: c.label });
        return w;
      }
      case 'receive': {
        const c = cmd as Command & { op: 'receive' };
        const w = new Wait(a, a.token, parent, index);
        w.match = c.match;
        const i = a.mailbox.findIndex((env) => matches(env, c.match));
        if (i >= 0) {
          this.resolve(w, a.mailbox.splice(i, 1)[0]);
          return w;
        }
        if (c.timeout !== undefined) this.timer(w, c.timeout, null);
        a.receivers.push(w);
        w.cancel = () => { removeItem(a.receivers, w); this.timers.delete(w.timer); };
        return w;
      }
      case 'sleep': {
        const w = new Wait(a, a.token, parent, index);
        this.timer(w, (cmd as Command & { op: 'sleep' }).duration, undefined);
        w.cancel = () => this.timers.delete(w.timer);
        return w;
      }
      case 'join': {
        const target = this.actor((cmd as Command & { op: 'join' }).actor);
        const w = new Wait(a, a.token, parent, index);
        if (target.done) {
          this.resolve(w, target.result);
        } else {
          target.joiners.push(w);
          w.cancel = () => removeItem(target.joiners, w);
        }
        return w;
      }
      case 'all':
      case 'any': {
        const of = (cmd as Command & { op: 'all' }).of;
        const j = new JoinWait(a, a.token, parent, index, op);
        j.results = new Array(of.length);
        j.remaining = of.length;
        if (op === 'any' && of.length === 0) throw new CommandError('any: needs at least one command');
        if (of.length === 0) {
          this.resolve(j, []);
          return j;
        }
        for (let i = 0; i < of.length && !j.settled; i++) {
          const c = of[i];
          if (c.op === 'send') {
            const w = new Wait(a, a.token, j, i);
            j.children.push(w);
            this.sendMessage(a, c as Command & { op: 'send' });
            this.resolve(w, undefined);
          } else if (c.op === 'mark') {
            const w = new Wait(a, a.token, j, i);
            j.children.push(w);
            this.trace.mark(this.t, a.pid, c.label ?? '', c.data);
            this.resolve(w, undefined);
          } else {
            try {
              j.children.push(this.start(a, c, j, i));
            } catch (e) {
              // A command refused on the spot: what its siblings already started is undone too.
              cancelWait(j);
              throw e;
            }
          }
        }
        return j;
      }
      default: {
        const h = this.handlers.get(op);
        if (h === undefined) throw new CommandError(`unknown command '${op}'`);
        const w = new Wait(a, a.token, parent, index);
        h(cmd as Custom, w, this);
        return w;
      }
    }
  }

  private childSettled(j: JoinWait, index: number, ok: boolean, value: unknown): void {
    if (j.stale) return;
    if (!ok) {
      for (const c of j.children) cancelWait(c);
      this.reject(j, value);
    } else if (j.mode === 'any') {
      for (const c of j.children) cancelWait(c);
      const r: AnyResult = { index, value };
      this.resolve(j, r);
    } else {
      j.results[index] = value;
      if (--j.remaining === 0) this.resolve(j, j.results);
    }
  }

  private timer(w: Wait, duration: number, value: unknown): void {
    const t = this.t + duration;
    if (!(duration >= 0) || !Number.isInteger(duration) || t > MAX_TIME) {
      throw new CommandError(`timeout ${duration} is not a whole number of ticks >= 0 ending before 2^53 ns`);
    }
    w.timer = this.nextId++;
    w.timeoutValue = value;
    this.timers.set(w.timer, w);
    this.queue.push(t, PRIORITY_NORMAL, EV_TIMER, w.timer, 0);
  }

  private timerFired(id: number): boolean {
    const w = this.timers.get(id);
    if (w === undefined) return false;
    this.timers.delete(id);
    // A receive that timed out leaves its mailbox queue (a no-op for a sleep).
    removeItem(this.actors[w.actor.pid].receivers, w);
    this.resolve(w, w.timeoutValue);
    return true;
  }

  private sendMessage(a: Actor, c: Command & { op: 'send' }): void {
    const to = this.byName.get(c.to);
    if (to === undefined) throw new CommandError(`send: no actor named '${c.to}'`);
    const id = this.nextId++;
    this.trace.send(this.t, id, to.pid, a.pid, c.label);
    let delay = 0;
    if (c.route !== undefined) {
      let route: Int32Array;
      try {
        route = this.net.route(c.route);
      } catch (e) {
        throw new CommandError(`send: ${(e as Error).message}`);
      }
      const d = this.net.messageDelay(route, c.size ?? 0);
      if (d === null) {
        this.trace.drop(this.t, id, `a link on the route to '${c.to}' is down or carries nothing`);
        return;
      }
      delay = d;
    }
    // A copy, as a worker would receive it: actors never share a mutable object through a message.
    const env: Envelope = { from: a.name, to: c.to, body: structuredClone(c.body), sentAt: this.t, deliveredAt: this.t + delay };
    this.messages.set(id, { env, to });
    this.queue.push(this.t + delay, PRIORITY_NORMAL, EV_DELIVER, id, 0);
  }

  private deliver(id: number): boolean {
    const m = this.messages.get(id)!;
    this.messages.delete(id);
    const { env, to } = m;
    if (to.done) {
      this.trace.drop(this.t, id, `actor '${to.name}' has ended`);
      return true;
    }
    this.trace.deliver(this.t, id, to.pid);
    const i = to.receivers.findIndex((w) => matches(env, w.match));
    if (i < 0) {
      to.mailbox.push(env);
      return true;
    }
    const w = to.receivers.splice(i, 1)[0];
    this.timers.delete(w.timer);
    this.resolve(w, env);
    return true;
  }

  private callback(id: number): boolean {
    const fn = this.callbacks.get(id)!;
    this.callbacks.delete(id);
    fn();
    return true;
  }

  private flowEnded(end: FlowEnd): void {
    const f = end.flow;
    const owner = f.owner as Wait | { wait: Wait; then: TransferThen };
    const w = owner instanceof Wait ? owner : owner.wait;
    const then = owner instanceof Wait ? undefined : owner.then;
    if (w.stale) return;
    try {
      if (end.status === FlowStatus.Done) {
        const r: TransferResult = { flow: f.id, bytes: f.delivered, start: f.createdAt, end: this.t };
        this.resolve(w, then ? then.done(r) : r);
      } else {
        const e = new TransferFailed(`transfer of ${f.bytes} bytes failed after ${f.delivered} bytes: ${end.reason}`, f.id, f.bytes, f.delivered, end.reason);
        this.reject(w, then ? then.failed(e) : e);
      }
    } catch (e) {
      // The extension's own answer failed: its caller sees that error.
      this.reject(w, e);
    }
  }
}

/** What perform() did with a command: the actor waits, runs on, has ended, or has its command refused. */
const BLOCKED = 0;
const RUNS_ON = 1;
const ENDED = 2;
type Performed = typeof BLOCKED | typeof RUNS_ON | typeof ENDED | { refused: unknown };

/** A process's context: the same in-process and in a host, so an actor's draws do not depend on where it runs. */
export function processContext(name: string, seed: number | string, clock: { readonly now: Ticks }): ProcessContext {
  const streams = new Map<string, RandomStream>();
  return {
    name,
    seed,
    get now() { return clock.now; },
    rng(stream = 'default') {
      let r = streams.get(stream);
      if (r === undefined) streams.set(stream, (r = new RandomStream(seed, `${name}/${stream}`)));
      return r;
    },
  };
}

function matches(env: Envelope, m: MessageFilter | undefined): boolean {
  if (m === undefined) return true;
  if (m.from !== undefined && env.from !== m.from) return false;
  if (m.type !== undefined && (env.body as { type?: unknown } | null)?.type !== m.type) return false;
  return true;
}

function removeItem<T>(list: T[], x: T): void {
  const i = list.indexOf(x);
  if (i >= 0) list.splice(i, 1);
}
