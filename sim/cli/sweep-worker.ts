/**
 * The worker side of `backlab sweep`. A worker thread is started once per
 * pool slot through ts-worker.mjs and is then asked, run after run, to run
 * one resolved scenario with one seed. It answers with a SweepRow: plain
 * data, nothing that depends on which worker ran it or what it ran before.
 *
 * The main thread has already loaded and checked every combination, so the
 * job carries the resolved Scenario (plain data, cloned on the way) rather
 * than the text and settings to load it again: loading would pull the
 * schema validator into every worker, whose import and schema compilation
 * cost about as much as the rest of the worker's start put together.
 */
import type { Scenario } from '../foundation/scenario.ts';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { SweepRow } from '../../reports/sweep.ts';
import { runBottlenecks } from '../../reports/sweep-bottleneck.ts';
import type { RunResult } from '../foundation/result.ts';
import { runScenario } from '../scenario/run.ts';

/** What every run of one sweep shares; sent once, as workerData.sweep. */
export interface SweepInit {
  version: string;
  /** --max-events: each run's ceiling */
  maxEvents?: number;
}

/** One run: its combination's resolved scenario and its seed. */
export interface SweepJob {
  run: number;
  /** index of the setting combination */
  combination: number;
  scenario: Scenario;
  /** the settings as the row reports them, path -> value as typed */
  settings: Record<string, string>;
  /** null: the scenario's own seed */
  seed: number | null;
}

/**
 * A job as sent: without its scenario when the worker's previous job was of
 * the same combination (sweep.ts, sweepMessage); the worker holds the last
 * scenario it was sent.
 */
export type SweepMessage = Omit<SweepJob, 'scenario'> & { scenario?: Scenario };

export interface SweepWorkerApi {
  run(job: SweepMessage): SweepRow;
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
    bottlenecks: runBottlenecks(r),
  };
}

export function createRunner(init: SweepInit): SweepWorkerApi {
  let held: { combination: number; scenario: Scenario } | null = null;
  const scenarioOf = (job: SweepMessage): Scenario => {
    // Frozen, since it serves several runs: a run that wrote into its scenario would throw rather than change the next run.
    if (job.scenario !== undefined) held = { combination: job.combination, scenario: deepFreeze(job.scenario) };
    if (held?.combination !== job.combination) throw new Error(`run ${job.run} came without its scenario (combination ${job.combination})`);
    return held.scenario;
  };
  return {
    run: (job) => sweepRow(job.run, job.settings, runScenario(scenarioOf(job), { seed: job.seed ?? undefined, version: init.version, maxEvents: init.maxEvents })),
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  const parts = value instanceof Map ? [...value.keys(), ...value.values()] : value instanceof Set ? [...value] : Object.values(value);
  for (const v of parts) deepFreeze(v);
  return value;
}

if (!isMainThread && parentPort !== null && (workerData as { sweep?: SweepInit } | null)?.sweep !== undefined) {
  expose(createRunner((workerData as { sweep: SweepInit }).sweep), nodeEndpoint(parentPort));
}
