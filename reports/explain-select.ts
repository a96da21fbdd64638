/**
 * Which flows of a trace `backlab explain --flow/--job/--actor NAME` means: a
 * flow by its trace label (a scenario's flow also by its own name), an actor
 * by the name it was spawned with, a job by its row in jobs.csv: the flows its
 * actor owned, or another actor moved at its request, while the job ran.
 */
import { TICKS_PER_SECOND } from '../sim/foundation/time.ts';
import type { JobRow } from '../sim/foundation/result.ts';
import type { Limiters } from '../sim/trace/limiters.ts';

export type Selector = { by: 'flow' | 'job' | 'actor'; name: string };

export type Selection =
  | { found: true; flows: number[] }
  | { found: false; valid: string[] };

export function selectFlows(lim: Limiters, sel: Selector, actors: ReadonlyMap<number, string>, jobs: readonly JobRow[]): Selection {
  const all = [...lim.flows.values()];
  const pick = (flows: number[], valid: () => string[]): Selection => (flows.length > 0 ? { found: true, flows } : { found: false, valid: valid() });
  const distinct = (names: Iterable<string>): string[] => [...new Set(names)];
  switch (sel.by) {
    case 'flow':
      return pick(
        all.filter((f) => f.label === sel.name || f.label === `flow ${sel.name}`).map((f) => f.flow),
        () => distinct(all.map((f) => f.label)),
      );
    case 'actor':
      return pick(all.filter((f) => actors.get(f.owner) === sel.name).map((f) => f.flow), () => distinct(all.map((f) => actors.get(f.owner) ?? '').filter((n) => n !== '')));
    case 'job': {
      const job = jobs.find((j) => j.name === sel.name);
      if (job === undefined) return { found: false, valid: distinct(jobs.map((j) => j.name)) };
      const t0 = job.start * TICKS_PER_SECOND, t1 = job.end === null ? Infinity : job.end * TICKS_PER_SECOND;
      // Its actor's own flows, and those another actor moved at its request (a drive's firmware streaming a client's write: flow-for).
      const mine = (f: (typeof all)[number]): boolean => actors.get(f.owner) === job.actor || (f.for !== null && actors.get(f.for) === job.actor);
      return { found: true, flows: all.filter((f) => mine(f) && f.start >= t0 - 1 && f.start <= t1 + 1).map((f) => f.flow) };
    }
  }
}
