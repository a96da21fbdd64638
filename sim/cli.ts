/**
 * The `backlab` command. Exit codes: 0 ok, 1 a check failed, 2 bad input
 * (a one-paragraph message naming the file, the field path and what was
 * expected; no stack trace; nothing written).
 */
import { readFileSync } from 'node:fs';
import { ActorCrash, TimeRangeError } from './engine/errors.ts';
import { ScenarioError } from './foundation/errors.ts';
import { UsageError } from './cli/args.ts';
import { OutputError } from '../reports/target.ts';
import { EventCeilingError } from './scenario/event-ceiling.ts';
import { WorkerJobError } from './workers/pool.ts';
import { fromRoot } from './foundation/root.ts';
import { QUEUE_UNAVAILABLE_EXIT, QueueUnavailable } from './cli/queue-error.ts';

const version = (JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version: string }).version;

const HELP = `backlab ${version}: a deterministic simulator for backup, replication and disaster-recovery infrastructure

usage: backlab COMMAND [options]      (backlab COMMAND --help for each)

  run FILE          run one scenario: a table on screen, a report in out/
  validate FILE...  check scenario files
  sweep FILE        run over --set value lists and --seeds in parallel; one CSV row per run
  compare FILE...   run a scenario's variants (or several files) side by side
  size FILE         the least configuration over --vary axes that meets every --goal, found with few runs
  sensitivity FILE  vary each assumption (and all together, Latin hypercube): a tornado per design, does the ranking hold
  explain FILE      what limited the run's flows, when: its bottleneck story, or one --flow/--job/--actor
  list              the bundled scenarios
  fuzz              random scenarios from seeds, every invariant checked; failures written out to replay
  worker            take the runs of 'sweep --queue' and 'fuzz --queue' from Redis, on any machine

  --help, --version

Every run prints its seed and trace hash; the same inputs give the same hash.
exit codes: 0 ok, 1 a check failed, 2 bad input, 70 a bug (an internal error), 75 no queue (--queue)`;

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') { console.log(HELP); return 0; }
  if (cmd === '--version' || cmd === '-v') { console.log(version); return 0; }
  // Each command's modules load when it runs: `--version` and `validate` need none of the run's or the reports'.
  switch (cmd) {
    case 'run': return (await import('./cli/run.ts')).runCommand(rest, version);
    case 'validate': return (await import('./cli/list.ts')).validateCommand(rest);
    case 'list': return (await import('./cli/list.ts')).listCommand(rest);
    case 'compare': return (await import('./cli/compare.ts')).compareCommand(rest, version);
    case 'sweep': return (await import('./cli/sweep.ts')).sweepCommand(rest, version);
    case 'size': return (await import('./cli/size.ts')).sizeCommand(rest, version);
    case 'sensitivity': return (await import('./cli/sensitivity.ts')).sensitivityCommand(rest, version);
    case 'fuzz': return (await import('./cli/fuzz.ts')).fuzzCommand(rest, version);
    case 'worker': return (await import('./cli/worker.ts')).workerCommand(rest, version);
    case 'explain': return (await import('./cli/explain.ts')).explainCommand(rest);
    default: throw new UsageError(`unknown command '${cmd}'. Try 'backlab --help'.`);
  }
}


// `backlab ... | head` closes stdout early; that is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

/** EX_SOFTWARE (sysexits.h): an internal error. */
const INTERNAL_ERROR = 70;

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    if (e instanceof ScenarioError || e instanceof UsageError || e instanceof TimeRangeError || e instanceof OutputError) {
      console.error(`backlab: ${e.message}`);
      process.exitCode = 2;
    } else if (e instanceof QueueUnavailable || (e instanceof WorkerJobError && (e.cause as Error | undefined)?.name === 'JobRefused')) {
      // Redis or the workers are not there (or run another backlab): the same command later resumes.
      console.error(`backlab: ${e.message}`);
      // A Redis client still retrying a connection that never came up would keep the process alive: nothing is left to do.
      process.exit(QUEUE_UNAVAILABLE_EXIT);
    } else if (e instanceof EventCeilingError || (e instanceof WorkerJobError && (e.cause as Error | undefined)?.name === 'EventCeilingError')) {
      // A run this long is most often a mistake in the scenario; when it is not, the user says so.
      console.error(`backlab: ${e.message}; --max-events N raises the ceiling. Nothing written.`);
      process.exitCode = 2;
    } else if (e instanceof ActorCrash) {
      // A bug in an actor's code: where it threw is the actor's own stack, wherever the actor ran.
      console.error(`backlab: ${e.message}\n${e.error instanceof Error && e.error.stack ? e.error.stack.split('\n').slice(1).join('\n') : ''}`);
      process.exitCode = INTERNAL_ERROR;
    } else {
      // Not the user's mistake and not a failed check: a bug. Its own code, so scripts never read it as either.
      console.error(e);
      console.error('backlab: this is a bug in backlab, not in your scenario; the stack above says where.');
      process.exitCode = INTERNAL_ERROR;
    }
  },
);
