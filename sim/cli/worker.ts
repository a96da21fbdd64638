/**
 * `backlab worker --queue URL`: a long-running process that takes runs from
 * the queue (BullMQ on Redis) that `backlab sweep --queue` and `backlab fuzz
 * --queue` fill, and runs each in one of its worker threads, as the local
 * pool does. Start as many as you like, on as many machines.
 *
 * Faults: a worker renews the lock on each run it holds every lock/2
 * seconds; a worker that dies (SIGKILL, power) stops renewing, and after
 * --lock seconds another worker's stalled-job check hands the run to the
 * next free worker (BullMQ's stalled jobs). A run that throws is failed at
 * once and never retried: the simulation is deterministic, so it would throw
 * again; the command that enqueued it reports it once, with its seed.
 */
import { availableParallelism, hostname } from 'node:os';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { intFlag, parseArgs, UsageError } from './args.ts';
import { checkJob, JobRefused, QUEUE_NAME, QUEUE_PREFIX, type RunJob } from './queue-job.ts';
import { QueueDocs } from './queue-docs.ts';
import { parseQueueUrl } from './queue-url.ts';
import { WorkerLanes } from './worker-lanes.ts';

export const WORKER_HELP = `usage: backlab worker --queue redis://HOST:PORT[/DB] [--jobs N] [--lock S]

Takes runs from the queue that 'backlab sweep --queue URL' and 'backlab fuzz
--queue URL' fill, and runs each in one of N worker threads, as the local
commands do; the results go back through the queue. Runs until SIGTERM or
Ctrl-C: the first finishes the runs in progress and stops, a second stops
at once and hands them back (another worker reruns them after --lock).

  --queue URL          redis://[USER:PASSWORD@]HOST[:PORT][/DB], or rediss://
                       for TLS (with a password: redis://:PASSWORD@HOST)
  --jobs N             worker threads, runs at a time (default: this machine's
                       ${availableParallelism()} CPUs); --concurrency N says the same
  --lock S             seconds a run stays this worker's without a sign of life
                       before another worker takes it over (default 30)

Every job is checked before it runs: only a scenario document with its
settings and seed, or a fuzz case, from the same backlab version; the
scenario is validated against the schema as 'backlab run' would. Anything
else is refused and reported to the command that enqueued it.

exit codes: 0 stopped when asked, 2 bad input`;

const DEFAULT_LOCK_SECONDS = 30;

export async function workerCommand(argv: string[], version: string): Promise<number> {
  const p = parseArgs(argv, { queue: { value: true }, jobs: { value: true }, concurrency: { value: true }, lock: { value: true }, help: { value: false } }, 'worker');
  if (p.flags.has('help')) { console.log(WORKER_HELP); return 0; }
  if (p.positional.length > 0) throw new UsageError(`worker: takes no FILE (got ${p.positional.join(', ')}); runs come from the queue. Try 'backlab worker --help'.`);
  const url = p.flags.get('queue')?.[0];
  if (url === undefined) throw new UsageError(`worker: needs --queue redis://HOST:PORT, the queue to take runs from. Try 'backlab worker --help'.`);
  const conn = parseQueueUrl(url, 'worker');
  const jobs = intFlag(p, 'jobs', 'worker', 1) ?? intFlag(p, 'concurrency', 'worker', 1) ?? availableParallelism();
  const lockMs = (intFlag(p, 'lock', 'worker', 1) ?? DEFAULT_LOCK_SECONDS) * 1000;

  const lanes = new WorkerLanes(jobs);
  const docs = new QueueDocs(conn);
  const who = `${hostname()}:${process.pid}`;
  const worker = new Worker(QUEUE_NAME, async (job: Job) => {
    let checked: RunJob;
    try {
      const j = checkJob(job.data, version);
      if (j.kind === 'fuzz') checked = j;
      else { const { docHash, ...rest } = j; checked = { ...rest, doc: await docs.get(docHash) }; }
    } catch (e) {
      if (!(e instanceof JobRefused)) throw e;
      console.error(`backlab worker: refused job ${job.id}: ${e.message}`);
      throw new UnrecoverableError(`JobRefused: ${e.message}`);
    }
    try {
      return await lanes.run(checked);
    } catch (e) {
      // Deterministic: the same job would fail the same way on any worker, so it is not retried.
      const err = e instanceof Error ? e : new Error(String(e));
      throw new UnrecoverableError(`${err.name}: ${err.message}`);
    }
  }, {
    connection: conn.options, prefix: QUEUE_PREFIX, concurrency: jobs, name: who,
    lockDuration: lockMs, stalledInterval: Math.max(500, lockMs / 2),
    // A run whose worker died twice is suspect (it may be what kills them): failed, not retried forever.
    maxStalledCount: 2,
  });
  worker.on('error', (e) => console.error(`backlab worker: ${e.message} (retrying)`));
  worker.on('ready', () => console.log(`backlab worker ${who}: ${jobs} thread${jobs === 1 ? '' : 's'} taking runs from ${conn.shown}`));

  await new Promise<void>((resolve) => {
    let asked = 0;
    const stop = (signal: string) => {
      asked++;
      if (asked === 1) {
        console.log(`backlab worker: ${signal}: finishing the runs in progress (${signal} again hands them back)`);
        void worker.close().then(resolve);
      } else {
        console.log(`backlab worker: ${signal}: stopping now; the runs in progress go to another worker after --lock`);
        void worker.close(true).then(resolve);
      }
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });
  await Promise.all([lanes.close(), docs.close()]);
  return 0;
}
