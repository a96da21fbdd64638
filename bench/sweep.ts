/**
 * `backlab sweep` with one worker thread and with two: the same runs
 * (2 backbone bandwidths × N seeds) of a generated network scenario, each
 * through the real command in a fresh child process (bench/sweep-command.ts).
 * The speedup is of the command's own time, from its start to the report
 * written: checking both combinations, starting the workers (each loads the
 * simulator's bundle from build/cli/, cold, as the shipped command does; the
 * bench builds it first when it is stale), the runs and the report are all
 * in it; starting Node and tsx for the CLI is not, as it is the same for
 * every --jobs. The whole process's wall time is reported next to it.
 *
 * bench/run.ts asks for 80 runs, about 11 s at --jobs 1, so what is
 * measured is mostly the steady state, as in a researcher's sweep: each
 * worker's start (about 0.1 s loading the bundle, then first runs at two to
 * four times the usual time while the JIT warms up) is in the figure but
 * does not dominate it. The machine may be shared: the CPU other processes
 * used meanwhile is reported, since with 2 cores any of it comes out of the
 * speedup. So does V8's own work beside each worker (its garbage collector's
 * and optimising compiler's threads, 0.2-0.25 s of CPU per second of a
 * worker's here): with one worker it runs on the idle second core, with two
 * it takes turns with the workers. --jobs 1 thus keeps 1.24 cores busy, and
 * --jobs 2 can be at most about 2 / 1.24 = 1.6 times as fast: CPU s / command
 * s of the --jobs 1 row says how far the bound is.
 *
 * The scenario: `flows` flows, started 10 ms apart, each over one of 20
 * access links of 1 GB/s and a shared backbone, sizes 100..499 MB; four access
 * links flap at random (mtbf 10 s, mttr 500 ms), so each seed is another run.
 * One run takes a few tenths of a second at 2,000 flows.
 *
 * Checked: both sweeps exit 0 and write byte-identical runs.csv files with one
 * row per run, and the seeds give different traces.
 */
import { spawnSync } from 'node:child_process';
import { builtWorker } from '../bin/entry.mjs';
import { ROOT } from '../sim/foundation/root.ts';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SweepBenchResult {
  bench: 'sweep';
  flows: number;
  runs: number;
  /** seconds of the sweep command itself (bench/sweep-command.ts), by --jobs */
  seconds: Record<string, number>;
  /** wall seconds of the whole child process, Node and tsx start included, by --jobs */
  processSeconds: Record<string, number>;
  /**
   * cores' worth of CPU that other processes used while each command ran: the
   * two cores a speedup needs are only there when this is near 0
   */
  otherCores: Record<string, number>;
  /**
   * CPU seconds of the whole process (every thread: the command's, its
   * workers', V8's collector and compiler threads), by --jobs: what two
   * workers cost beyond one (each warms its own JIT, and V8's threads no
   * longer have a core to themselves) bounds the speedup on 2 cores
   */
  cpuSeconds: Record<string, number>;
  /** seconds with --jobs 1 / seconds with --jobs 2, of the command itself */
  speedup: number;
  /** the workers' bundle (build/cli/): fresh already, or built by the bench first */
  build: 'fresh' | 'built';
  errors: string[];
}

/**
 * Builds build/cli/ when it is missing or stale, as npm install does: the
 * command as shipped starts its workers from the bundle, and a stale build
 * would measure tsx's start in every worker instead.
 */
function freshBuild(errors: string[]): SweepBenchResult['build'] {
  if (builtWorker(ROOT, 'sim/cli/sweep-worker.ts') !== null) return 'fresh';
  const r = spawnSync(process.execPath, [new URL('scripts/build-cli.mjs', ROOT).pathname], { encoding: 'utf8' });
  if (r.status !== 0 || builtWorker(ROOT, 'sim/cli/sweep-worker.ts') === null) errors.push(`sweep: npm run build:cli failed: ${(r.stderr || r.stdout).trim().split('\n')[0]}`);
  return 'built';
}

const ACCESS = 20;

export function sweepScenario(flows: number): string {
  const links: Record<string, unknown> = { bb: { bandwidth: '10 GB/s', latency: '100 us' } };
  for (let a = 0; a < ACCESS; a++) links[`a${a}`] = { bandwidth: '1 GB/s', latency: '20 us' };
  const wl: Record<string, unknown> = {};
  for (let i = 0; i < flows; i++) wl[`f${i}`] = { route: [`a${i % ACCESS}`, 'bb'], bytes: `${100 + ((i * 37) % 400)} MB`, start: `${i * 10} ms` };
  return JSON.stringify({
    name: 'sweep bench',
    description: 'staggered flows over 20 access links and one backbone; four access links flap at random',
    until: '1 h',
    topology: { links },
    workload: { flows: wl },
    faults: [{ random: { kind: 'link-flap', targets: ['a0', 'a1', 'a2', 'a3'], mtbf: '10 s', mttr: '500 ms' } }],
    checks: ['flows_running == 0'],
  });
}

/** CPU seconds every core of the machine has spent busy since boot (the bench process's own share is negligible). */
function busySeconds(): number {
  return os.cpus().reduce((s, c) => s + c.times.user + c.times.nice + c.times.sys + c.times.irq, 0) / 1000;
}

export function runSweepBench(flows: number, seeds: number): SweepBenchResult {
  const errors: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'backlab-bench-sweep-'));
  const file = join(dir, 'net.json');
  writeFileSync(file, sweepScenario(flows));
  const command = new URL('./sweep-command.ts', import.meta.url).pathname;
  const seconds: Record<string, number> = {};
  const processSeconds: Record<string, number> = {};
  const otherCores: Record<string, number> = {};
  const cpuSeconds: Record<string, number> = {};
  const csv: Record<string, string> = {};
  const runs = 2 * seeds;
  const build = freshBuild(errors);
  try {
    for (const jobs of ['1', '2']) {
      const out = join(dir, `jobs${jobs}`);
      const busy0 = busySeconds();
      const t0 = performance.now();
      const r = spawnSync(process.execPath, ['--import', 'tsx', command, file, '--set', 'topology.links.bb.bandwidth=[10 GB/s, 5 GB/s]', '--seeds', `1..${seeds}`, '--jobs', jobs, '--out', out], { encoding: 'utf8' });
      processSeconds[jobs] = (performance.now() - t0) / 1000;
      const busy = busySeconds() - busy0;
      if (r.status !== 0) {
        errors.push(`sweep --jobs ${jobs} exited ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').slice(0, 3).join(' / ')}`);
        continue;
      }
      const own = JSON.parse(r.stderr.trimEnd().split('\n').at(-1)!) as { seconds: number; cpuSeconds: number };
      seconds[jobs] = own.seconds;
      cpuSeconds[jobs] = own.cpuSeconds;
      otherCores[jobs] = Math.max(0, (busy - own.cpuSeconds) / processSeconds[jobs]);
      csv[jobs] = readFileSync(join(out, 'sweep-net', 'runs.csv'), 'utf8');
    }
    if (csv['1'] !== undefined && csv['2'] !== undefined) {
      if (csv['1'] !== csv['2']) errors.push('sweep: runs.csv differs between --jobs 1 and --jobs 2');
      const lines = csv['1'].trimEnd().split('\n');
      if (lines.length !== runs + 1) errors.push(`sweep: runs.csv has ${lines.length - 1} rows, expected ${runs}`);
      const hashAt = lines[0].split(',').indexOf('trace_hash');
      const hashes = new Set(lines.slice(1).map((l) => l.split(',')[hashAt]));
      if (hashes.size !== runs) errors.push(`sweep: ${hashes.size} distinct trace hashes over ${runs} runs; every seed and setting should give its own`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { bench: 'sweep', flows, runs, seconds, processSeconds, otherCores, cpuSeconds, speedup: seconds['1'] / seconds['2'], build, errors };
}
