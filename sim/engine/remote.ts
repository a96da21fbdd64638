/**
 * Actors placed outside the kernel (in worker threads or Web Workers). The
 * kernel keeps virtual time, the queue, the network and the trace; a host
 * keeps the generators and advances them when the kernel asks. What crosses
 * is plain data, so a host can sit on the other side of a postMessage.
 *
 * One activation runs an actor from the value it is resumed with up to its
 * next blocking command. Once an actor's resume is queued, its value and
 * time are fixed (a hosted actor is never interrupted), so the kernel asks
 * for it then, together with every other queued resume: a batch carries
 * activations due at different times, each with its own `now`. Marks and sends never block and always resume with
 * `undefined` (a failed send ends the actor: builtins.ts), so the host runs
 * past them and returns them with the blocking command: one round trip per
 * activation, not per command.
 */
import type { Command, Custom } from './commands.ts';
import type { ProcessFn } from './kernel.ts';
import type { Ticks } from '../foundation/time.ts';

/** The most workers a run may place actors in (the scenario schema's `workers` maximum, --workers, ?workers=). */
export const MAX_WORKERS = 64;

export interface Activation {
  pid: number;
  /** the virtual time the actor runs at */
  now: Ticks;
  /** true: resume with `value`; false: throw `value` at the yield */
  ok: boolean;
  value: unknown;
}

export type ActorEnd = { returned: unknown } | { threw: unknown };

export interface ActorStep {
  /** What the process yielded, in order: the marks and sends it ran past, then the command it now waits on (none if it ended). */
  commands: (Command | Custom)[];
  /** Set when the process returned or threw after those commands. */
  end?: ActorEnd;
}

export interface ActorHost {
  /**
   * Offered every spawn: true when the host takes the actor (its generator
   * is created there at its first activation), false to leave it in-process
   * (the model's own processes, anything the host cannot rebuild).
   */
  adopt(pid: number, name: string, fn: ProcessFn, args: readonly unknown[], seed: number | string): boolean;
  /**
   * Runs each activation; the steps come back in the batch's order: at once
   * from a host with a synchronous channel (sim/workers/step-channel.ts), or
   * as a promise from one that answers by message.
   */
  step(batch: readonly Activation[]): ActorStep[] | Promise<ActorStep[]>;
}
