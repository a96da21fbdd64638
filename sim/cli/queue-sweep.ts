/**
 * `backlab sweep --queue`: the sweep's runs as queue jobs. Each job names
 * the scenario file's text (stored once, queue-docs.ts) and carries the
 * run's settings and seed, which the worker loads and checks as this command
 * did; never the file's path.
 */
import { basename } from 'node:path';
import type { SweepRow } from '../../reports/sweep.ts';
import type { Setting } from '../scenario/overrides.ts';
import type { QueueChoice } from './queue-flags.ts';
import type { SweepQueueJob } from './queue-job.ts';
import { runOnQueue } from './queue-submit.ts';
import { docHashOf, QueueDocs } from './queue-docs.ts';
import type { SweepJob } from './sweep-worker.ts';

export interface SweepOnQueue {
  version: string;
  maxEvents: number;
  file: string;
  text: string;
  variant: string | undefined;
  runs: SweepJob[];
  setsOf: (job: SweepJob) => Setting[];
  describe: (job: SweepJob) => string;
  hint: (job: SweepJob) => string;
  onDone: (finished: number) => void;
}

export async function sweepOnQueue(q: QueueChoice, s: SweepOnQueue): Promise<SweepRow[]> {
  const docHash = docHashOf(s.text);
  const payloads = s.runs.map((job): SweepQueueJob => ({
    kind: 'sweep', version: s.version, run: job.run, name: basename(s.file), docHash, variant: s.variant ?? null,
    sets: s.setsOf(job).map((x) => x.text), settings: job.settings, seed: job.seed, maxEvents: s.maxEvents,
  }));
  const docs = new QueueDocs(q.connection);
  try {
    return await runOnQueue<SweepJob, SweepRow>({
      ...q, label: 'sweep', jobs: s.runs, payloads, describe: s.describe, hint: s.hint, onDone: s.onDone,
      beforeAdd: async () => { await docs.put(s.text); },
    });
  } finally {
    await docs.close();
  }
}
