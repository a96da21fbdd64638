/**
 * `backlab size FILE`: the inverse question. The least configuration over
 * the --vary axes that meets every --goal for every seed, found with few
 * runs (size-search.ts) through the sweep's worker pool, so a search is as
 * deterministic as a sweep. Every axis value is loaded and checked before
 * any run, so bad input exits 2 having run and written nothing.
 */
import { stopwatch } from '../../reports/progress.ts';
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
import { intFlag, LIMIT_FLAGS, LIMIT_HELP, maxEventsFlag, parseArgs, UsageError } from './args.ts';
import { maxFileBytes, readScenarioText, settingsOf } from './scenario-file.ts';
import { parseSeeds } from './sweep.ts';
import type { SweepInit, SweepJob } from './sweep-worker.ts';
import { reportDir } from './out.ts';
import { costOf, parseCostFile, parseVary, type SizeAxis } from './size-axes.ts';
import { gridPoints, keyOf, minimalFeasible, search, type Known, type Point } from './size-search.ts';
import { faultSetting, instantText, namedFaults, replayCommand } from './size-faults.ts';
import { worstInstant } from './size-instant.ts';
import { openSizePool, type SizePool } from './size-pool.ts';
import type { SizeOnQueue } from './size-queue-pool.ts';
import { QUEUE_FLAGS, QUEUE_HELP, queueFlags, type QueueChoice } from './queue-flags.ts';
import { runScenario } from '../scenario/run.ts';
import { sweepInstant } from './size-sweep-instant.ts';
import { instantLines } from '../../reports/size-instant.ts';
import type { Setting } from '../scenario/overrides.ts';
import { parseDuration } from '../foundation/units.ts';
import type { FaultOutcome } from '../../reports/size.ts';

export const SIZE_HELP = `usage: backlab size FILE --goal 'backup_makespan <= 6 h' [--goal ...] --vary PATH=LO..HI [--vary 'PATH=[a, b, c]' ...] [--cost FILE] [--faults NAME,...|all|FILE [--window FROM..TO] [--instants N] [--rounds R]] [--seeds 1..N] [--jobs N] [--set path=value ...] [--variant NAME] [--out DIR] [--json] [--full-grid]

Finds the cheapest configurations that meet every goal for every seed. A goal
is written like a check, "metric op value" in the metric's unit, with <, <=,
> or >=. Each --vary is an axis set as --set would: a range of whole numbers
LO..HI, or a list of values written cheapest first.

  --cost FILE   a YAML map PATH: price per unit (a count), or
                PATH: { price: N, per: '1 Mb/s' } for a quantity. A
                configuration costs the sum of price x value. Without it, a
                configuration costs the count of added resources: the sum over
                the axes of the value's steps above the axis's lowest.
  --faults F    a configuration must also meet the goals with each named
                fault at its worst instant: F names the scenario's faults by
                kind:target (migrate:lpar2, device-fails:hba1, all) or is a
                YAML file of fault entries. The configuration runs without
                them, then with each alone at --instants instants evenly
                across the window (default 8), then --rounds rounds (default
                3) halving the spacing around the worst; the worst instant's
                run is printed as a backlab run line (same trace hash)
  --sweep-instant F  instead of a search: run the one fault F at --instants
                instants (default 50) evenly across the window and give each
                goal's metric (default rpo_instant and rto_instant where the
                protocol measures them, else makespan) as worst, p50, p90
                and p99 over the instants, and the worst run as a backlab
                run line (same trace hash)
  --window W    FROM..TO, e.g. '0 s..6 h': where the instants go (default 0
                to the configuration's makespan without the faults)
  --seeds S     1..30, 1,5,9 or one number (default: the scenario's seed)
  --jobs N      worker threads running the seeds (default ${availableParallelism()})
  --monotone    more of every resource is never worse (the default; checked
                on the runs made, see below)
  --full-grid   run every configuration (what the search must agree with)
  --set path=value, --variant NAME   as for run, under every configuration
  --json        print one JSON object instead of the table
  --out DIR     writes DIR/size-<FILE>/ with report.html and size.csv
${QUEUE_HELP}
${LIMIT_HELP}

The search takes more of every resource to be never worse (monotone): a
configuration at or above a feasible one is feasible, at or below an
infeasible one infeasible, and it bisects along each axis. When a run shows a
goal worse at a higher value of an axis, it says so and runs that axis's every
value. The answer: the minimal feasible configurations (the frontier, with
cost and margin: how far the tightest goal is from its limit, as a share),
the cheapest (ties: the larger margin), and why each cheaper one failed.

exit codes: 0 a configuration meets the goals, 1 none does, 2 bad input, 70 a bug`;

/** Configurations in one search at most: the full grid it is measured against must itself be runnable. */
const MAX_GRID = 100_000;

export async function sizeCommand(argv: string[], version: string): Promise<number> {
  const p = parseArgs(argv, {
    goal: { value: true, many: true }, vary: { value: true, many: true }, cost: { value: true }, seeds: { value: true },
    jobs: { value: true }, set: { value: true, many: true }, variant: { value: true }, out: { value: true },
    json: { value: false }, 'full-grid': { value: false }, monotone: { value: false }, help: { value: false },
    faults: { value: true }, 'sweep-instant': { value: true }, window: { value: true }, instants: { value: true }, rounds: { value: true }, ...LIMIT_FLAGS, ...QUEUE_FLAGS,
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
  const queue = queueFlags(p, 'size');
  const goalTexts = p.flags.get('goal') ?? [];
  const sweepArg = p.flags.get('sweep-instant')?.[0];
  if (sweepArg !== undefined) return sweepInstantMode(p, sweepArg, { file, variant, sets, seeds, jobs, queue, version, maxEvents, goalTexts });
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
  const load = (pt: Point, extra: readonly Setting[] = []): Scenario => loadScenario(file, text, { variant, sets: [...sets, ...axes.map((a, i) => a.settings[pt[i]]), ...extra] });
  checkAxesAreNumbers(file, text, axes);
  const lowest = load(axes.map(() => 0));
  axes.forEach((a, i) => a.labels.forEach((_, v) => { if (v > 0) load(axes.map((_, j) => (j === i ? v : 0))); }));
  const units = { ...RUN_METRICS, ...(lowest.protocol ? protocolNamed(lowest.protocol.name)!.metrics : {}) };
  const goals = goalTexts.map((g) => parseGoal(g, units));

  const faultsArg = p.flags.get('faults')?.[0];
  const faults = faultsArg === undefined ? null : namedFaults(faultsArg, '--faults', text, variant);
  const window = windowFlag(p);
  const scan = { coarse: intFlag(p, 'instants', 'size', 2) ?? 8, rounds: intFlag(p, 'rounds', 'size', 0) ?? 3 };
  // Without the named faults the scenario is the forward question; each fault is then added at its searched instants.
  const baseSets = faults === null ? [] : [faultSetting(faults.kept, null, 0)];
  for (const c of faults?.cases ?? []) load(axes.map(() => 0), [faultSetting(faults!.kept, c, 0)]);

  const rows: SweepRow[] = [];
  const byPoint = new Map<string, SweepRow[]>();
  const underFaults = new Map<string, FaultRun[]>();
  const settingsAt = (pt: Point): Record<string, string> => Object.fromEntries(axes.map((a, i) => [a.path, a.labels[pt[i]]]));
  const pool = await poolFor(queue, jobs, { version, maxEvents, file, text, variant });
  const elapsed = stopwatch();
  /** Runs configurations (each with its extra settings) × seeds in the one pool; each spec's rows, seed by seed. */
  const runSpecs = async (specs: readonly Spec[]): Promise<SweepRow[][]> => {
    const scenarios = specs.map((s) => load(s.pt, s.extra));
    const batch: SweepJob[] = specs.flatMap((s, c) => seeds.map((seed) => ({ run: 0, combination: c, scenario: scenarios[c], settings: { ...settingsAt(s.pt), ...s.labels }, seed })));
    batch.forEach((j, i) => { j.run = rows.length + i; });
    const setsOf = (j: SweepJob) => { const s = specs[j.combination]; return [...sets, ...axes.map((a, i) => a.settings[s.pt[i]]), ...s.extra]; };
    const out = await pool.run(batch, describeRun, setsOf);
    rows.push(...out);
    return specs.map((_, c) => out.slice(c * seeds.length, (c + 1) * seeds.length));
  };
  const tightest = (rs: readonly SweepRow[]): number => Math.min(...goals.map((g) => marginOf(g, worstOf(g, rs))));
  const passes = (rs: readonly SweepRow[]): boolean => rs.every((r) => goals.every((g) => evaluateCheck(g, r.metrics).pass));
  const full = p.flags.has('full-grid');
  try {
    // The full grid is every configuration anyway: one batch for all of them.
    if (full) {
      const pts = gridPoints(sizes);
      (await runSpecs(pts.map((pt) => ({ pt, extra: baseSets, labels: {} })))).forEach((rs, i) => byPoint.set(keyOf(pts[i]), rs));
    }
    const evaluate = async (pt: Point): Promise<Known> => {
      if (!byPoint.has(keyOf(pt))) byPoint.set(keyOf(pt), (await runSpecs([{ pt, extra: baseSets, labels: {} }]))[0]);
      const base = byPoint.get(keyOf(pt))!;
      const seen = [base];
      // A configuration that misses without a fault misses with one: its faults are not run.
      if (faults !== null && passes(base)) {
        const found: FaultRun[] = [];
        for (const c of faults.cases) {
          const w = window ?? { from: 0, to: Math.max(...base.map((r) => r.metrics.makespan ?? 0)) };
          const at = new Map<number, SweepRow[]>();
          const worst = await worstInstant(w, async (ts) => {
            const out = await runSpecs(ts.map((t) => ({ pt, extra: [faultSetting(faults.kept, c, t)], labels: { fault: c.name, fault_at: instantText(t) } })));
            ts.forEach((t, i) => at.set(t, out[i]));
            return out.map(tightest);
          }, scan);
          seen.push(...at.values());
          const rs = at.get(worst.at)!;
          const run = rs.reduce((a, b) => (tightest([b]) < tightest([a]) ? b : a));
          const replay = replayCommand(file, variant, [...sets, ...axes.map((a, i) => a.settings[pt[i]]), faultSetting(faults.kept, c, worst.at)], run.seed);
          found.push({ fault: c.name, at: worst.at, rows: rs, instants: worst.tried.length, replay, traceHash: run.traceHash });
        }
        underFaults.set(keyOf(pt), found);
      }
      const all = seen.flat();
      return { point: pt, met: seen.every(passes), worst: goals.map((g) => worstOf(g, all)) };
    };
    const notes: string[] = [];
    // Worse by more than rounding: a tie is not a sign against monotonicity.
    const worse = (g: number, a: number, b: number): boolean => (larger(goals[g]) ? a - b : b - a) > 1e-9 * Math.max(Math.abs(a), Math.abs(b));
    const { runs, monotone } = await search(sizes, evaluate, worse, {
      monotone: axes.map(() => !full),
      note: (axis, at) => notes.push(`${axes[axis].path} is not monotone: a goal is worse at ${axes[axis].labels[at.point[axis]]} than at a lower value; every value of it is run`),
    });
    const frontier = minimalFeasible(sizes, runs, monotone);
    const seconds = elapsed();
    notes.push(`${pool.done} runs in ${seconds.toFixed(1)} s (${(pool.done / seconds).toFixed(1)} runs/s, ${queue === undefined ? `${jobs} worker${jobs === 1 ? '' : 's'}` : 'on the queue'})`);
    if (faults !== null) notes.push(`faults: ${faults.cases.map((c) => c.name).join(', ')}, each at its worst instant in ${window === null ? "the configuration's run (0 to its makespan)" : `${instantText(window.from)} to ${instantText(window.to)}`}: ${scan.coarse} instants scanned, then ${scan.rounds} rounds of refinement around the worst`);
    const report = sizeReport({ file, scenario: lowest.name, axes, goals, prices, runs, rows, byPoint, underFaults, frontier, gridSize, notes, sizes, seeds: seeds.length });
    if (p.flags.has('json')) console.log(JSON.stringify(report, null, 2));
    else for (const line of sizeLines(report)) console.log(line);
    if (dir !== null) {
      // The chosen configuration's run as `backlab run` writes it (its first seed, without the searched faults): the page links it.
      const chosenAt = report.chosen === null ? null : frontier.find((pt) => JSON.stringify(settingsAt(pt)) === JSON.stringify(report.chosen!.values))!;
      const chosenRun = chosenAt === null ? null : runScenario(load(chosenAt, baseSets), { seed: seeds[0] ?? undefined, version, maxEvents });
      writeSizeReport(report, rows, dir, version, chosenRun);
      if (!p.flags.has('json')) console.log(`report: ${join(dir, 'report.html')}  (every run: ${join(dir, 'size.csv')})`);
    }
    return report.chosen === null ? 1 : 0;
  } finally {
    await pool.close();
  }
}

/** A configuration with its extra settings (a fault at an instant) and the labels its rows carry for them. */
interface Spec { pt: Point; extra: Setting[]; labels: Record<string, string> }

/** A fault at the worst instant found for one configuration: its runs there (one per seed) and how to replay the worst. */
interface FaultRun { fault: string; at: number; rows: SweepRow[]; instants: number; replay: string; traceHash: string }

/** Per phase, the dominant bottleneck most of the runs name, in words. */
function bottleneckOf(rows: readonly SweepRow[]): string | null {
  const said = reportedPhases(phasesOf(rows)).flatMap((ph) => {
    const b = modalBottleneck(rows, ph);
    return b === null ? [] : [`${ph === 'run' ? '' : `${ph}: `}${b.words}${b.resources.length ? ` (${namesOf(b.resources)})` : ''}`];
  });
  return said.length === 0 ? null : said.join('; ');
}

/** A few names, then how many more: 64 partitions' CPUs are one line, not a screenful (size.csv has them all). */
function namesOf(names: readonly string[]): string {
  return names.length <= 4 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

/** --window FROM..TO: the stretch the fault's instants fill, in seconds (default: 0 to the configuration's makespan). */
function windowFlag(p: ReturnType<typeof parseArgs>): { from: number; to: number } | null {
  const arg = p.flags.get('window')?.[0];
  if (arg === undefined) return null;
  const m = /^(.+?)\.\.(.+)$/.exec(arg);
  const bad = (why: string) => new UsageError(`size: --window ${arg}: ${why}; write FROM..TO, e.g. --window '0 s..6 h' or '3 h..3 h 15 min'`);
  if (m === null) throw bad('not FROM..TO');
  const [from, to] = [m[1], m[2]].map((t) => { try { return parseDuration(t.trim()) / 1e9; } catch (e) { throw bad((e as Error).message); } });
  if (!(to > from)) throw bad('TO must come after FROM');
  return { from, to };
}

/** --sweep-instant: one fault moved across a window, its metrics' worst case and percentiles over the instant. */
async function sweepInstantMode(
  p: ReturnType<typeof parseArgs>, arg: string,
  o: { file: string; variant: string | undefined; sets: Setting[]; seeds: (number | null)[]; jobs: number; queue: QueueChoice | undefined; version: string; maxEvents: number; goalTexts: string[] },
): Promise<number> {
  for (const f of ['vary', 'faults', 'cost', 'full-grid', 'out']) if (p.flags.has(f)) throw new UsageError(`size: --sweep-instant moves one fault over one configuration; --${f} is for the search (set the configuration with --set)`);
  const text = readScenarioText(o.file, maxFileBytes(p, 'size'));
  const load = (extra: Setting[]): Scenario => loadScenario(o.file, text, { variant: o.variant, sets: [...o.sets, ...extra] });
  const base = load([]);
  const units = { ...RUN_METRICS, ...(base.protocol ? protocolNamed(base.protocol.name)!.metrics : {}) };
  const goals = o.goalTexts.map((g) => parseGoal(g, units));
  const window = windowFlag(p);
  const instants = intFlag(p, 'instants', 'size', 1) ?? 50;
  const pool = await poolFor(o.queue, o.jobs, { version: o.version, maxEvents: o.maxEvents, file: o.file, text, variant: o.variant });
  try {
    const run = async (extra: Setting[][], labels: Record<string, string>[]): Promise<SweepRow[][]> => {
      const scenarios = extra.map(load);
      const batch: SweepJob[] = scenarios.flatMap((scenario, c) => o.seeds.map((seed, k) => ({ run: c * o.seeds.length + k, combination: c, scenario, settings: labels[c], seed })));
      const out = await pool.run(batch, describeRun, (j) => [...o.sets, ...extra[j.combination]]);
      return extra.map((_, c) => out.slice(c * o.seeds.length, (c + 1) * o.seeds.length));
    };
    const r = await sweepInstant(arg, { file: o.file, text, variant: o.variant, sets: o.sets, scenario: base.name, goals, units, seeds: o.seeds.length, window, instants, run });
    if (p.flags.has('json')) console.log(JSON.stringify(r, null, 2));
    else for (const line of instantLines(r)) console.log(line);
    return r.goals.every((g) => g.met) ? 0 : 1;
  } finally {
    await pool.close();
  }
}

const describeRun = (j: SweepJob): string => `run ${j.run} (${Object.entries(j.settings).map(([k, v]) => `${k}=${v}`).join(', ')}, seed ${j.seed ?? j.scenario.seed})`;

/** The search's runs on this machine's threads, or with --queue on the queue's workers. */
async function poolFor(queue: QueueChoice | undefined, jobs: number, o: SizeOnQueue): Promise<SizePool> {
  if (queue === undefined) return openSizePool(jobs, { version: o.version, maxEvents: o.maxEvents } satisfies SweepInit);
  return (await import('./size-queue-pool.ts')).openQueueSizePool(queue, o);
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
  runs: Known[]; rows: SweepRow[]; byPoint: Map<string, SweepRow[]>; underFaults: Map<string, FaultRun[]>; frontier: Point[]; gridSize: number; notes: string[]; sizes: number[]; seeds: number;
}

/** The answer as plain data: the frontier, the chosen configuration and why each cheaper one run failed. */
function sizeReport(x: Inputs): SizeReport {
  const unitOf = (rows: readonly SweepRow[], g: Check): string => rows.find((r) => g.metric in r.units)?.units[g.metric] ?? '';
  const tightestOf = (rows: readonly SweepRow[]) => {
    const margins = x.goals.map((g) => marginOf(g, worstOf(g, rows)));
    const i = margins.indexOf(Math.min(...margins));
    return { margin: margins[i], goal: x.goals[i].text, measured: worstOf(x.goals[i], rows), unit: unitOf(rows, x.goals[i]), bottleneck: bottleneckOf(rows) };
  };
  const config = (k: Known): SizeConfig => {
    const base = tightestOf(x.byPoint.get(keyOf(k.point))!);
    const faults: FaultOutcome[] = (x.underFaults.get(keyOf(k.point)) ?? []).map((f) => ({ fault: f.fault, at: instantText(f.at), instants: f.instants, replay: f.replay, traceHash: f.traceHash, ...tightestOf(f.rows) }));
    // The configuration stands or falls by its worst case: without the faults, or under the fault placed worst.
    const worst = faults.reduce<FaultOutcome | null>((a, f) => (f.margin < (a?.margin ?? base.margin) ? f : a), null);
    return {
      values: Object.fromEntries(x.axes.map((a, i) => [a.path, a.labels[k.point[i]]])),
      cost: costOf(k.point, x.axes, x.prices), met: k.met, ...(worst ?? base),
      under: worst === null ? null : `${worst.fault} at ${worst.at}`, faults,
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
