/**
 * `backlab size FILE`: the inverse question. The least configuration over
 * the --vary axes that meets every --goal for every seed, found with few
 * runs (size-search.ts) through the sweep's worker pool, so a search is as
 * deterministic as a sweep. Every axis value is loaded and checked before
 * any run, so bad input exits 2 having run and written nothing.
 */
import { availableParallelism } from 'node:os';
import { parse as readYaml } from 'yaml';
import { join } from 'node:path';
import type { Check, Scenario } from '../foundation/scenario.ts';
import type { SweepRow } from '../../reports/sweep.ts';
import { modalBottleneck, phasesOf, reportedPhases } from '../../reports/sweep-bottleneck.ts';
import { writeSizeReport, sizeLines, type SizeConfig, type SizeReport } from '../../reports/size.ts';
import { protocolNamed } from '../registry.ts';
import { RUN_METRICS } from '../scenario/metrics.ts';
import { parseCheck, evaluateCheck } from '../scenario/checks.ts';
import { loadScenario } from '../scenario/scenario.ts';
import { runPool } from '../workers/pool.ts';
import { fromRoot } from '../foundation/root.ts';
import { intFlag, LIMIT_FLAGS, LIMIT_HELP, maxEventsFlag, parseArgs, UsageError } from './args.ts';
import { maxFileBytes, readScenarioText, settingsOf } from './scenario-file.ts';
import { parseSeeds } from './sweep.ts';
import type { SweepInit, SweepJob } from './sweep-worker.ts';
import { reportDir } from './out.ts';
import { costOf, parseCostFile, parseVary, type SizeAxis } from './size-axes.ts';
import { gridPoints, keyOf, minimalFeasible, search, type Known, type Point } from './size-search.ts';

export const SIZE_HELP = `usage: backlab size FILE --goal 'backup_makespan <= 6 h' [--goal ...] --vary PATH=LO..HI [--vary 'PATH=[a, b, c]' ...] [--cost FILE] [--seeds 1..N] [--jobs N] [--set path=value ...] [--variant NAME] [--out DIR] [--json] [--full-grid]

Finds the cheapest configurations that meet every goal for every seed. A goal
is written like a check, "metric op value" in the metric's unit, with <, <=,
> or >=. Each --vary is an axis set as --set would: a range of whole numbers
LO..HI, or a list of values written cheapest first.

  --cost FILE   a YAML map PATH: price per unit (a count), or
                PATH: { price: N, per: '1 Mb/s' } for a quantity. A
                configuration costs the sum of price x value. Without it, a
                configuration costs the count of added resources: the sum over
                the axes of the value's steps above the axis's lowest.
  --seeds S     1..30, 1,5,9 or one number (default: the scenario's seed)
  --jobs N      worker threads running the seeds (default ${availableParallelism()})
  --monotone    more of every resource is never worse (the default; checked
                on the runs made, see below)
  --full-grid   run every configuration (what the search must agree with)
  --set path=value, --variant NAME   as for run, under every configuration
  --json        print one JSON object instead of the table
  --out DIR     writes DIR/size-<FILE>/ with report.html and size.csv
${LIMIT_HELP}

The search takes more of every resource to be never worse (monotone): a
configuration at or above a feasible one is feasible, at or below an
infeasible one infeasible, and it bisects along each axis. When a run shows a
goal worse at a higher value of an axis, it says so and runs that axis's every
value. The answer: the minimal feasible configurations (the frontier, with
cost and margin: how far the tightest goal is from its limit, as a share),
the cheapest (ties: the larger margin), and why each cheaper one failed.
Faults at their worst instant and --sweep-instant are not part of size yet.

exit codes: 0 a configuration meets the goals, 1 none does, 2 bad input, 70 a bug`;

/** Configurations in one search at most: the full grid it is measured against must itself be runnable. */
const MAX_GRID = 100_000;

export async function sizeCommand(argv: string[], version: string): Promise<number> {
  const p = parseArgs(argv, {
    goal: { value: true, many: true }, vary: { value: true, many: true }, cost: { value: true }, seeds: { value: true },
    jobs: { value: true }, set: { value: true, many: true }, variant: { value: true }, out: { value: true },
    json: { value: false }, 'full-grid': { value: false }, monotone: { value: false }, help: { value: false }, ...LIMIT_FLAGS,
  }, 'size');
  if (p.flags.has('help')) { console.log(SIZE_HELP); return 0; }
  if (p.positional.length !== 1) throw new UsageError(`size: needs exactly one scenario FILE. Try 'backlab size --help'.`);
  const file = p.positional[0];
  const variant = p.flags.get('variant')?.[0];
  const sets = settingsOf(p, 'size');
  const seedsArg = p.flags.get('seeds')?.[0];
  const seeds: (number | null)[] = seedsArg === undefined ? [null] : parseSeeds(seedsArg, 'size');
  const jobs = intFlag(p, 'jobs', 'size', 1) ?? availableParallelism();
  const maxEvents = maxEventsFlag(p, 'size');
  const goalTexts = p.flags.get('goal') ?? [];
  if (goalTexts.length === 0) throw new UsageError(`size: needs at least one --goal, e.g. --goal 'makespan <= 6 h'`);
  const axes = (p.flags.get('vary') ?? []).map(parseVary);
  if (axes.length === 0) throw new UsageError(`size: needs at least one --vary PATH=LO..HI, e.g. --vary protocol.mountLimit=1..16`);
  const dupAxis = axes.find((a, i) => axes.findIndex((b) => b.path === a.path) !== i);
  if (dupAxis !== undefined) throw new UsageError(`size: --vary ${dupAxis.path} given twice`);
  const sizes = axes.map((a) => a.labels.length);
  const gridSize = sizes.reduce((n, s) => n * s, 1);
  if (gridSize > MAX_GRID) throw new UsageError(`size: the axes make ${sizes.join(' × ')} = ${gridSize} configurations; at most ${MAX_GRID}`);
  const costText = p.flags.get('cost')?.[0];
  const prices = costText === undefined ? null : parseCostFile(costText, readCost(costText), axes);
  const text = readScenarioText(file, maxFileBytes(p, 'size'));
  const dir = p.flags.has('out') ? reportDir(p, 'size', file, { prefix: 'size-', variant }) : null;

  // Every axis value, the others at their lowest, is loaded now: a bad path or value fails before any run.
  const load = (pt: Point): Scenario => loadScenario(file, text, { variant, sets: [...sets, ...axes.map((a, i) => a.settings[pt[i]])] });
  checkAxesAreNumbers(file, text, axes);
  const lowest = load(axes.map(() => 0));
  axes.forEach((a, i) => a.labels.forEach((_, v) => { if (v > 0) load(axes.map((_, j) => (j === i ? v : 0))); }));
  const units = { ...RUN_METRICS, ...(lowest.protocol ? protocolNamed(lowest.protocol.name)!.metrics : {}) };
  const goals = goalTexts.map((g) => parseGoal(g, units));

  const rows: SweepRow[] = [];
  const byPoint = new Map<string, SweepRow[]>();
  const settingsAt = (pt: Point): Record<string, string> => Object.fromEntries(axes.map((a, i) => [a.path, a.labels[pt[i]]]));
  /** Runs configurations × seeds in one pool (a pool per configuration would pay the workers' start each time). */
  const runAll = async (points: readonly Point[]): Promise<void> => {
    const scenarios = points.map(load);
    const batch: SweepJob[] = points.flatMap((pt, c) => seeds.map((seed) => ({ run: 0, combination: c, scenario: scenarios[c], settings: settingsAt(pt), seed })));
    batch.forEach((j, i) => { j.run = rows.length + i; });
    const out = await runPool<SweepJob, SweepRow>({
      entry: fromRoot('sim/cli/sweep-worker.ts'), workerData: { sweep: { version, maxEvents } satisfies SweepInit }, size: jobs, jobs: batch,
      describe: (j) => `run ${j.run} (${Object.entries(j.settings).map(([k, v]) => `${k}=${v}`).join(', ')}, seed ${j.seed ?? j.scenario.seed})`,
    });
    rows.push(...out);
    points.forEach((pt, c) => byPoint.set(keyOf(pt), out.slice(c * seeds.length, (c + 1) * seeds.length)));
  };
  const full = p.flags.has('full-grid');
  // The full grid is every configuration anyway: one pool for all of them.
  if (full) await runAll(gridPoints(sizes));
  const evaluate = async (pt: Point): Promise<Known> => {
    if (!byPoint.has(keyOf(pt))) await runAll([pt]);
    const out = byPoint.get(keyOf(pt))!;
    const worst = goals.map((g) => worstOf(g, out));
    return { point: pt, met: out.every((r) => goals.every((g) => evaluateCheck(g, r.metrics).pass)), worst };
  };
  const notes: string[] = [];
  // Worse by more than rounding: a tie is not a sign against monotonicity.
  const worse = (g: number, a: number, b: number): boolean => (larger(goals[g]) ? a - b : b - a) > 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  const { runs, monotone } = await search(sizes, evaluate, worse, {
    monotone: axes.map(() => !full),
    note: (axis, at) => notes.push(`${axes[axis].path} is not monotone: a goal is worse at ${axes[axis].labels[at.point[axis]]} than at a lower value; every value of it is run`),
  });
  const frontier = minimalFeasible(sizes, runs, monotone);
  const report = sizeReport({ file, scenario: lowest.name, axes, goals, prices, runs, rows, byPoint, frontier, gridSize, notes, sizes, seeds: seeds.length });
  if (p.flags.has('json')) console.log(JSON.stringify(report, null, 2));
  else for (const line of sizeLines(report)) console.log(line);
  if (dir !== null) {
    writeSizeReport(report, rows, dir, version);
    if (!p.flags.has('json')) console.log(`report: ${join(dir, 'report.html')}  (every run: ${join(dir, 'size.csv')})`);
  }
  return report.chosen === null ? 1 : 0;
}

/** A cost file is a few lines: read as a scenario file is (a regular file, bounded), at most 1 MB. */
const readCost = (file: string): string => readScenarioText(file, 1e6);

/** A goal is a check with a direction: ==/!= have no margin to speak of. */
function parseGoal(text: string, units: Record<string, string>): Check {
  let c: Check;
  try { c = parseCheck(text, units as Parameters<typeof parseCheck>[1]); } catch (e) { throw new UsageError(`size: --goal ${(e as Error).message}`); }
  if (c.op === '==' || c.op === '!=') throw new UsageError(`size: --goal "${text}": a goal is a limit; write it with <, <=, > or >=, e.g. "${c.metric} <= ${text.split(/==|!=/)[1]?.trim() ?? 'LIMIT'}"`);
  return c;
}

const larger = (g: Check): boolean => g.op === '<' || g.op === '<=';

/** A goal's worst value over a configuration's seeds (a missing metric is worst of all). */
function worstOf(g: Check, rows: readonly SweepRow[]): number {
  const vs = rows.map((r) => r.metrics[g.metric] ?? NaN).map((v) => (Number.isFinite(v) ? v : larger(g) ? Infinity : -Infinity));
  return larger(g) ? Math.max(...vs) : Math.min(...vs);
}

/** How far a value is inside its goal's limit, as a share of the limit (negative: missed by that much). */
export function marginOf(g: Check, v: number): number {
  const scale = Math.abs(g.value) || 1;
  return (larger(g) ? g.value - v : v - g.value) / scale;
}

/** A range axis must land on a number: the document's value there (when it has one) says whether it is one. */
function checkAxesAreNumbers(file: string, text: string, axes: readonly SizeAxis[]): void {
  const doc = (() => { try { return readYaml(text); } catch { return undefined; } })();
  for (const a of axes) {
    if (a.numbers.some((n) => n === null)) continue;
    let node: unknown = doc;
    for (const k of a.settings[0].path) node = typeof node === 'object' && node !== null && Object.hasOwn(node, k) ? (node as Record<string | number, unknown>)[k] : undefined;
    if (node !== undefined && typeof node !== 'number') throw new UsageError(`size: --vary ${a.path}: ${file} has ${JSON.stringify(node)} there, not a number; a range LO..HI varies a count. For other values write --vary '${a.path}=[a, b, c]' cheapest first`);
  }
}

interface Inputs {
  file: string; scenario: string; axes: SizeAxis[]; goals: Check[]; prices: ReturnType<typeof parseCostFile> | null;
  runs: Known[]; rows: SweepRow[]; byPoint: Map<string, SweepRow[]>; frontier: Point[]; gridSize: number; notes: string[]; sizes: number[]; seeds: number;
}

/** The answer as plain data: the frontier, the chosen configuration and why each cheaper one run failed. */
function sizeReport(x: Inputs): SizeReport {
  const config = (k: Known): SizeConfig => {
    const rows = x.byPoint.get(keyOf(k.point))!;
    const margins = x.goals.map((g, i) => marginOf(g, k.worst[i]));
    const tight = margins.indexOf(Math.min(...margins));
    const said = reportedPhases(phasesOf(rows)).flatMap((ph) => {
      const b = modalBottleneck(rows, ph);
      return b === null ? [] : [`${ph === 'run' ? '' : `${ph}: `}${b.words}${b.resources.length ? ` (${b.resources.join(', ')})` : ''}`];
    });
    return {
      values: Object.fromEntries(x.axes.map((a, i) => [a.path, a.labels[k.point[i]]])),
      cost: costOf(k.point, x.axes, x.prices), met: k.met, margin: margins[tight],
      goal: x.goals[tight].text, measured: k.worst[tight], unit: rows.find((r) => x.goals[tight].metric in r.units)?.units[x.goals[tight].metric] ?? '',
      bottleneck: said.length === 0 ? null : said.join('; '),
    };
  };
  // A minimal feasible configuration is always one that ran: anything that implied it would be a feasible one below it.
  const front = x.frontier.map((pt) => config(x.runs.find((r) => keyOf(r.point) === keyOf(pt))!));
  const ranked = [...front].sort((a, b) => a.cost - b.cost || b.margin - a.margin);
  const chosen = ranked[0] ?? null;
  const failing = x.runs.filter((r) => !r.met).map(config).filter((c) => chosen === null || c.cost < chosen.cost).sort((a, b) => a.cost - b.cost);
  return {
    file: x.file, scenario: x.scenario, goals: x.goals.map((g) => g.text), axes: x.axes.map((a) => ({ path: a.path, values: a.labels })),
    cost: x.prices === null ? 'count of added resources' : 'sum of price × value (--cost)',
    seeds: x.seeds, configurationsRun: x.runs.length, runs: x.rows.length, gridConfigurations: x.gridSize, gridRuns: x.gridSize * x.seeds,
    notes: x.notes, frontier: ranked, chosen, failing,
    evaluated: x.runs.map(config),
  };
}
