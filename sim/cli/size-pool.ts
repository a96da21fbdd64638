/**
 * One pool of sweep workers for a whole `backlab size` search. A search
 * runs many small batches one after another (each probe waits on the last),
 * and starting a worker (tsx, the simulator's modules) costs more than a
 * run: so the workers start once and serve every batch. Results are placed
 * by job index, as runPool places them, so the answer does not depend on
 * which worker ran what.
 */
import type { Worker } from 'node:worker_threads';
import { wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { SweepRow } from '../../reports/sweep.ts';
import { fromRoot } from '../foundation/root.ts';
import { spawnTsWorker, whenDead, WorkerJobError } from '../workers/pool.ts';
import type { Setting } from '../scenario/overrides.ts';
import type { SweepInit, SweepJob } from './sweep-worker.ts';

/** Where a search's runs go: this machine's worker threads, or a queue's workers (size-queue-pool.ts). */
export interface SizePool {
  /** `setsOf`: the settings each job's scenario was loaded with, for a worker that loads it again from the file's text */
  run(jobs: readonly SweepJob[], describe: (j: SweepJob) => string, setsOf: (j: SweepJob) => readonly Setting[]): Promise<SweepRow[]>;
  close(): Promise<void>;
  /** runs done so far, for the runs/s figure */
  readonly done: number;
}

interface Lane { remote: { run(job: SweepJob): Promise<SweepRow> }; died: Promise<never>; worker: Worker }

export function openSizePool(size: number, init: SweepInit): SizePool {
  const lanes: Lane[] = [];
  let done = 0;
  // Workers start as the first batch wide enough needs them: a search of one configuration and one seed starts one.
  const laneAt = (i: number): Lane => {
    while (lanes.length <= i) {
      const worker = spawnTsWorker(fromRoot('sim/cli/sweep-worker.ts'), { workerData: { sweep: init } });
      lanes.push({ worker, died: whenDead(worker), remote: wrap(nodeEndpoint(worker)) as unknown as Lane['remote'] });
    }
    return lanes[i];
  };
  return {
    get done() { return done; },
    async run(jobs, describe) {
      const out = new Array<SweepRow>(jobs.length);
      let next = 0;
      let failed = false;
      const lane = async (l: Lane): Promise<void> => {
        while (!failed && next < jobs.length) {
          const i = next++;
          try {
            out[i] = await Promise.race([l.remote.run(jobs[i]), l.died]);
          } catch (e) {
            if (failed) return;
            failed = true;
            throw new WorkerJobError(i, describe(jobs[i]), e);
          }
          done++;
        }
      };
      const width = Math.max(1, Math.min(size, jobs.length));
      await Promise.all(Array.from({ length: width }, (_, i) => lane(laneAt(i))));
      return out;
    },
    async close() { await Promise.all(lanes.map((l) => l.worker.terminate())); },
  };
}
