/**
 * The engine on the same hold model as bench/heap.ts: `actors` generator
 * processes, each looping on sleep(round(exponential(1000))) with its own
 * random stream, until the kernel has dispatched `events` effective events.
 * The trace is on (the kernel always records and hashes), so the figure is
 * the cost of the whole event path: queue, generator resume, command, trace.
 */
import type { Process, ProcessContext } from '../sim/engine/kernel.ts';
import { Kernel } from '../sim/engine/kernel.ts';
import { sleep } from '../sim/engine/commands.ts';

export interface EngineResult {
  bench: 'engine';
  run: number;
  actors: number;
  events: number;
  popped: number;
  seconds: number;
  eventsPerSecond: number;
  /** Simulated time at the end of the run (ticks). */
  simTime: number;
  reason: string;
  traceHash: string;
  traceBytes: number;
  traceRecords: number;
  errors: string[];
}

function* holder(ctx: ProcessContext): Process {
  const rng = ctx.rng();
  for (;;) yield sleep(Math.round(rng.exponential(1000)));
}

export function runEngine(actors: number, events: number, run: number): EngineResult {
  const errors: string[] = [];
  const kernel = new Kernel({ seed: 1 });
  for (let i = 0; i < actors; i++) kernel.spawn(`a${i}`, holder);

  const t0 = performance.now();
  const r = kernel.run({ maxEvents: events });
  const seconds = (performance.now() - t0) / 1000;
  const trace = kernel.finish();

  if (r.reason !== 'max-events') errors.push(`engine run ${run}: stopped for '${r.reason}', expected 'max-events'`);
  if (kernel.events !== events) errors.push(`engine run ${run}: ${kernel.events} events, expected ${events}`);
  if (kernel.popped !== kernel.events) errors.push(`engine run ${run}: ${kernel.popped - kernel.events} stale queue entries, expected none`);
  return {
    bench: 'engine',
    run,
    actors,
    events: kernel.events,
    popped: kernel.popped,
    seconds,
    eventsPerSecond: kernel.events / seconds,
    simTime: kernel.now,
    reason: r.reason,
    traceHash: trace.hash,
    traceBytes: trace.bytes,
    traceRecords: trace.records,
    errors,
  };
}
