/**
 * The hosted driver: actors whose generators live in a host (sim/workers,
 * see remote.ts). Once a hosted actor's resume is queued, its time and value
 * are fixed (a hosted actor is never interrupted), so every such resume is
 * stepped in one batch, ahead of the clock (one message per worker), and
 * each step is applied when its resume comes off the queue, in the queue's
 * order. Applying a step has the same outcomes, in the same order, as the
 * in-process driver running the generator, so the trace cannot tell where
 * an actor ran, nor which worker answered first.
 */
import type { Actor, Actors } from './actors.ts';
import { BLOCKED, ENDED, RUNS_ON, type CommandTable } from './command-table.ts';
import type { Kernel } from './kernel.ts';
import type { ProcessFn } from './process.ts';
import type { ActorHost, ActorStep } from './remote.ts';

export class HostedDriver {
  /** How many actors the host runs. */
  count = 0;
  /** A hosted actor whose blocking command was refused on the spot: the error goes back into it before anything else runs. */
  continuing: Actor | null = null;

  constructor(
    private readonly host: ActorHost,
    private readonly kernel: Kernel,
    private readonly actors: Actors,
    private readonly commands: CommandTable,
  ) {}

  /** Offers a new actor to the host: true if it runs there. */
  adopt(pid: number, name: string, fn: ProcessFn, args: readonly unknown[]): boolean {
    const taken = this.host.adopt(pid, name, fn, args, this.kernel.seed);
    if (taken) this.count++;
    return taken;
  }

  /** Whether the resume (pid, token) is of a hosted actor whose step is not back yet: the loop must pause before it. */
  awaits(pid: number, token: number): boolean {
    const a = this.actors.all[pid];
    return a.gen === null && a.token === token && a.step === null;
  }

  /** Applies the step the host ran ahead for the actor's resume. */
  run(a: Actor): void {
    const s = a.step!;
    a.step = null;
    this.apply(a, s);
  }

  private apply(a: Actor, s: ActorStep): void {
    a.root = null;
    for (const cmd of s.commands) {
      const done = this.commands.perform(a, cmd);
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
    if ('returned' in s.end) this.actors.returned(a, s.end.returned);
    else this.actors.crashed(a, s.end.threw);
  }

  /**
   * What the loop paused for: a hosted actor to continue, or every hosted
   * actor with a queued resume. Nothing to await when the host answered at
   * once (a synchronous channel), so the run loop goes on without a promise turn.
   */
  step(): void | Promise<void> {
    if (this.continuing !== null) return this.continueActor();
    const due = this.actors.unstepped;
    this.actors.unstepped = [];
    return after(this.host.step(due.map((a) => ({ pid: a.pid, now: a.dueAt, ok: a.resumeOk, value: a.resumeValue }))), (steps) => {
      due.forEach((a, i) => { a.step = steps[i]; });
    });
  }

  /** Nothing else may run before it: in-process, it would go on within the same event. */
  private continueActor(): void | Promise<void> {
    const c = this.continuing;
    if (c === null) return;
    this.continuing = null;
    return after(this.host.step([{ pid: c.pid, now: this.kernel.now, ok: c.resumeOk, value: c.resumeValue }]), ([s]) => {
      this.apply(c, s);
      this.actors.throwCrash();
      return this.continueActor();
    });
  }
}

/** `then` for a value that may or may not be a promise: a value goes on at once, with no microtask. */
function after<T>(v: T | Promise<T>, next: (v: T) => void | Promise<void>): void | Promise<void> {
  return v instanceof Promise ? v.then(next) : next(v);
}
