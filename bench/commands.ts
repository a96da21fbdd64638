/**
 * Whole commands as a user starts them, each in a fresh process: how long
 * `backlab --version` and `backlab validate` of the flagship take against
 * `node -e 0` (Node's own start, the floor), and `backlab run` of N flows
 * starting together (bench/flows.ts's uniform case, written as a scenario
 * file) against the same flows in-process. Runs alternate (node, version,
 * validate, node, ...) so a burst of other load hits all of them; the
 * fastest of each is reported, the figure least skewed by other processes.
 *
 * Checked: every command exits 0, and the run's makespan is the closed form
 * of the uniform case: 1e8 B / min(1e9, 1e10 / N) B/s.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFlows } from './flows.ts';

export interface CommandsBenchResult {
  bench: 'commands';
  /** fastest wall seconds of each, by name */
  seconds: Record<string, number>;
  /** each command's fastest time / node -e 0's */
  ratioToNode: Record<string, number>;
  flows: number;
  /** the same flows in-process (bench/flows.ts), s */
  inProcessSeconds: number;
  /** `backlab run` of them / in-process */
  runRatio: number;
  errors: string[];
}

const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'bin/backlab.mjs');
const flagship = join(root, 'scenarios/lan-vs-lanfree.yaml');

/** bench/flows.ts's topology and uniform flows as a scenario file: host link h{i} 1e9 B/s, backbone bb 1e10 B/s. */
export function uniformScenario(n: number): string {
  const links: Record<string, unknown> = { bb: { bandwidth: '10 GB/s', latency: '0 s' } };
  const flows: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    links[`h${i}`] = { bandwidth: '1 GB/s', latency: '0 s' };
    flows[`f${i}`] = { route: [`h${i}`, 'bb'], bytes: '100 MB' };
  }
  return JSON.stringify({ name: 'commands bench', description: 'bench/flows.ts uniform case', seed: 1, topology: { links }, workload: { flows } });
}

function timed(args: string[]): { seconds: number; status: number | null; stderr: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: undefined, NO_COLOR: '1' } });
  return { seconds: (performance.now() - t0) / 1000, status: r.status, stderr: r.stderr };
}

export function runCommandsBench(flows: number, reps: number): CommandsBenchResult {
  const errors: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'backlab-bench-commands-'));
  const scenario = join(dir, 'uniform.json');
  writeFileSync(scenario, uniformScenario(flows));
  const cases: Record<string, string[]> = {
    'node -e 0': ['-e', '0'],
    'backlab --version': [bin, '--version'],
    'backlab validate (flagship)': [bin, 'validate', flagship],
    [`backlab run (${flows} flows)`]: [bin, 'run', scenario, '--out', join(dir, 'out')],
  };
  const seconds: Record<string, number> = {};
  for (let r = 0; r < reps; r++) {
    for (const [name, args] of Object.entries(cases)) {
      const t = timed(args);
      if (t.status !== 0) errors.push(`commands: ${name} exited ${t.status}: ${t.stderr.split('\n')[0]}`);
      seconds[name] = Math.min(seconds[name] ?? Infinity, t.seconds);
    }
  }
  const summary = JSON.parse(readFileSync(join(dir, 'out', 'uniform', 'summary.json'), 'utf8')) as { metrics: Record<string, number> };
  const expected = 1e8 / Math.min(1e9, 1e10 / flows);
  if (Math.abs(summary.metrics.makespan - expected) > 1e-6) errors.push(`commands: the run's makespan ${summary.metrics.makespan} s is not the closed form ${expected} s`);
  rmSync(dir, { recursive: true });
  const inProcess = runFlows('uniform', flows);
  errors.push(...inProcess.errors);
  const node = seconds['node -e 0'];
  const ratioToNode = Object.fromEntries(Object.entries(seconds).map(([k, v]) => [k, v / node]));
  const run = seconds[`backlab run (${flows} flows)`];
  const inProcessSeconds = inProcess.setupSeconds + inProcess.seconds;
  return { bench: 'commands', seconds, ratioToNode, flows, inProcessSeconds, runRatio: run / inProcessSeconds, errors };
}

export interface ScenarioCommandResult {
  bench: 'command-vs-kernel';
  flows: number;
  /** `backlab run` of the flows as a scenario file, wall seconds, in a fresh process */
  commandSeconds: number;
  /** the same flows in-process (bench/flows.ts uniform): set-up and run, s */
  kernelSeconds: number;
  /** commandSeconds / kernelSeconds; the goal is <= 3 */
  ratio: number;
  /** the command's peak RSS, KiB (the child reports its own at exit) */
  commandMaxRSSKiB: number;
  /** CPU seconds of the command's process and of the in-process run (set-up, run and its checks): less skewed by other processes' load than wall time */
  commandCpuSeconds: number;
  kernelCpuSeconds: number;
  cpuRatio: number;
  errors: string[];
}

/** Prints the process's peak RSS and CPU time to stderr at exit: how the bench reads a child's. */
export const RSS_AT_EXIT = 'data:text/javascript,process.on("exit",()=>{const u=process.resourceUsage();process.stderr.write(`\\nmaxRSSKiB ${u.maxRSS} cpuMicros ${u.userCPUTime+u.systemCPUTime}\\n`)})';

/**
 * `backlab run` of N flows starting together (bench/flows.ts's uniform case as
 * a scenario file), once, against the kernel running the same flows in this
 * process: the whole command (load, validate, set-up, run, sampling, every
 * output file) over the kernel's own time. Checked: exit 0, the closed-form makespan.
 */
export function runScenarioCommandBench(flows: number): ScenarioCommandResult {
  const errors: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'backlab-bench-command-'));
  const scenario = join(dir, 'uniform.json');
  writeFileSync(scenario, uniformScenario(flows));
  const t = timed(['--import', RSS_AT_EXIT, bin, 'run', scenario, '--out', join(dir, 'out')]);
  if (t.status !== 0) errors.push(`command-vs-kernel: backlab run exited ${t.status}: ${t.stderr.split('\n')[0]}`);
  const rss = /maxRSSKiB (\d+) cpuMicros (\d+)/.exec(t.stderr);
  if (rss === null) errors.push('command-vs-kernel: the child did not report its peak RSS');
  else {
    const summary = JSON.parse(readFileSync(join(dir, 'out', 'uniform', 'summary.json'), 'utf8')) as { metrics: Record<string, number> };
    const expected = 1e8 / Math.min(1e9, 1e10 / flows);
    if (Math.abs(summary.metrics.makespan - expected) > 1e-6) errors.push(`command-vs-kernel: the run's makespan ${summary.metrics.makespan} s is not the closed form ${expected} s`);
  }
  rmSync(dir, { recursive: true });
  const c0 = process.cpuUsage();
  const inProcess = runFlows('uniform', flows);
  const c = process.cpuUsage(c0);
  errors.push(...inProcess.errors);
  const kernelSeconds = inProcess.setupSeconds + inProcess.seconds;
  const commandCpuSeconds = rss === null ? NaN : Number(rss[2]) / 1e6, kernelCpuSeconds = (c.user + c.system) / 1e6;
  return {
    bench: 'command-vs-kernel', flows, commandSeconds: t.seconds, kernelSeconds, ratio: t.seconds / kernelSeconds,
    commandMaxRSSKiB: rss === null ? 0 : Number(rss[1]), commandCpuSeconds, kernelCpuSeconds, cpuRatio: commandCpuSeconds / kernelCpuSeconds, errors,
  };
}
