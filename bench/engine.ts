/**
 * The engine on the same hold model as bench/heap.ts: `actors` generator
 * processes, each looping on sleep(round(exponential(1000))) with its own
 * random stream, until the kernel has dispatched `events` effective events.
 * The trace is on (the kernel always records and hashes), so the figure is
 * the cost of the whole event path: queue, generator resume, command, trace.
 *
 * `longHorizon`: the same model on the clock of a 400-day run (time.ts: a
 * 4 ns grid), each actor first sleeping to day 399, so every time the queue,
 * the sleeps and the trace handle is past 2^53 ns.
 */
import type { Process, ProcessContext } from '../sim/engine/kernel.ts';
import { Kernel } from '../sim/engine/kernel.ts';
import { sleep } from '../sim/engine/commands.ts';
import { clockFor, days, type Clock } from '../sim/foundation/time.ts';
import { cpuNow } from './heap.ts';

export interface EngineResult {
  bench: 'engine';
  run: number;
  /** The clock's grid (ns) and the day the hold model started on. */
  grid: number;
  startDay: number;
  actors: number;
  events: number;
  popped: number;
  seconds: number;
  /** CPU seconds of this process over the same span (heap.ts's cpuNow). */
  cpuSeconds: number;
  eventsPerSecond: number;
  /** Simulated time at the end of the run (ticks). */
  simTime: number;
  reason: string;
  traceHash: string;
  traceBytes: number;
  traceRecords: number;
  errors: string[];
}

const START_DAY = 399;
const LONG_CLOCK: Clock = clockFor(days(400));

function* holder(ctx: ProcessContext, from: number): Process {
  const rng = ctx.rng();
  if (from > 0) yield sleep(from);
  for (;;) yield sleep(Math.round(rng.exponential(1000)));
}

export function runEngine(actors: number, events: number, run: number, longHorizon = false): EngineResult {
  const errors: string[] = [];
  const kernel = new Kernel({ seed: 1, clock: longHorizon ? LONG_CLOCK : undefined });
  const from = longHorizon ? days(START_DAY) : 0;
  for (let i = 0; i < actors; i++) kernel.spawn(`a${i}`, holder, from);

  const c0 = cpuNow();
  const t0 = performance.now();
  const r = kernel.run({ maxEvents: events });
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = cpuNow() - c0;
  const trace = kernel.finish();

  if (r.reason !== 'max-events') errors.push(`engine run ${run}: stopped for '${r.reason}', expected 'max-events'`);
  if (kernel.events !== events) errors.push(`engine run ${run}: ${kernel.events} events, expected ${events}`);
  if (kernel.popped !== kernel.events) errors.push(`engine run ${run}: ${kernel.popped - kernel.events} stale queue entries, expected none`);
  if (kernel.now < from || kernel.now % kernel.clock.grid !== 0) errors.push(`engine run ${run}: the clock stopped at ${kernel.now}, not on its ${kernel.clock.grid} ns grid past ${from}`);
  return {
    bench: 'engine',
    run,
    grid: kernel.clock.grid,
    startDay: from / days(1),
    actors,
    events: kernel.events,
    popped: kernel.popped,
    seconds,
    cpuSeconds,
    eventsPerSecond: kernel.events / seconds,
    simTime: kernel.now,
    reason: r.reason,
    traceHash: trace.hash,
    traceBytes: trace.bytes,
    traceRecords: trace.records,
    errors,
  };
}
