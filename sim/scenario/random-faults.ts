/**
 * A random fault's schedule, generated as the run reaches it: up for
 * exp(mtbf), down for exp(mttr), repeatedly, from `from` until `until`, one
 * random stream per fault and target. A flap every nanosecond for 100 days
 * is 10^16 events; built as one array up front it took the memory before the
 * run began, so here it is a generator, and only its length is counted ahead
 * (kernel.series needs it to number the events as up-front scheduling did).
 */
import type { FaultDef } from '../foundation/scenario.ts';
import { LONGEST } from '../foundation/time.ts';
import { RandomStream } from '../engine/rng.ts';

export type RandomFault = Extract<FaultDef, { kind: 'random' }>;
export interface FaultEvent { t: number; kind: string; target: string }

/** One target's events in time order. */
function* targetEvents(f: RandomFault, seed: number, target: string): Generator<FaultEvent> {
  const [down, up] = f.failure === 'link-flap' ? ['link-down', 'link-up'] : ['host-fails', 'host-recovers'];
  const rng = new RandomStream(seed, `faults/${f.index}/${target}`);
  let t = f.from;
  for (;;) {
    t += Math.round(rng.exponential(f.mtbf));
    if (t >= f.until || t > LONGEST) return;
    yield { t, kind: down, target };
    t += Math.max(1, Math.round(rng.exponential(f.mttr)));
    if (t > LONGEST) return;
    yield { t, kind: up, target };
  }
}

/** Every target's events merged in time order; at the same instant, targets in the order the fault lists them. */
export function* randomSchedule(f: RandomFault, seed: number): Generator<FaultEvent> {
  const streams = f.targets.map((target) => targetEvents(f, seed, target));
  const heads = streams.map((s) => s.next());
  for (;;) {
    let first = -1;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i];
      if (!h.done && (first < 0 || h.value.t < (heads[first].value as FaultEvent).t)) first = i;
    }
    if (first < 0) return;
    yield heads[first].value as FaultEvent;
    heads[first] = streams[first].next();
  }
}

/** Events the schedule holds on average: two per up-and-down cycle of mean length mtbf + mttr, per target. */
export function expectedEvents(f: RandomFault): number {
  return f.targets.length * 2 * (Math.min(f.until, LONGEST) - f.from) / (f.mtbf + f.mttr);
}

/**
 * How many events the schedule holds, counting no further than `limit`
 * (limit + 1 means more). A schedule expected to hold more than twice the
 * limit is not counted at all: it is over it (a count would take as long as
 * the run it refuses).
 */
export function countSchedule(f: RandomFault, seed: number, limit: number): number {
  const c = counting(f, seed, limit);
  for (let r = c.next(); ; r = c.next()) if (r.done) return r.value;
}

/** countSchedule, awaiting `pause` every `chunk` events, so a host's event loop can answer Ctrl-C during a long count. */
export async function countScheduleAsync(f: RandomFault, seed: number, limit: number, pause: () => Promise<void>, chunk: number): Promise<number> {
  const c = counting(f, seed, limit, chunk);
  for (let r = c.next(); ; r = c.next()) {
    if (r.done) return r.value;
    await pause();
  }
}

/** The count, yielding every `chunk` events (never, by default). */
function* counting(f: RandomFault, seed: number, limit: number, chunk = Infinity): Generator<void, number> {
  if (expectedEvents(f) > 2 * limit) return limit + 1;
  let n = 0;
  for (const target of f.targets) {
    for (const _ of targetEvents(f, seed, target)) {
      if (++n > limit) return n;
      if (n % chunk === 0) yield;
    }
  }
  return n;
}
