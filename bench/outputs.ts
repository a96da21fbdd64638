/**
 * What a flagship `run` writes: the bytes of each file of its report folder
 * and the time writing them takes against the run's own time, both
 * in-process (the same runScenario and writeRunReport the command calls).
 * Warm: one run and one write before the timed ones, so the figures are the
 * steady state, not module loading or the JIT. The fastest of `reps` of each,
 * the figure least skewed by other processes.
 *
 * Checked: the folder holds every file of a run report.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { writeRunReport } from '../reports/write.ts';

export interface OutputsBenchResult {
  bench: 'outputs';
  scenario: string;
  /** bytes by file name */
  bytes: Record<string, number>;
  totalBytes: number;
  /** fastest runScenario, s */
  runSeconds: number;
  /** fastest writeRunReport, s */
  writeSeconds: number;
  /** writeSeconds / runSeconds: the goal is at most 0.1 */
  writeShare: number;
  /** the same in CPU time of this process (fastest of each), less skewed by other processes' load */
  runCpuSeconds: number;
  writeCpuSeconds: number;
  writeCpuShare: number;
  /** the first round: a cold JIT, as one `backlab run` has it */
  cold: { runSeconds: number; writeSeconds: number; writeShare: number };
  errors: string[];
}

const FILE = 'scenarios/lan-vs-lanfree.yaml';
const EXPECTED = ['checks.csv', 'devices.csv', 'flows.csv', 'jobs.csv', 'links.csv', 'report.html', 'summary.json', 'timeseries.csv'];

export function runOutputsBench(reps: number): OutputsBenchResult {
  const errors: string[] = [];
  const text = readFileSync(new URL(`../${FILE}`, import.meta.url), 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'backlab-bench-outputs-'));
  const out = join(dir, 'lan-vs-lanfree');
  let runSeconds = Infinity;
  let writeSeconds = Infinity;
  let runCpuSeconds = Infinity;
  let writeCpuSeconds = Infinity;
  let cold = { runSeconds: 0, writeSeconds: 0 };
  for (let r = 0; r <= reps; r++) {
    const scn = loadScenario(FILE, text);
    const [t0, c0] = [performance.now(), cpuSeconds()];
    const result = runScenario(scn);
    const [t1, c1] = [performance.now(), cpuSeconds()];
    writeRunReport(result, out);
    const [t2, c2] = [performance.now(), cpuSeconds()];
    // Round 0 is what one `backlab run` pays: a cold JIT, the report's assets loaded. The rest are the steady state.
    if (r === 0) {
      cold = { runSeconds: (t1 - t0) / 1000, writeSeconds: (t2 - t1) / 1000 };
      continue;
    }
    runSeconds = Math.min(runSeconds, (t1 - t0) / 1000);
    writeSeconds = Math.min(writeSeconds, (t2 - t1) / 1000);
    runCpuSeconds = Math.min(runCpuSeconds, c1 - c0);
    writeCpuSeconds = Math.min(writeCpuSeconds, c2 - c1);
  }
  const files = readdirSync(out).filter((f) => !f.startsWith('.')).sort();
  if (files.join() !== EXPECTED.join()) errors.push(`outputs: the report folder holds ${files.join(', ')}, not ${EXPECTED.join(', ')}`);
  const bytes = Object.fromEntries(files.map((f) => [f, statSync(join(out, f)).size]));
  rmSync(dir, { recursive: true });
  const totalBytes = Object.values(bytes).reduce((a, b) => a + b, 0);
  return {
    bench: 'outputs', scenario: FILE, bytes, totalBytes, runSeconds, writeSeconds, writeShare: writeSeconds / runSeconds,
    runCpuSeconds, writeCpuSeconds, writeCpuShare: writeCpuSeconds / runCpuSeconds, cold: { ...cold, writeShare: cold.writeSeconds / cold.runSeconds }, errors,
  };
}

/** User and system CPU of this process, s: what other processes' load does not add to. */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}
