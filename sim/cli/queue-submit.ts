/**
 * The submitting side of `--queue`: enqueue a batch of runs, wait for the
 * workers, collect each result at its run's index, as runPool does
 * locally, so what the command writes is byte-identical to a local run.
 *
 * A batch's id is a hash of its jobs (queue-job.ts), and each run's job id
 * is the batch id and the run's index: the same command run again finds the
 * runs it enqueued before and runs none of them twice (BullMQ adds no job
 * whose id it already holds). Results stay in Redis for RESULT_DAYS days.
 *
 * Guarantees: each run's result is taken once, from the job that finished
 * (a job retried after its worker died finishes once). Events are only a
 * hint: every RECHECK_MS the command reads the state of the runs it still
 * waits for, and enqueues again any Redis has lost (a restart without
 * persistence), so a Redis restart mid-sweep costs the runs in flight and
 * nothing else. A run that fails is reported once, with its error, and
 * stops the command, as a failed run stops the local pool: the batch's runs
 * still waiting are taken off the queue.
 */
import { Queue, QueueEvents, type Job } from 'bullmq';
import { giveUpAfter, pause, stopwatch } from '../../reports/progress.ts';
import { WorkerJobError } from '../workers/pool.ts';
import { QueueUnavailable } from './queue-error.ts';
import { batchId, decodeResult, jobIdOf, QUEUE_NAME, QUEUE_PREFIX, type QueueJob } from './queue-job.ts';
import type { QueueConnection } from './queue-url.ts';

const RESULT_DAYS = 7;
const RECHECK_MS = 2000;
const CHUNK = 500;
const CLOSE_MS = 2000;

export interface QueueRunOptions<J> {
  connection: QueueConnection;
  /** seconds without Redis or without a worker before giving up; undefined waits for ever */
  timeout?: number;
  /** what the command calls a batch in its messages: 'sweep', 'fuzz campaign' */
  label: string;
  /** the local jobs, for describe and hint, one per queue job */
  jobs: readonly J[];
  payloads: readonly QueueJob[];
  describe: (job: J, index: number) => string;
  hint?: (job: J, index: number) => string;
  onDone?: (finished: number) => void;
  /** where the command says what it is doing (stderr) */
  say?: (line: string) => void;
  /** called before jobs are enqueued (again), e.g. to store what they name */
  beforeAdd?: () => Promise<void>;
}

export async function runOnQueue<J, R>(opts: QueueRunOptions<J>): Promise<R[]> {
  const { payloads, connection } = opts;
  const say = opts.say ?? ((line: string) => console.error(line));
  const batch = batchId(payloads);
  const ids = payloads.map((_, i) => jobIdOf(batch, i));
  const index = new Map(ids.map((id, i) => [id, i]));
  const results = new Array<R>(payloads.length);
  const have = new Uint8Array(payloads.length);
  let finished = 0;
  let failure: { index: number; reason: string } | null = null;
  // The wait between rechecks ends early when the last result or a failure arrives.
  let wake = () => {};

  const queue = new Queue(QUEUE_NAME, { connection: connection.options, prefix: QUEUE_PREFIX });
  const events = new QueueEvents(QUEUE_NAME, { connection: connection.options, prefix: QUEUE_PREFIX });
  // ioredis reconnects by itself; the watchdog below says when it has taken too long, and why the last try failed.
  let lastError = '';
  const quiet = (e: Error) => { lastError = e.message; };
  queue.on('error', quiet);
  events.on('error', quiet);
  const take = (i: number, value: string) => {
    if (have[i]) return;
    have[i] = 1;
    results[i] = decodeResult<R>(value);
    opts.onDone?.(++finished);
    if (finished === payloads.length) wake();
  };
  const fail = (i: number, reason: string) => {
    if (failure === null || i < failure.index) failure = { index: i, reason };
    wake();
  };
  events.on('completed', ({ jobId, returnvalue }) => {
    const i = index.get(jobId);
    if (i !== undefined && typeof returnvalue === 'string') take(i, returnvalue);
  });
  events.on('failed', ({ jobId, failedReason }) => {
    const i = index.get(jobId);
    if (i !== undefined) fail(i, failedReason);
  });

  // Reads the state of every run not yet collected; enqueues those the queue does not hold.
  const recheck = async (): Promise<void> => {
    const missing: number[] = [];
    for (let from = 0; from < ids.length; from += CHUNK) {
      const chunk = ids.slice(from, from + CHUNK).map((id, k) => from + k).filter((i) => !have[i]);
      const found = await Promise.all(chunk.map((i) => queue.getJob(ids[i]) as Promise<Job | undefined>));
      found.forEach((job, k) => {
        const i = chunk[k];
        if (job === undefined || job === null) missing.push(i);
        else if (job.finishedOn && typeof job.returnvalue === 'string') take(i, job.returnvalue);
        else if (job.finishedOn && job.failedReason) fail(i, job.failedReason);
      });
    }
    if (missing.length > 0) await opts.beforeAdd?.();
    for (let from = 0; from < missing.length; from += CHUNK) {
      await queue.addBulk(missing.slice(from, from + CHUNK).map((i) => ({
        name: opts.label, data: payloads[i],
        opts: { jobId: ids[i], attempts: 1, removeOnComplete: { age: RESULT_DAYS * 86400 }, removeOnFail: { age: RESULT_DAYS * 86400 } },
      })));
    }
  };

  const clock = stopwatch();
  const elapsedMs = () => clock() * 1000;
  let lastContact = elapsedMs();
  let lastWorker = lastContact;
  let toldNoWorker = false;
  const timeoutMs = opts.timeout === undefined ? Infinity : opts.timeout * 1000;
  try {
    await giveUpAfter(Promise.all([queue.waitUntilReady(), events.waitUntilReady()]), timeoutMs,
      () => new QueueUnavailable(`no Redis answers at ${connection.shown} after ${opts.timeout} s (--queue-timeout${lastError === '' ? '' : `; the last try: ${lastError}`}); nothing was run or written`));
    await recheck();
    const before = finished;
    let seen = finished;
    say(`${opts.label} ${batch}: ${payloads.length} runs on ${connection.shown}${before > 0 ? `, ${before} finished before (not run again)` : ''}`);
    while (finished < payloads.length && failure === null) {
      const wait = pause(RECHECK_MS);
      wake = wait.wake;
      await wait.done;
      if (finished === payloads.length || failure !== null) break;
      const now = elapsedMs();
      try {
        await giveUpAfter(recheck(), RECHECK_MS * 5, () => new Error('Redis is slow to answer'));
        lastContact = now;
        // A Redis that forbids CLIENT LIST cannot count workers: then only runs finishing show one is there.
        const workers = await queue.getWorkersCount().catch(() => 0);
        const progressed = finished > seen;
        seen = finished;
        if (workers > 0 || progressed) { lastWorker = now; toldNoWorker = false; } else if (!toldNoWorker) {
          toldNoWorker = true;
          say(`no worker is taking runs from ${connection.shown}: start one with 'backlab worker --queue URL'; waiting${opts.timeout === undefined ? '' : ` up to ${opts.timeout} s (--queue-timeout)`}`);
        }
      } catch {
        if (now - lastContact >= RECHECK_MS * 2) say(`Redis at ${connection.shown} does not answer; waiting for it to come back`);
      }
      if (now - lastContact > timeoutMs) throw new QueueUnavailable(`Redis at ${connection.shown} has not answered for ${opts.timeout} s (--queue-timeout); rerun the same command to resume ${opts.label} ${batch}`);
      if (now - lastWorker > timeoutMs) throw new QueueUnavailable(`no worker took a run from ${connection.shown} in ${opts.timeout} s (--queue-timeout); start one with 'backlab worker --queue URL' and rerun the same command to resume ${opts.label} ${batch}`);
    }
    // As a failed run stops the local pool: the runs not started are taken back (those finished, and the failure, stay for a rerun).
    const failed = failure as { index: number } | null;
    if (failed !== null) await withdraw(queue, ids.filter((_, i) => !have[i] && i !== failed.index));
  } finally {
    // A connection that never came up (no Redis, a certificate refused) holds close() while ioredis retries: drop it after a moment.
    // (disconnect() too waits for a connection first, so it is not awaited; the command exits without it: sim/cli.ts.)
    await giveUpAfter(Promise.allSettled([events.close(), queue.close()]), CLOSE_MS, () => new Error('close'))
      .catch(() => { void events.disconnect().catch(() => {}); void queue.disconnect().catch(() => {}); });
  }
  if (failure !== null) {
    const { index: i, reason } = failure;
    throw new WorkerJobError(i, opts.describe(opts.jobs[i], i), causeOf(reason), opts.hint?.(opts.jobs[i], i));
  }
  return results;
}

/** Removes the jobs still waiting; one a worker holds cannot be removed, and finishes. */
async function withdraw(queue: Queue, ids: string[]): Promise<void> {
  for (let from = 0; from < ids.length; from += CHUNK) {
    await Promise.allSettled(ids.slice(from, from + CHUNK).map((id) => queue.remove(id)));
  }
}

/** The error a worker reported, as `Name: message`, with its name back for the CLI's exit codes. */
function causeOf(reason: string): Error {
  const m = /^(\w+): ([\s\S]*)$/.exec(reason);
  const e = new Error(m ? m[2] : reason);
  if (m) e.name = m[1];
  return e;
}
