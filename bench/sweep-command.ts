/**
 * `backlab sweep ARGS` in a fresh process, as the CLI runs it, printing on
 * stderr as its last line how long the command itself took. That leaves out
 * starting Node, registering tsx and loading the CLI's modules: about a
 * second, the same for every --jobs, which would dilute the speedup being
 * measured. Everything the command does is inside: checking every
 * combination, starting the workers, the runs, writing the report. Also
 * printed: the CPU seconds of the whole process, worker threads included,
 * so that the bench can tell how much of the machine other processes took.
 */
import { stopwatch } from '../reports/progress.ts';
import { sweepCommand } from '../sim/cli/sweep.ts';

const elapsed = stopwatch();
const code = await sweepCommand(process.argv.slice(2), 'bench');
const cpu = process.cpuUsage();
process.stderr.write(`${JSON.stringify({ seconds: elapsed(), cpuSeconds: (cpu.user + cpu.system) / 1e6 })}\n`);
process.exitCode = code;
