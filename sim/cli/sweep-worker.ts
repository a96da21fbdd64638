/**
 * The worker side of `backlab sweep`. A worker thread is started once per
 * pool slot through ts-worker.mjs with the scenario text in workerData, and
 * is then asked, run after run, to load the scenario with one combination of
 * settings and run it with one seed. It answers with a SweepRow: plain data,
 * nothing that depends on which worker ran it or what it ran before.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { SweepRow } from '../../reports/sweep.ts';
import type { Setting } from '../scenario/overrides.ts';
import type { RunResult } from '../scenario/result.ts';
import { runScenario } from '../scenario/run.ts';
import { loadScenario, type Scenario } from '../scenario/scenario.ts';

/** What every run of one sweep shares; sent once, as workerData.sweep. */
export interface SweepInit {
  file: string;
  text: string;
  variant?: string;
  version: string;
}

/** One run: the settings of its combination, in the order they apply, and its seed. */
export interface SweepJob {
  run: number;
  /** index of the setting combination; runs of one combination load the same scenario */
  combination: number;
  sets: Setting[];
  /** the settings as the row reports them, path -> value as typed */
  settings: Record<string, string>;
  /** null: the scenario's own seed */
  seed: number | null;
}

export interface SweepWorkerApi {
  run(job: SweepJob): SweepRow;
}

export function sweepRow(run: number, settings: Record<string, string>, r: RunResult): SweepRow {
  return {
    run,
    settings,
    seed: r.seed,
    traceHash: r.traceHash,
    metrics: { ...r.metrics },
    units: { ...r.units },
    checksFailed: r.checks.filter((c) => !c.pass).map((c) => c.check),
  };
}

/** Keeps the last loaded scenario: seeds vary fastest, so a worker often runs one combination several times in a row. */
export function createRunner(init: SweepInit): SweepWorkerApi {
  let cached: { combination: number; scenario: Scenario } | null = null;
  return {
    run(job) {
      if (cached?.combination !== job.combination) {
        cached = { combination: job.combination, scenario: loadScenario(init.file, init.text, { variant: init.variant, sets: job.sets }) };
      }
      const result = runScenario(cached.scenario, { seed: job.seed ?? undefined, version: init.version });
      return sweepRow(job.run, job.settings, result);
    },
  };
}

if (!isMainThread && parentPort !== null && (workerData as { sweep?: SweepInit } | null)?.sweep !== undefined) {
  expose(createRunner((workerData as { sweep: SweepInit }).sweep), nodeEndpoint(parentPort));
}
