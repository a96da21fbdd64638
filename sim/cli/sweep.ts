/**
 * `backlab sweep FILE`: one scenario over lists of settings × seeds, run in a
 * pool of worker threads. Every combination is loaded and checked here, in
 * the main thread, before any run starts, so bad input exits 2 having run
 * and written nothing. Results are placed by run index, so the table and
 * runs.csv are byte-identical whatever --jobs is.
 */
import { type Scenario } from '../foundation/scenario.ts';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { createProgress } from '../../reports/progress.ts';
import { meanCI } from '../../reports/stats.ts';
import type { SweepRow } from '../../reports/sweep.ts';
import { modalBottleneck, phasesOf, reportedPhases } from '../../reports/sweep-bottleneck.ts';
import { bottleneckHeading } from '../../reports/said.ts';
import { writeSweepReport } from '../../reports/write.ts';
import type { Setting } from '../scenario/overrides.ts';
import { loadScenario } from '../scenario/scenario.ts';
import { intFlag, LIMIT_FLAGS, LIMIT_HELP, maxEventsFlag, parseArgs, UsageError } from './args.ts';
import { runPool } from '../workers/pool.ts';
import { maxFileBytes, readScenarioText, settingsOf } from './scenario-file.ts';
import type { SweepInit, SweepJob, SweepMessage } from './sweep-worker.ts';
import { metric, table } from './table.ts';
import { reportDir } from './out.ts';
import { fromRoot } from '../foundation/root.ts';
import { QUEUE_FLAGS, QUEUE_HELP, queueFlags } from './queue-flags.ts';

export const SWEEP_HELP = `usage: backlab sweep FILE --set 'path=[a, b, ...]' ... [--set path=value ...] [--seeds 1..30] [--jobs N] [--variant NAME] [--until T] [--out DIR]

Runs a scenario once per combination of the listed values × seed, in parallel
worker threads. Prints one line per combination: the number of runs, mean ±
95% confidence half-width (Student's t over the seeds) of the makespan and
of every metric the checks name, and the seeds whose checks failed. Writes
DIR/sweep-<FILE>/ with runs.csv (one row per run, with its seed and trace
hash) and report.html.

  --set 'path=[a, b]'  a swept dimension: one value per run; several multiply
                       (the first varies slowest). To set a field to a list in
                       every run, give a list of one list: 'path=[[l1, l2]]'
  --set path=value     a setting for every run
  --seeds S            1..30, a list 1,5,9 (or 1..3,10), or one number
                       (default: the scenario's seed)
  --jobs N             worker threads (default: this machine's ${availableParallelism()} CPUs)
  --variant NAME       run one of the scenario's variants
  --until T            stop every run at this virtual time, e.g. "8 h"
  --out DIR            where reports go (default out/)
${LIMIT_HELP}
${QUEUE_HELP}

Each run is what 'backlab run FILE --set ... --seed S' gives for the same
settings, with the same trace hash.

exit codes: 0 ok, 1 a check failed, 2 bad input, 70 a bug (an internal error), 75 no queue (--queue-timeout)`;

const MAX_RUNS = 1_000_000;

/** One --set with a list value: its path as typed and one setting per value. */
interface Dimension {
  /** index among the command's settings, where each value goes */
  at: number;
  path: string;
  values: Setting[];
  labels: string[];
}

interface Combination {
  sets: Setting[];
  /** every setting applied, path -> value as typed (variant first) */
  settings: Record<string, string>;
  /** the swept values only, in dimension order */
  swept: string[];
  scenario: Scenario;
}

export async function sweepCommand(argv: string[], version: string): Promise<number> {
  const p = parseArgs(argv, {
    set: { value: true, many: true }, seeds: { value: true }, jobs: { value: true }, variant: { value: true },
    until: { value: true }, out: { value: true }, help: { value: false }, ...LIMIT_FLAGS, ...QUEUE_FLAGS,
  }, 'sweep');
  if (p.flags.has('help')) { console.log(SWEEP_HELP); return 0; }
  if (p.positional.length !== 1) throw new UsageError(`sweep: needs exactly one scenario FILE${p.positional.length > 1 ? ` (got ${p.positional.join(', ')})` : ''}. Try 'backlab sweep --help'.`);
  const file = p.positional[0];
  const variant = p.flags.get('variant')?.[0];
  const sets = settingsOf(p, 'sweep');
  const seedsArg = p.flags.get('seeds')?.[0];
  const seeds: (number | null)[] = seedsArg === undefined ? [null] : parseSeeds(seedsArg);
  const jobs = intFlag(p, 'jobs', 'sweep', 1) ?? availableParallelism();
  const maxEvents = maxEventsFlag(p, 'sweep');
  const queue = queueFlags(p, 'sweep');

  // Every combination is loaded and checked before anything runs or is written.
  const text = readScenarioText(file, maxFileBytes(p, 'sweep'));
  const dims = dimensionsOf(sets);
  const total = dims.reduce((n, d) => n * d.values.length, seeds.length);
  if (total > MAX_RUNS) {
    const settings = dims.length === 0 ? '1 setting' : `${dims.map((d) => d.values.length).join(' × ')} settings`;
    throw new UsageError(`sweep: ${settings} × ${seeds.length} seeds is ${total} runs; at most ${MAX_RUNS} in one sweep`);
  }
  const combinations = cartesian(dims.map((d) => d.values.length)).map((pick): Combination => {
    const chosen = sets.map((s, i) => {
      const d = dims.findIndex((x) => x.at === i);
      return d < 0 ? s : dims[d].values[pick[d]];
    });
    const scenario = loadScenario(file, text, { variant, sets: chosen });
    const settings: Record<string, string> = variant !== undefined ? { variant } : {};
    for (const s of chosen) { const [k, v] = splitSetting(s); settings[k] = v; }
    return { sets: chosen, settings, swept: dims.map((d, i) => d.labels[pick[i]]), scenario };
  });

  const runs: SweepJob[] = [];
  combinations.forEach((c, combination) => {
    for (const seed of seeds) runs.push({ run: runs.length, combination, scenario: c.scenario, settings: c.settings, seed });
  });
  const seedOf = (job: SweepJob): number => job.seed ?? combinations[job.combination].scenario.seed;
  const describe = (job: SweepJob): string => {
    const c = combinations[job.combination];
    return `run ${job.run} (${[...dims.map((d, i) => `${d.path}=${c.swept[i]}`), `seed ${seedOf(job)}`].join(', ')})`;
  };
  // The same run in the main thread, where a debugger reaches it (--until is among the sets).
  const hint = (job: SweepJob): string => `to run it alone: ${[
    'backlab run', shellQuote(file), ...(variant !== undefined ? ['--variant', shellQuote(variant)] : []),
    ...combinations[job.combination].sets.map((s) => `--set ${shellQuote(s.text)}`), `--seed ${seedOf(job)}`,
  ].join(' ')}`;

  const base = combinations[0].scenario;
  const dir = reportDir(p, 'sweep', file, { prefix: 'sweep-', variant });
  const init: SweepInit = { version, maxEvents };
  const progress = createProgress(base.name);
  let rows: SweepRow[];
  try {
    const onDone = (n: number) => progress.update(n / runs.length, `${n}/${runs.length} runs`);
    rows = queue !== undefined
      ? await (await import('./queue-sweep.ts')).sweepOnQueue(queue, { version, maxEvents, file, text, variant, runs, setsOf: (j) => combinations[j.combination].sets, describe, hint, onDone })
      : await runPool<SweepJob, SweepRow>({
      entry: fromRoot('sim/cli/sweep-worker.ts'),
      workerData: { sweep: init },
      size: jobs,
      jobs: runs,
      describe,
      hint,
      onDone,
      message: sweepMessage,
    });
  } finally {
    progress.done();
  }

  printSweep(rows, runs, combinations, dims, seeds.length);
  // The assumptions as the scenario states them, its fixed settings applied and not the swept ones.
  const fixed = loadScenario(file, text, { variant, sets: sets.filter((_, i) => !dims.some((d) => d.at === i)) });
  writeSweepReport(rows, { scenario: base.name, description: base.description, file, backlab: version, assumptions: fixed.assumptions, report: fixed.report, checked: fixed.checks.map((c) => c.metric) }, dir);
  console.log(`report: ${join(dir, 'report.html')}  (every run's seed and trace hash: ${join(dir, 'runs.csv')})`);
  return rows.some((r) => r.checksFailed.length > 0) ? 1 : 0;
}

/**
 * A job without its scenario when the worker ran the same combination last.
 * A sweep's jobs go combination by combination, so a worker is sent each
 * scenario about once instead of once per seed: the clone of a 2,000-flow
 * scenario costs the main thread about a millisecond and the worker two to
 * four, every run, and its copy was garbage for the worker to collect.
 */
export function sweepMessage(job: SweepJob, previous: SweepJob | undefined): SweepMessage {
  return previous?.combination === job.combination ? { ...job, scenario: undefined } : job;
}

function printSweep(rows: SweepRow[], runs: SweepJob[], combinations: Combination[], dims: Dimension[], seedCount: number): void {
  const groups = combinations.map(() => ({ runs: [] as SweepRow[] }));
  for (const r of rows) groups[runs[r.run].combination].runs.push(r);
  // The metrics worth a column: the makespan, then whatever any combination's checks name.
  const metrics = ['makespan'];
  for (const c of combinations) for (const ch of c.scenario.checks) if (!metrics.includes(ch.metric)) metrics.push(ch.metric);
  const unit = (m: string): string => rows.find((r) => m in r.units)?.units[m] ?? '';
  // Each phase's bottleneck (the whole run's only when the runs have no phases of their own).
  const phases = reportedPhases(phasesOf(rows));
  const failedSeeds = (g: SweepRow[]) => g.filter((r) => r.checksFailed.length > 0).map((r) => r.seed);
  // A dimension of one value is the same on every line: it is in runs.csv, not worth a column here.
  const shown = dims.map((d, i) => i).filter((i) => dims[i].values.length > 1);
  const body = groups.map((g, i) => {
    const cells = [...shown.map((d) => combinations[i].swept[d]), String(g.runs.length)];
    for (const m of metrics) {
      const ci = meanCI(g.runs.map((r) => r.metrics[m]).filter((v) => typeof v === 'number' && Number.isFinite(v)));
      cells.push(ci.n === 0 ? '-' : metric(ci.mean, unit(m)), ci.n < 2 ? '-' : halfWidth(ci.hi - ci.mean, unit(m)));
    }
    for (const ph of phases) cells.push(modalBottleneck(g.runs, ph)?.words ?? '-');
    const failed = failedSeeds(g.runs);
    cells.push(failed.length === 0 ? '-' : failed.join(','));
    return cells;
  });
  const head = [...shown.map((d) => dims[d].path), 'n', ...metrics.flatMap((m) => [m, '±95%']), ...phases.map(bottleneckHeading), 'failed seeds'];
  const failedRuns = rows.filter((r) => r.checksFailed.length > 0).length;
  console.log(`${combinations[0].scenario.name}: ${rows.length} run${rows.length === 1 ? '' : 's'} = ${groups.length} setting${groups.length === 1 ? '' : 's'} × ${seedCount} seed${seedCount === 1 ? '' : 's'}\n`);
  console.log(table(head, body));
  if (failedRuns > 0) {
    console.log();
    groups.forEach((g, i) => {
      const label = shown.length === 0 ? 'all runs' : shown.map((d) => `${dims[d].path}=${combinations[i].swept[d]}`).join(', ');
      const byCheck = new Map<string, number[]>();
      for (const r of g.runs) for (const c of r.checksFailed) byCheck.set(c, [...(byCheck.get(c) ?? []), r.seed]);
      for (const [check, s] of byCheck) console.log(`FAIL  ${label}: ${check}  (seed${s.length === 1 ? '' : 's'} ${s.join(', ')})`);
    });
  }
  console.log(`\n${failedRuns === 0 ? 'every run passed its checks' : `${failedRuns} of ${rows.length} runs failed a check`}`);
}

/** A confidence half-width to two significant digits: more would claim a precision the interval does not have. */
function halfWidth(h: number, unit: string): string {
  if (unit === 's' && h < 60) return `${+h.toPrecision(2)} s`;
  return unit === '' ? String(+h.toPrecision(2)) : metric(h, unit);
}

/** `1..30`, `1,5,9`, `1..3,10`, `7`: whole numbers >= 0, each once. */
export function parseSeeds(text: string, command = 'sweep'): number[] {
  const bad = (why: string) => new UsageError(`${command}: --seeds ${why}; write a range 1..30, a list 1,5,9 or one number`);
  const num = (s: string): number => {
    const t = s.trim();
    const n = Number(t);
    if (!/^\d+$/.test(t) || !Number.isSafeInteger(n)) throw bad(`'${s.trim()}' is not a whole number >= 0`);
    return n;
  };
  const out: number[] = [];
  for (const part of text.split(',')) {
    const range = /^(.*)\.\.(.*)$/.exec(part);
    if (range === null) { out.push(num(part)); continue; }
    const [a, b] = [num(range[1]), num(range[2])];
    if (b < a) throw bad(`range ${a}..${b} runs backwards`);
    if (b - a >= 1e6) throw bad(`range ${a}..${b} has more than a million seeds`);
    for (let s = a; s <= b; s++) out.push(s);
  }
  const seen = new Set<number>();
  for (const s of out) { if (seen.has(s)) throw bad(`gives seed ${s} twice`); seen.add(s); }
  return out;
}

/** The --set arguments whose value is a list, each value as a setting of its own. */
function dimensionsOf(sets: Setting[]): Dimension[] {
  const dims: Dimension[] = [];
  sets.forEach((s, at) => {
    if (!Array.isArray(s.value)) return;
    const [path] = splitSetting(s);
    if (s.value.length === 0) throw new UsageError(`sweep: --set ${s.text} lists no values; give at least one, e.g. ${path}=[a, b]`);
    const labels = s.value.map(valueText);
    const dup = labels.find((l, i) => labels.indexOf(l) !== i);
    if (dup !== undefined) throw new UsageError(`sweep: --set ${s.text} lists ${dup} twice`);
    dims.push({ at, path, labels, values: s.value.map((value, i) => ({ path: s.path, text: `${path}=${labels[i]}`, value })) });
  });
  return dims;
}

/** path and value of a setting, as typed (the text is always `path=value`). */
function splitSetting(s: Setting): [string, string] {
  const eq = s.text.indexOf('=');
  return [s.text.slice(0, eq), s.text.slice(eq + 1)];
}

/** A value as text that --set reads back as the same value: plain when YAML agrees, JSON otherwise. */
function valueText(v: unknown): string {
  if (typeof v === 'string') {
    let back: unknown;
    try { back = parseYaml(v); } catch { back = undefined; }
    return back === v ? v : JSON.stringify(v);
  }
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  return JSON.stringify(v);
}

/** Every pick of one index per dimension, the first dimension varying slowest. */
function cartesian(sizes: number[]): number[][] {
  let out: number[][] = [[]];
  for (const n of sizes) out = out.flatMap((pick) => Array.from({ length: n }, (_, i) => [...pick, i]));
  return out;
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
