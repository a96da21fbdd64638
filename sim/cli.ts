/**
 * The `backlab` command. Exit codes: 0 ok, 1 a run failed, 2 bad input.
 * Every run prints its seed and trace hash.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { formatTime, toSeconds } from './engine/time.ts';
import { ScenarioError } from './scenario/errors.ts';
import { parseNetworkScenario, runNetworkScenario, type NetworkRun } from './scenario/network.ts';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

const HELP = `backlab ${pkg.version}: deterministic simulator for backup, replication and DR infrastructure

usage:
  backlab run FILE [--seed N] [--out DIR]   run a scenario headless; print a table, write a report
  backlab --help | --version

run writes DIR/<scenario>/summary.json and flows.csv (DIR defaults to out/).
exit codes: 0 ok, 1 a run failed, 2 bad input.`;

class UsageError extends Error {}

function main(argv: string[]): number {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) { console.log(HELP); return 0; }
  if (argv.includes('--version')) { console.log(pkg.version); return 0; }
  const [cmd, ...rest] = argv;
  if (cmd !== 'run') throw new UsageError(`unknown command '${cmd}'. Try 'backlab --help'.`);
  let file: string | undefined, seed: number | undefined, out = 'out';
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--seed') {
      const v = Number(rest[++i]);
      if (!Number.isSafeInteger(v)) throw new UsageError(`--seed needs an integer, got ${JSON.stringify(rest[i])}`);
      seed = v;
    } else if (a === '--out') {
      out = rest[++i] ?? '';
      if (!out) throw new UsageError('--out needs a folder');
    } else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else if (file === undefined) file = a;
    else throw new UsageError(`one scenario file at a time (got ${file} and ${a})`);
  }
  if (file === undefined) throw new UsageError('run needs a scenario FILE');
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ScenarioError(file, '', `cannot read it as JSON: ${(e as Error).message}`);
  }
  const scenario = parseNetworkScenario(file, doc);
  const run = runNetworkScenario(scenario, { seed });
  printTable(run);
  const dir = writeReport(run, join(out, basename(file).replace(/\.[^.]+$/, '')));
  console.log(`\nseed ${run.seed}  trace ${run.trace.hash}  (${run.events} events)`);
  console.log(`report: ${dir}/summary.json, ${dir}/flows.csv`);
  return run.flows.some((f) => f.status !== 'done') ? 1 : 0;
}

function printTable(run: NetworkRun): void {
  console.log(`${run.scenario.name}${run.scenario.description ? `: ${run.scenario.description}` : ''}\n`);
  const rows = run.flows.map((f) => [
    f.name, f.route.join('>'), (f.bytes / 1e6).toFixed(1), toSeconds(f.start).toFixed(3), f.end < 0 ? '-' : toSeconds(f.end).toFixed(3),
    f.end > f.start ? ((f.delivered / toSeconds(f.end - f.start)) / 1e6).toFixed(2) : '-', f.status,
  ]);
  const head = ['flow', 'route', 'MB', 'start s', 'end s', 'MB/s', 'status'];
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i < 2 ? c.padEnd(width[i]) : c.padStart(width[i]))).join('  ');
  console.log(line(head));
  console.log(width.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  console.log(`\nmakespan ${formatTime(run.makespan)} (${toSeconds(run.makespan)} s)`);
}

/** Writes the report into a temporary folder and renames it into place, so no half report is ever left. */
function writeReport(run: NetworkRun, dir: string): string {
  const tmp = `${dir}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const summary = {
    scenario: run.scenario.name, seed: run.seed, backlab: pkg.version, traceHash: run.trace.hash, events: run.events,
    makespanSeconds: toSeconds(run.makespan),
    flows: run.flows.map((f) => ({ ...f, start: toSeconds(f.start), end: f.end < 0 ? null : toSeconds(f.end) })),
  };
  writeFileSync(join(tmp, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  writeFileSync(join(tmp, 'flows.csv'), stringify(
    run.flows.map((f) => ({
      flow: f.name, route: f.route.join('>'), bytes: f.bytes, delivered: f.delivered, status: f.status,
      start_s: toSeconds(f.start), end_s: f.end < 0 ? '' : toSeconds(f.end),
    })),
    { header: true },
  ));
  mkdirSync(dirname(dir), { recursive: true });
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return dir;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof ScenarioError || e instanceof UsageError) {
    console.error(`backlab: ${e.message}`);
    process.exitCode = 2;
  } else {
    throw e;
  }
}
