/**
 * The `backlab` command. Exit codes: 0 ok, 1 a check failed, 2 bad input
 * (a one-paragraph message naming the file, the field path and what was
 * expected; no stack trace; nothing written).
 */
import { readFileSync } from 'node:fs';
import { ActorCrash, TimeRangeError } from './engine/errors.ts';
import { ScenarioError } from './foundation/errors.ts';
import { UsageError } from './cli/args.ts';
import { compareCommand } from './cli/compare.ts';
import { explainCommand } from './cli/explain.ts';
import { listCommand, validateCommand } from './cli/list.ts';
import { runCommand } from './cli/run.ts';
import { sweepCommand } from './cli/sweep.ts';
import { sensitivityCommand } from './cli/sensitivity.ts';
import { fuzzCommand } from './cli/fuzz.ts';

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const HELP = `backlab ${version}: a deterministic simulator for backup, replication and disaster-recovery infrastructure

usage: backlab COMMAND [options]      (backlab COMMAND --help for each)

  run FILE          run one scenario: a table on screen, a report in out/
  validate FILE...  check scenario files
  sweep FILE        run over --set value lists and --seeds in parallel; one CSV row per run
  compare FILE...   run a scenario's variants (or several files) side by side
  sensitivity FILE  vary each assumption (and all together, Latin hypercube): a tornado per design, does the ranking hold
  explain FILE      what limited the run's flows, when: its bottleneck story, or one --flow/--job/--actor
  list              the bundled scenarios
  fuzz              random scenarios from seeds, every invariant checked; failures written out to replay

  --help, --version

Every run prints its seed and trace hash; the same inputs give the same hash.
exit codes: 0 ok, 1 a check failed, 2 bad input`;

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') { console.log(HELP); return 0; }
  if (cmd === '--version' || cmd === '-v') { console.log(version); return 0; }
  switch (cmd) {
    case 'run': return runCommand(rest, version);
    case 'validate': return validateCommand(rest);
    case 'list': return listCommand(rest);
    case 'compare': return compareCommand(rest, version);
    case 'sweep': return sweepCommand(rest, version);
    case 'sensitivity': return sensitivityCommand(rest, version);
    case 'fuzz': return fuzzCommand(rest);
    case 'explain': return explainCommand(rest);
    default: throw new UsageError(`unknown command '${cmd}'. Try 'backlab --help'.`);
  }
}


// `backlab ... | head` closes stdout early; that is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    if (e instanceof ScenarioError || e instanceof UsageError || e instanceof TimeRangeError) {
      console.error(`backlab: ${e.message}`);
      process.exitCode = 2;
    } else if (e instanceof ActorCrash) {
      // A bug in an actor's code: where it threw is the actor's own stack, wherever the actor ran.
      console.error(`backlab: ${e.message}\n${e.error instanceof Error && e.error.stack ? e.error.stack.split('\n').slice(1).join('\n') : ''}`);
      process.exitCode = 1;
    } else {
      console.error(e);
      process.exitCode = 1;
    }
  },
);
