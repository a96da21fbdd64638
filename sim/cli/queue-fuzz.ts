/** `backlab fuzz --queue`: each fuzz case a queue job, generated and checked by a worker from its kind and seed. */
import type { FuzzCase, FuzzOutcome } from '../fuzz/fuzz-one.ts';
import type { QueueChoice } from './queue-flags.ts';
import type { FuzzQueueJob } from './queue-job.ts';
import { runOnQueue } from './queue-submit.ts';

export function fuzzOnQueue(q: QueueChoice, version: string, cases: FuzzCase[], onDone: (finished: number) => void): Promise<FuzzOutcome[]> {
  const payloads = cases.map((c): FuzzQueueJob => ({ kind: 'fuzz', version, case: { kind: c.kind, seed: c.seed, faults: c.faults, twice: c.twice, placed: c.placed ?? false } }));
  return runOnQueue<FuzzCase, FuzzOutcome>({ ...q, label: 'fuzz', jobs: cases, payloads, describe: (c) => `fuzz case ${c.kind} seed ${c.seed}`, onDone });
}
