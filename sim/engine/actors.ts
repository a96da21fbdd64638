/**
 * Actors: the kernel's record of each process and what happens to one over
 * its life. It is spawned with its first resume queued, resumed when what
 * it waits for settles, may be interrupted or killed, and ends; its joiners
 * then settle. Where its code runs is a driver's business (in-process.ts,
 * hosted.ts).
 */
import { PRIORITY_NORMAL, PRIORITY_URGENT } from '../foundation/priority.ts';
import type { Ticks } from '../foundation/time.ts';
import { EndStatus } from '../trace/format.ts';
import type { Envelope } from './commands.ts';
import { ActorCrash, ActorKilled, CommandError, Interrupt } from './errors.ts';
import { EV_RESUME } from './events.ts';
import type { Kernel } from './kernel.ts';
import type { ActorStep } from './remote.ts';
import type { Process } from './process.ts';
import type { EventQueue } from './queue.ts';
import { cancelWait, type Wait } from './wait.ts';

export class Actor {
  /** Moves on whenever a pending resume or wait of this actor must go stale. */
  token = 0;
  done = false;
  running = false;
  result: unknown = undefined;
  /** What it waits on, if it yielded a command that blocks. */
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

export class Actors {
  /** By pid; pid 0 is the kernel itself, which writes the scenario's own marks. */
  readonly all: Actor[] = [new Actor(0, '(kernel)', null)];
  private readonly byName = new Map<string, Actor>();
  /**
   * Hosted actors whose resume was queued since the last batch (hosted.ts
   * takes them). Each is listed once: a hosted actor's resume runs only once
   * it has a step, which takes a batch, and nothing else moves its token.
   */
  unstepped: Actor[] = [];
  /** The first crash the loop has not thrown yet (the loop reads it after every event, so it is not behind a call). */
  crash: ActorCrash | null = null;

  constructor(
    private readonly kernel: Kernel,
    private readonly queue: EventQueue,
  ) {}

  /** The pid the next actor gets; refuses a name already taken. */
  nextPid(name: string): number {
    if (this.byName.has(name)) throw new CommandError(`an actor named '${name}' already exists`);
    return this.all.length;
  }

  add(name: string, gen: Process | null): void {
    const a = new Actor(this.nextPid(name), name, gen);
    this.all.push(a);
    this.byName.set(name, a);
    this.kernel.trace.actor(this.kernel.now, a.pid, name);
    this.resumeAt(a, this.kernel.now, PRIORITY_NORMAL);
  }

  named(name: string): Actor {
    const a = this.byName.get(name);
    if (a === undefined) throw new CommandError(`no actor named '${name}'`);
    return a;
  }

  /** The actor of that name, or undefined. */
  find(name: string): Actor | undefined {
    return this.byName.get(name);
  }

  /** Queues the actor's resume, with the outcome already in resumeOk/resumeValue. */
  resumeAt(a: Actor, t: Ticks, priority: number): void {
    a.dueAt = t;
    if (a.gen === null) this.unstepped.push(a);
    this.queue.push(t, priority, EV_RESUME, a.pid, a.token);
  }

  /** Resumes the owner of a root wait that settled, after what is already queued for now. */
  wake(w: Wait, ok: boolean, value: unknown): void {
    const a = this.all[w.actor.pid];
    a.resumeOk = ok;
    a.resumeValue = value;
    this.resumeAt(a, this.kernel.now, PRIORITY_NORMAL);
  }

  interrupt(name: string, cause: unknown): void {
    const a = this.named(name);
    if (a.done) return;
    this.refuseHosted(a, 'interrupted');
    this.kernel.trace.interrupt(this.kernel.now, a.pid, typeof cause === 'string' ? cause : JSON.stringify(cause));
    this.abandon(a);
    a.resumeOk = false;
    a.resumeValue = new Interrupt(cause);
    this.resumeAt(a, this.kernel.now, PRIORITY_URGENT);
  }

  kill(name: string, reason: string): void {
    const a = this.named(name);
    if (a.done) return;
    if (a.running) throw new CommandError(`actor '${name}' cannot be killed while it runs`);
    this.refuseHosted(a, 'killed');
    this.abandon(a);
    try {
      a.gen!.return(undefined);
    } catch {
      // A process that throws while being killed is killed all the same.
    }
    this.end(a, EndStatus.Killed, reason, undefined, new ActorKilled(name, reason));
  }

  returned(a: Actor, result: unknown): void {
    this.end(a, EndStatus.Returned, undefined, result, undefined);
  }

  crashed(a: Actor, e: unknown): void {
    this.end(a, EndStatus.Crashed, e instanceof Error ? e.message : String(e), undefined, e);
    if (this.crash === null) this.crash = new ActorCrash(a.name, this.kernel.now, e);
  }

  /** Throws the first crash since the last call: the run stops with it. */
  throwCrash(): void {
    if (this.crash === null) return;
    const c = this.crash;
    this.crash = null;
    throw c;
  }

  private end(a: Actor, status: EndStatus, reason: string | undefined, result: unknown, error: unknown): void {
    a.done = true;
    a.result = result;
    a.token++;
    this.kernel.trace.end(this.kernel.now, a.pid, status, reason);
    for (const w of a.joiners.splice(0)) {
      if (status === EndStatus.Returned) this.kernel.resolve(w, result);
      else this.kernel.reject(w, error);
    }
  }

  /** Cancels what the actor waits for and makes any pending resume stale. */
  private abandon(a: Actor): void {
    if (a.root !== null) cancelWait(a.root);
    a.root = null;
    a.token++;
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
}
