/**
 * `backlab sweep --queue` against the local pool: the same 200 runs (2
 * backbone bandwidths × 100 seeds of bench/sweep.ts's generated network,
 * with few flows so that a run is short and the queue's own cost shows),
 * through the real command (bin/backlab.mjs) in a fresh child process,
 * timed from its start to its end, locally with --jobs 1 and 2, and through
 * a Redis of the bench's own (redis-server on a free port) with 1 and with 2
 * `backlab worker --jobs 1` processes, started (their threads cold, as the
 * local pool's are) before the command.
 *
 * Whole processes, not bench/sweep-command.ts's in-process timing: that one
 * calls itself backlab 'bench', and a worker refuses a job from another
 * version. Node's and tsx's start (about a second) is in every figure alike,
 * so it cancels out of the overhead and damps the speedup a little.
 *
 * Overhead per run: (queue seconds - local seconds) / runs, at the same
 * number of threads: what enqueuing, a worker's fetch and lock, the result's
 * way back through Redis and the checks cost on top of the run. On a shared
 * machine wall time mostly measures the others, so the CPU seconds are
 * counted too (every process's own, worker threads included, read at its
 * exit, and Redis's from INFO): the CPU overhead per run is the queue's cost
 * whatever else runs. Checked:
 * every command exits 0 and writes the same runs.csv. Needs redis-server;
 * without it the bench says so and measures nothing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sweepScenario } from './sweep.ts';
import { redisAvailable, startRedis } from '../tests/support/redis.ts';

export interface QueueBenchResult {
  bench: 'queue';
  runs: number;
  flows: number;
  /** wall seconds of the sweep command's process, by 'local 1', 'local 2', 'queue 1', 'queue 2' (threads or worker processes) */
  seconds: Record<string, number>;
  /** CPU seconds of every process involved (command, workers, Redis), by the same keys */
  cpuSeconds: Record<string, number>;
  /** ms per run the queue adds to the local pool, with 1 and 2: wall time */
  overheadMs: Record<string, number>;
  /** the same in CPU time, of all the processes */
  cpuOverheadMs: Record<string, number>;
  /** queue 1 / queue 2 */
  speedup: number;
  skipped?: string;
  errors: string[];
}

const bin = new URL('../bin/backlab.mjs', import.meta.url).pathname;
/** Loaded first in every child: at its exit it prints its CPU seconds (worker threads included) as the last line on stderr. */
const CPU_AT_EXIT = `data:text/javascript,${encodeURIComponent('process.on("exit", () => { const c = process.cpuUsage(); process.stderr.write(`\\n{"cpuSeconds":${(c.user + c.system) / 1e6}}\\n`); });')}`;
const cpuOf = (stderr: string): number => (JSON.parse(stderr.trimEnd().split('\n').at(-1)!) as { cpuSeconds: number }).cpuSeconds;

export async function runQueueBench(flows: number, seeds: number): Promise<QueueBenchResult> {
  const runs = 2 * seeds;
  const result: QueueBenchResult = { bench: 'queue', runs, flows, seconds: {}, cpuSeconds: {}, overheadMs: {}, cpuOverheadMs: {}, speedup: NaN, errors: [] };
  if (!redisAvailable()) return { ...result, skipped: 'redis-server is not installed (apt-get install -y redis-server)' };
  const dir = mkdtempSync(join(tmpdir(), 'backlab-bench-queue-'));
  const file = join(dir, 'net.json');
  writeFileSync(file, sweepScenario(flows));
  const args = [file, '--set', 'topology.links.bb.bandwidth=[10 GB/s, 5 GB/s]', '--seeds', `1..${seeds}`];
  const csv: Record<string, string> = {};
  const sweep = (name: string, extra: string[]): void => {
    const out = join(dir, name.replace(' ', '-'));
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--import', CPU_AT_EXIT, bin, 'sweep', ...args, ...extra, '--out', out], { encoding: 'utf8' });
    if (r.status !== 0) { result.errors.push(`queue bench: ${name} exited ${r.status}: ${r.stderr.trim().split('\n').slice(-3).join(' / ')}`); return; }
    result.seconds[name] = (performance.now() - t0) / 1000;
    result.cpuSeconds[name] = cpuOf(r.stderr);
    csv[name] = readFileSync(join(out, 'sweep-net', 'runs.csv'), 'utf8');
  };
  try {
    for (const n of [1, 2]) sweep(`local ${n}`, ['--jobs', String(n)]);
    for (const n of [1, 2]) {
      const redis = await startRedis();
      const workers = await Promise.all(Array.from({ length: n }, () => startWorker(redis.url)));
      const redis0 = redisCpu(redis.port);
      try {
        sweep(`queue ${n}`, ['--queue', redis.url]);
      } finally {
        const others = (await Promise.all(workers.map(stop))).reduce((a, b) => a + b, 0) + redisCpu(redis.port) - redis0;
        if (result.cpuSeconds[`queue ${n}`] !== undefined) result.cpuSeconds[`queue ${n}`] += others;
        await redis.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const names = Object.keys(csv);
  for (const name of names) if (csv[name] !== csv[names[0]]) result.errors.push(`queue bench: runs.csv of ${name} differs from ${names[0]}'s`);
  for (const n of ['1', '2']) {
    result.overheadMs[n] = ((result.seconds[`queue ${n}`] - result.seconds[`local ${n}`]) / runs) * 1000;
    result.cpuOverheadMs[n] = ((result.cpuSeconds[`queue ${n}`] - result.cpuSeconds[`local ${n}`]) / runs) * 1000;
  }
  result.speedup = result.seconds['queue 1'] / result.seconds['queue 2'];
  return result;
}

/** Redis's CPU seconds so far (INFO cpu). */
function redisCpu(port: number): number {
  const info = spawnSync('redis-cli', ['-p', String(port), 'INFO', 'cpu'], { encoding: 'utf8' }).stdout;
  const field = (k: string) => Number(new RegExp(`^${k}:([\\d.]+)`, 'm').exec(info)?.[1] ?? NaN);
  return field('used_cpu_user') + field('used_cpu_sys');
}

/** A worker process with one thread, once it says it is taking runs. */
function startWorker(url: string): Promise<ChildProcess> {
  const w = spawn(process.execPath, ['--import', CPU_AT_EXIT, bin, 'worker', '--queue', url, '--jobs', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  w.stderr!.on('data', (d) => { err += d; });
  cpuOfChild.set(w, () => cpuOf(err));
  return new Promise((resolve, reject) => {
    let said = '';
    w.stdout!.on('data', (d) => { said += d; if (said.includes('taking runs')) resolve(w); });
    w.once('exit', (code) => reject(new Error(`backlab worker exited ${code} before taking runs`)));
  });
}

const cpuOfChild = new Map<ChildProcess, () => number>();

/** Stops a worker (SIGTERM) and gives its CPU seconds. */
function stop(w: ChildProcess): Promise<number> {
  return new Promise((resolve) => { w.once('close', () => resolve(cpuOfChild.get(w)!())); w.kill('SIGTERM'); });
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const r = await runQueueBench(Number(process.argv[2] ?? 100), Number(process.argv[3] ?? 100));
  console.log(JSON.stringify(r, null, 1));
}
