/**
 * `backlab size --queue`: each probe's batch of runs goes to the queue's
 * `backlab worker`s as a sweep's runs do (queue-sweep.ts), the scenario's
 * text stored once and each run naming its settings; the search waits for a
 * batch as it waits for its own threads, and gets the same rows back.
 */
import type { SweepRow } from '../../reports/sweep.ts';
import type { QueueChoice } from './queue-flags.ts';
import { replayCommand } from './size-faults.ts';
import type { SizePool } from './size-pool.ts';
import type { SweepJob } from './sweep-worker.ts';

export interface SizeOnQueue {
  version: string;
  maxEvents: number;
  file: string;
  text: string;
  variant: string | undefined;
}

export async function openQueueSizePool(q: QueueChoice, o: SizeOnQueue): Promise<SizePool> {
  const { sweepOnQueue } = await import('./queue-sweep.ts');
  let done = 0;
  return {
    get done() { return done; },
    async run(jobs, describe, setsOf) {
      const rows: SweepRow[] = await sweepOnQueue(q, {
        ...o, runs: [...jobs], setsOf: (j: SweepJob) => [...setsOf(j)], describe,
        hint: (j: SweepJob) => replayCommand(o.file, o.variant, setsOf(j), j.seed ?? j.scenario.seed), onDone: () => {},
      });
      done += jobs.length;
      return rows;
    },
    async close() {},
  };
}
