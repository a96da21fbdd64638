/**
 * `backlab sensitivity FILE`: how far the verdict moves with the numbers it
 * rests on. Each numeric assumption (sim/scenario/assumptions.ts) is set to
 * its low and high end one at a time, then all of them together at a
 * seeded Latin-hypercube sample; every run goes through the sweep's worker
 * pool. Every run is loaded and checked before any starts. `backlab compare
 * --sensitivity N` plans and runs the same.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Assumption } from '../foundation/declare.ts';
import { createProgress } from '../../reports/progress.ts';
import { formatQuantity } from '../../reports/format.ts';
import { reportDir } from './out.ts';
import { tornadoOrder, type SensitivityReport } from '../../reports/sensitivity.ts';
import { writeSensitivityReport } from '../../reports/write.ts';
import type { SweepRow } from '../../reports/sweep.ts';
import { protocolNamed } from '../registry.ts';
import { RUN_METRICS } from '../scenario/metrics.ts';
import type { Setting } from '../scenario/overrides.ts';
import { loadScenario } from '../scenario/scenario.ts';
import { runPool } from '../workers/pool.ts';
import { intFlag, parseArgs, UsageError, type Parsed } from './args.ts';
import { readScenarioText } from './scenario-file.ts';
import { dimensionsOf, endFactors, factorsAt, latinHypercube, settingsFor, variable, written } from './sensitivity-plan.ts';
import { rankingText, rankingVerdict, rankPlaces, TIE, type Axis, type DesignRuns } from './sensitivity-verdict.ts';
import type { SweepInit, SweepJob } from './sweep-worker.ts';
import { fromRoot } from '../foundation/root.ts';
import { parseDuration, parseRate, parseSize } from '../foundation/units.ts';

export const SENSITIVITY_FLAGS_HELP = `  --range R       each value ± R (default 50%); a sourced one with a published range within that range
  --only NAME     vary only this assumption (its declared name, or its last
                  part: backhitch); repeat for several
  --jobs N        worker threads (default: this machine's ${availableParallelism()} CPUs)`;

export const SENSITIVITY_HELP = `usage: backlab sensitivity FILE --metric M [--variant V ...] [--range 50%] [--only NAME ...] [--samples N] [--seed S] [--jobs N] [--out DIR]

Varies each numeric assumption of the scenario (every published figure and
UNSOURCED constant its report lists) one at a time to its low and high end,
then all of them together at N Latin-hypercube samples, and reruns each
design. Prints, per design, the assumptions that move the metric most, and
whether the ranking of the designs holds over the whole box (designs within
0.1% of each other are tied). Writes DIR/sensitivity-<file>/ with
report.html (a tornado chart per design), tornado.csv and samples.csv.

  --metric M      the metric to watch (makespan, backup_makespan, ...); a
                  time ranks lower first, anything else higher first
  --variant V     a design to compare (repeat; default: all the scenario's variants)
${SENSITIVITY_FLAGS_HELP}
  --samples N     Latin-hypercube samples (default 64; 0: one at a time only)
  --seed S        the sample's seed (default 1)
  --out DIR       where reports go (default out/)

exit codes: 0 ok, 2 bad input`;

function percent(text: string): number {
  const m = /^([0-9]+(?:\.[0-9]+)?)\s*%$/.exec(text.trim());
  const r = m ? Number(m[1]) / 100 : NaN;
  if (!(r > 0 && r < 1)) throw new UsageError(`sensitivity: --range takes a share between 0% and 100%, such as 50%, not '${text}'`);
  return r;
}

/** What a sensitivity needs besides the designs: read from the flags both commands share. */
export interface SensitivityInput {
  file: string;
  text: string;
  variants: (string | undefined)[];
  /** the command's own --set settings, under every run's */
  sets: Setting[];
  metric: string;
  range: number;
  only: string[];
  samples: number;
  seed: number;
  jobs: number;
  /** every run's seed (default: the scenario's own) and event ceiling, as compare --seed and --max-events give them */
  runSeed?: number;
  maxEvents?: number;
}

/** --range, --only, --jobs: the flags `sensitivity` and `compare --sensitivity` share. */
export function sensitivityFlags(p: Parsed, command: string): Pick<SensitivityInput, 'range' | 'only' | 'jobs'> {
  return { range: percent(p.flags.get('range')?.[0] ?? '50%'), only: p.flags.get('only') ?? [], jobs: intFlag(p, 'jobs', command, 1) ?? availableParallelism() };
}

export async function sensitivityCommand(argv: string[], version: string): Promise<number> {
  const p = parseArgs(argv, {
    metric: { value: true }, variant: { value: true, many: true }, range: { value: true }, only: { value: true, many: true },
    samples: { value: true }, seed: { value: true }, jobs: { value: true }, out: { value: true }, help: { value: false },
  }, 'sensitivity');
  if (p.flags.has('help')) { console.log(SENSITIVITY_HELP); return 0; }
  if (p.positional.length !== 1) throw new UsageError(`sensitivity: needs exactly one scenario FILE. Try 'backlab sensitivity --help'.`);
  const file = p.positional[0];
  const metric = p.flags.get('metric')?.[0] ?? (() => { throw new UsageError('sensitivity: --metric M is required (makespan, or a metric of the protocol)'); })();
  const flags = sensitivityFlags(p, 'sensitivity');
  const samples = intFlag(p, 'samples', 'sensitivity', 0) ?? 64;
  const seed = intFlag(p, 'seed', 'sensitivity', 0) ?? 1;
  // Where the report goes is checked before any run: a folder backlab did not write is refused now, not after them.
  const dir = reportDir(p, 'sensitivity', file, { prefix: 'sensitivity-' });
  const text = readScenarioText(file);
  const first = loadScenario(file, text);
  const variants: (string | undefined)[] = p.flags.get('variant') ?? (first.variants.length ? first.variants : [undefined]);
  const plan = planSensitivity({ file, text, variants, sets: [], metric, samples, seed, ...flags });
  const report = await runSensitivity(plan, version);
  for (const line of sensitivityLines(report)) console.log(line);
  writeSensitivityReport(report, dir, version);
  console.log(`report: ${join(dir, 'report.html')}`);
  return 0;
}

/** Every run of a sensitivity, loaded and checked, and where each design's results sit among them. */
export interface SensitivityPlan {
  input: SensitivityInput;
  scenario: string;
  names: string[];
  /** each name's low and high end as factors of its value: its published spread, else ± range, within its bounds */
  ends: Map<string, [number, number]>;
  labels: string[];
  bases: Assumption[][];
  unit: string;
  box: number[][];
  jobs: SweepJob[];
  /** per design, per point (base, each name's low and high end, the samples): the job whose result it is */
  at: number[][];
}

/** Loads every run (a bad setting fails here, before any run starts); a point that sets nothing in a design is its base run. */
export function planSensitivity(input: SensitivityInput): SensitivityPlan {
  const { file, text, variants, sets, metric, range, only } = input;
  const bases = variants.map((v) => loadScenario(file, text, { variant: v, sets }));
  const first = bases[0];
  const units = { ...RUN_METRICS, ...(first.protocol ? protocolNamed(first.protocol.name)!.metrics : {}) };
  if (!(metric in units)) throw new UsageError(`sensitivity: no metric '${metric}'; this scenario has: ${Object.keys(units).join(', ')}`);
  const names = [...new Set(bases.flatMap((b) => dimensionsOf(b.assumptions, only, range)))];
  if (names.length === 0) throw new UsageError(`sensitivity: nothing to vary${only.length ? `: no numeric assumption named ${only.join(', ')}` : ''}`);
  const box = latinHypercube(input.samples, names.length, input.seed);
  // Each name's ends (its published spread, else ± range, within its bounds), as factors of its value.
  const all = bases.flatMap((b) => b.assumptions);
  const ends = new Map(names.map((nm) => [nm, endFactors(all, nm, range)]));
  const endsOf = (nm: string): [number, number] => ends.get(nm)!;
  const points: Map<string, number>[] = [new Map(), ...names.flatMap((nm) => [new Map([[nm, endsOf(nm)[0]]]), new Map([[nm, endsOf(nm)[1]]])]), ...box.map((pt) => factorsAt(names, pt, endsOf))];
  const jobs: SweepJob[] = [];
  const at = bases.map((b, vi) => {
    const base = jobs.length;
    return points.map((f, k) => {
      const set = settingsFor(b.assumptions, f);
      if (k > 0 && set.length === 0) return base; // nothing of this design varies there: its base run answers
      jobs.push({ run: jobs.length, combination: vi, seed: input.runSeed ?? null, settings: {}, scenario: loadScenario(file, text, { variant: variants[vi], sets: [...sets, ...set] }) });
      return jobs.length - 1;
    });
  });
  return { input, scenario: first.name, names, ends, labels: bases.map((b, vi) => variants[vi] ?? b.name), bases: bases.map((b) => b.assumptions), unit: units[metric], box, jobs, at };
}

/** Runs a plan in the sweep's worker pool, with a progress bar, and reads its tornado and its verdict. */
export async function runSensitivity(plan: SensitivityPlan, version: string): Promise<SensitivityReport> {
  const { input, names, labels, bases, box, jobs, ends } = plan;
  const { metric, range } = input;
  const lo = (nm: string): number => ends.get(nm)![0], hi = (nm: string): number => ends.get(nm)![1];
  const progress = createProgress(`sensitivity of ${metric}`);
  let rows: SweepRow[];
  try {
    rows = await runPool<SweepJob, SweepRow>({
      entry: fromRoot('sim/cli/sweep-worker.ts'), workerData: { sweep: { version, maxEvents: input.maxEvents } satisfies SweepInit }, size: input.jobs, jobs,
      describe: (j) => `run ${j.run} of the sensitivity`, onDone: (k) => progress.update(k / jobs.length, `${k}/${jobs.length} runs`),
    });
  } finally {
    progress.done();
  }
  const value = (vi: number, k: number): number => rows[plan.at[vi][k]].metrics[metric] ?? NaN;
  const designs: DesignRuns[] = labels.map((label, vi) => ({
    label,
    base: value(vi, 0),
    ends: new Map(names.map((nm, d) => [nm, [value(vi, 1 + 2 * d), value(vi, 2 + 2 * d)]])),
    samples: box.map((_, s) => value(vi, 1 + 2 * names.length + s)),
  }));
  // One value where every design has the same; where they differ (a variant sets it), the factor of each one's own.
  const endText = (nm: string, f: number): string => {
    const texts = new Set(bases.filter((b) => b.some((a) => a.name === nm)).map((b) => valueAt(b, nm, f)));
    return texts.size === 1 ? [...texts][0] : `each design's own × ${+f.toFixed(3)}`;
  };
  const lower = plan.unit === 's';
  const axes: Axis[] = names.map((nm) => ({
    name: nm, ends: [lo(nm), hi(nm)], at: (f) => endText(nm, f),
    continuous: bases.flat().some((a) => a.name === nm && variable(a) && a.kind !== 'integer'),
  }));
  const ranked = (end: 0 | 1) => (nm: string): string => rankingText(rankPlaces(labels, designs.map((d) => d.ends.get(nm)![end]), lower));
  return {
    scenario: plan.scenario, file: input.file, metric, unit: plan.unit, range, seed: input.seed, names,
    designs: designs.map((d, vi) => ({
      label: d.label, base: d.base,
      bars: names.filter((nm) => bases[vi].some((a) => a.name === nm)).map((nm) => ({
        name: nm, unsourced: bases[vi].some((a) => a.name === nm && a.unsourced),
        lowText: valueAt(bases[vi], nm, lo(nm)), highText: valueAt(bases[vi], nm, hi(nm)), low: d.ends.get(nm)![0], high: d.ends.get(nm)![1],
      })),
    })),
    ranking: designs.length > 1 ? {
      base: rankingText(rankPlaces(labels, designs.map((d) => d.base), lower)),
      ends: names.map((nm) => ({ name: nm, lowText: endText(nm, lo(nm)), low: ranked(0)(nm), highText: endText(nm, hi(nm)), high: ranked(1)(nm) })),
    } : undefined,
    verdict: rankingVerdict(designs, axes, lower, metric),
    samples: box.map((pt, s) => ({ factors: [...factorsAt(names, pt, (nm) => ends.get(nm)!).values()], values: designs.map((d) => d.samples[s]) })),
  };
}

/** An assumption's value at a factor, as read (its first instance: `1 s (2 s × 0.5)`). */
function valueAt(list: readonly Assumption[], name: string, f: number): string {
  const a = list.find((x) => x.name === name && variable(x));
  if (a === undefined) return `× ${f}`;
  const read = (v: number): string => a.kind === 'duration' ? formatQuantity(v / 1e9, 's') : a.kind === 'size' ? formatQuantity(v, 'B') : a.kind === 'rate' ? formatQuantity(v, 'B/s') : formatQuantity(Number(written(a, v)), '');
  // The value as written ("50 Gb/s") when it reads back as the value; a derived default's text ("13.92 (MTU 1500), 6.67 (MTU 9000)") would bury the number.
  const base = readsBack(a) ? a.text : read(a.value as number);
  return `${read((a.value as number) * f)} (${base} × ${+f.toFixed(3)})`;
}

const PARSE_AS: Partial<Record<Assumption['kind'], (x: unknown) => number>> = { size: parseSize, rate: parseRate, duration: parseDuration, number: Number, integer: Number };

/** Whether an assumption's text is its value as written, parsed as its field parses it. */
function readsBack(a: Assumption): boolean {
  try {
    return PARSE_AS[a.kind]?.(a.text) === a.value;
  } catch {
    return false;
  }
}

/** Per design the three assumptions that move the metric most, then the verdict on the ranking. */
export function sensitivityLines(r: SensitivityReport): string[] {
  const q = (v: number): string => formatQuantity(v, r.unit);
  const lines = r.designs.map((d) => {
    // A swing within the tie tolerance moves nothing a verdict could tell.
    const top = tornadoOrder(d.bars).slice(0, 3).filter((b) => Math.abs(b.high - b.low) > TIE * Math.abs(d.base));
    const moved = top.length ? `moved most by ${top.map((b) => `${b.name} (${q(b.low)} at ${b.lowText} … ${q(b.high)} at ${b.highText})`).join(', ')}` : `no assumption moves it by more than ${TIE * 100}%`;
    return `${d.label}: ${r.metric} ${q(d.base)} at the base; ${moved}`;
  });
  return [...lines, ...r.verdict];
}
