/**
 * A worker thread of `backlab worker`: one checked queue job per call, run
 * exactly as the local pool runs it (sweep-worker.ts, fuzz-worker.ts), the
 * answer encoded as text (queue-job.ts). A sweep job's scenario document is
 * loaded and validated against the schema here, as `backlab run` would; a
 * document that fails is refused with the ScenarioError's message.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { Scenario } from '../foundation/scenario.ts';
import { parseSetting } from '../scenario/overrides.ts';
import { loadScenario } from '../scenario/scenario.ts';
import { createRunner } from './sweep-worker.ts';
import { fuzzCase } from './fuzz-worker.ts';
import { encodeResult, type RunJob, type SweepRunJob } from './queue-job.ts';

export interface QueueThreadApi {
  run(job: RunJob): Promise<string>;
}

/**
 * The last few combinations loaded: a sweep's seeds share one, and loading
 * (parse, schema, resolve) would otherwise be repeated for every seed.
 */
const loaded = new Map<string, Scenario>();
const KEEP = 8;

function scenarioOf(job: SweepRunJob): Scenario {
  const key = JSON.stringify([job.name, job.doc, job.variant, job.sets]);
  let s = loaded.get(key);
  if (s === undefined) {
    s = loadScenario(job.name, job.doc, { variant: job.variant ?? undefined, sets: job.sets.map(parseSetting) });
    if (loaded.size >= KEEP) loaded.delete(loaded.keys().next().value!);
    loaded.set(key, s);
  }
  // Each run its own copy, as each local run gets its own structured clone.
  return structuredClone(s);
}

export async function runQueueJob(job: RunJob): Promise<string> {
  if (job.kind === 'fuzz') {
    // Only a failing case's scenario is written out: a passing one's text would sit in Redis for days, times 100,000 seeds.
    const o = await fuzzCase(job.case);
    return encodeResult(o.findings.length === 0 ? { ...o, text: '' } : o);
  }
  const run = createRunner({ version: job.version, maxEvents: job.maxEvents });
  return encodeResult(run.run({ run: job.run, combination: 0, scenario: scenarioOf(job), settings: job.settings, seed: job.seed }));
}

if (!isMainThread && parentPort !== null && (workerData as { queue?: boolean } | null)?.queue === true) {
  expose({ run: runQueueJob } satisfies QueueThreadApi, nodeEndpoint(parentPort));
}
