/**
 * The bundled year: scenarios/year.yaml (100 clients, 365 nights into a
 * replicated VTL, daily expiry and housekeeping) run in this process, and
 * `backlab run` of it in a fresh process with its report written: the
 * figure issue 21 asks for ("finishes in under a minute here").
 *
 * Checked: the scenario's own checks pass (no job failed, only the first
 * night's seeding fulls miss their window), and the run's stored bytes stay
 * under the site library's disk.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';

export interface YearBenchResult {
  bench: 'year';
  days: number;
  events: number;
  /** the run alone, in this process */
  seconds: number;
  eventsPerSecond: number;
  /** `backlab run scenarios/year.yaml --out DIR` in a fresh process: Node start, run, report */
  commandSeconds: number;
  jobs: number;
  windowsMissed: number;
  /** the site library's peak stored bytes and its disk */
  peakStored: number;
  capacity: number;
  traceHash: string;
  errors: string[];
}

const FILE = new URL('../scenarios/year.yaml', import.meta.url);
const CLI = new URL('../bin/backlab.mjs', import.meta.url);

export function runYearBench(days: number): YearBenchResult {
  const text = readFileSync(FILE, 'utf8');
  const sets = days === 365 ? [] : [{ path: ['until'], value: `${days} d`, text: `until=${days} d` }];
  const scn = loadScenario('scenarios/year.yaml', text, { sets });
  const t0 = performance.now();
  const r = runScenario(scn);
  const seconds = (performance.now() - t0) / 1000;
  const errors = r.checks.filter((c) => !c.pass).map((c) => `year: check '${c.check}' failed (measured ${c.measured})`);
  const site = (m: string) => r.ledger.filter((x) => x.subject === 'site-vtl' && x.measure === m).map((x) => x.value);
  const peakStored = Math.max(0, ...site('stored'));
  const capacity = site('capacity')[0] ?? Infinity;
  if (!(peakStored > 0 && peakStored <= capacity)) errors.push(`year: site-vtl stored ${peakStored} bytes, over its ${capacity}`);
  let commandSeconds = NaN;
  if (days === 365) {
    const out = mkdtempSync(join(tmpdir(), 'backlab-year-'));
    try {
      const c0 = performance.now();
      execFileSync(process.execPath, [CLI.pathname, 'run', FILE.pathname, '--out', out], { stdio: 'ignore' });
      commandSeconds = (performance.now() - c0) / 1000;
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  return {
    bench: 'year', days, events: r.events, seconds, eventsPerSecond: r.events / seconds, commandSeconds,
    jobs: r.metrics.jobs_completed, windowsMissed: r.metrics.windows_missed, peakStored, capacity, traceHash: r.traceHash, errors,
  };
}
