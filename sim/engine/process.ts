/**
 * What a process is: a generator that yields commands (commands.ts), made
 * from a function given its context. The context is the same in-process and
 * in a host (sim/workers), so an actor's draws do not depend on where it runs.
 */
import type { Command, Custom } from './commands.ts';
import { RandomStreams, type RandomStream } from './rng.ts';
import type { Ticks } from '../foundation/time.ts';

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

export function processContext(name: string, seed: number | string, clock: { readonly now: Ticks }): ProcessContext {
  // An actor's streams are the run's streams under its own name, so no two actors share one.
  const streams = new RandomStreams(seed);
  return {
    name,
    seed,
    get now() { return clock.now; },
    rng: (stream = 'default') => streams.stream(`${name}/${stream}`),
  };
}
