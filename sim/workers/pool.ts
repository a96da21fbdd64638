/**
 * A fixed pool of Node worker threads, reused across jobs, talking comlink.
 *
 * Each worker runs a TypeScript module (its bundle from build/cli/, or the
 * source through ts-worker.mjs, since tsx does not reach worker threads on
 * Node 20) that exposes `{ run(job) }` with comlink's node adapter. Jobs are handed out in index order to whichever
 * worker is free, and each result is stored at its job's index, so the
 * results are the same whatever the pool size and whichever worker answers
 * first. The first job that throws (or a worker that dies) stops the pool:
 * no new job starts, the error names the job, and every worker is
 * terminated before runPool settles, on success and on failure alike.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { fromRoot, ROOT } from '../foundation/root.ts';
import { builtWorker } from '../../bin/entry.mjs';

/**
 * A worker thread running the TypeScript module `entry` (a file: URL): its
 * bundle from build/cli/ while that is fresh (scripts/build-cli.mjs builds
 * the workers it lists), else the source through tsx, as bin/backlab.mjs
 * chooses for the command. Registering tsx and loading some 250 modules
 * through its loader thread cost each worker about half a second of CPU
 * before its first run, which two workers starting together paid on the
 * same two cores: the part of a sweep that did not shrink with --jobs.
 */
export function spawnTsWorker(entry: URL, opts: WorkerOptions = {}): Worker {
  const data = (opts.workerData ?? {}) as Record<string, unknown>;
  return new Worker(workerFile(entry), { execArgv: withoutTsx(process.execArgv), ...opts, workerData: { ...data, tsEntry: entry.href } });
}

/** What a worker for `entry` starts: the entry's bundle, or the bootstrap that loads it through tsx. */
export function workerFile(entry: URL): URL {
  return builtOf(entry) ?? fromRoot('sim/workers/ts-worker.mjs');
}

/**
 * Node's options for a worker thread, without the ones that load tsx. A
 * worker inherits its process's options, so a command started with
 * `node --import tsx` (the bench, the tests) ran tsx's loader in every
 * worker: half a second of start-up for a built worker that needs no loader,
 * and a second registration in a source one, which registers tsx itself.
 */
export function withoutTsx(execArgv: readonly string[]): string[] {
  const loads = new Set(['--import', '--loader', '--experimental-loader', '--require', '-r']);
  const isTsx = (spec: string): boolean => spec === 'tsx' || spec.startsWith('tsx/');
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const a = execArgv[i];
    const eq = a.indexOf('=');
    if (eq > 0 && loads.has(a.slice(0, eq)) && isTsx(a.slice(eq + 1))) continue;
    if (loads.has(a) && i + 1 < execArgv.length && isTsx(execArgv[i + 1])) { i++; continue; }
    out.push(a);
  }
  return out;
}

/** Looked up once per entry and process: the check stats every source, and a sweep's sources do not change under it. */
const builds = new Map<string, URL | null>();

function builtOf(entry: URL): URL | null {
  if (process.env.BACKLAB_FROM_SOURCE === '1') return null;
  const source = entry.href.startsWith(ROOT.href) ? entry.href.slice(ROOT.href.length) : null;
  if (source === null) return null;
  if (!builds.has(source)) builds.set(source, builtWorker(ROOT, source));
  return builds.get(source)!;
}

/**
 * Rejects when the worker thread dies or stops: comlink never settles a call
 * whose worker is gone, so race every call against this and nothing waits
 * forever.
 */
export function whenDead(worker: Worker): Promise<never> {
  const died = new Promise<never>((_, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the worker thread stopped (exit code ${code})`)));
  });
  died.catch(() => {}); // settles after terminate() too, when no one is listening
  return died;
}

/** A job that threw in its worker, or whose worker died under it. */
export class WorkerJobError extends Error {
  override name = 'WorkerJobError';
  constructor(
    readonly index: number,
    what: string,
    cause: unknown,
    hint?: string,
  ) {
    super(`${what} failed in a worker thread: ${cause instanceof Error ? cause.message : String(cause)}${hint ? `\n  ${hint}` : ''}`, { cause });
  }
}

export interface PoolOptions<J> {
  /** the module each worker runs; it must expose `{ run(job: J) }` over comlink's node endpoint on parentPort */
  entry: URL;
  /** given to every worker as workerData (next to tsEntry) */
  workerData?: Record<string, unknown>;
  /** how many workers; at most one per job */
  size: number;
  jobs: readonly J[];
  /** names a job in an error message */
  describe: (job: J, index: number) => string;
  /** a second line for that message, e.g. how to rerun the job alone */
  hint?: (job: J, index: number) => string;
  /** called after each finished job with the number finished so far */
  onDone?: (finished: number) => void;
  /**
   * What goes to the worker for `job`, given the job that worker ran before
   * (undefined for its first): the job itself by default. A sweep leaves out
   * a scenario the worker already holds.
   */
  message?: (job: J, previous: J | undefined) => unknown;
}

export async function runPool<J, R>(opts: PoolOptions<J>): Promise<R[]> {
  const { jobs } = opts;
  const results = new Array<R>(jobs.length);
  const size = Math.max(1, Math.min(opts.size, jobs.length));
  const workers: Worker[] = [];
  let next = 0;
  let finished = 0;
  let stopped = false;

  const lane = async (worker: Worker): Promise<void> => {
    // Jobs and results are plain data (structured clones), so comlink's proxy typing reduces to this.
    const remote = wrap(nodeEndpoint(worker)) as unknown as { run(message: unknown): Promise<R> };
    const died = whenDead(worker);
    let previous: J | undefined;
    while (!stopped && next < jobs.length) {
      const i = next++;
      try {
        const message = opts.message === undefined ? jobs[i] : opts.message(jobs[i], previous);
        previous = jobs[i];
        results[i] = await Promise.race([remote.run(message), died]);
      } catch (e) {
        if (stopped) return; // another job failed first; that error is the one reported
        stopped = true;
        throw new WorkerJobError(i, opts.describe(jobs[i], i), e, opts.hint?.(jobs[i], i));
      }
      opts.onDone?.(++finished);
    }
  };

  try {
    for (let w = 0; w < size; w++) workers.push(spawnTsWorker(opts.entry, { workerData: opts.workerData ?? {} }));
    await Promise.all(workers.map(lane));
  } finally {
    stopped = true;
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
