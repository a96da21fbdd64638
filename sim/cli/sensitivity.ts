/**
 * `backlab sensitivity FILE`: how far the verdict moves with the numbers it
 * rests on. Each numeric assumption (sim/scenario/assumptions.ts) is set to
 * its low and high end one at a time, then all of them together at a
 * seeded Latin-hypercube sample; every run goes through the sweep's worker
 * pool. Every run is loaded and checked before any starts.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Assumption } from '../foundation/declare.ts';
import { createProgress } from '../../reports/progress.ts';
import { formatQuantity } from '../../reports/format.ts';
import { reportDir } from './out.ts';
import { writeSensitivityReport, type SensitivityReport } from '../../reports/sensitivity.ts';
import type { SweepRow } from '../../reports/sweep.ts';
import { protocolNamed } from '../registry.ts';
import { RUN_METRICS } from '../scenario/metrics.ts';
import { loadScenario } from '../scenario/scenario.ts';
import { runPool } from '../workers/pool.ts';
import { intFlag, parseArgs, UsageError } from './args.ts';
import { readScenarioText } from './scenario-file.ts';
import { dimensionsOf, endFactors, factorsAt, latinHypercube, rankingVerdict, settingsFor, variable, written, type DesignRuns } from './sensitivity-plan.ts';
import type { SweepInit, SweepJob } from './sweep-worker.ts';

export const SENSITIVITY_HELP = `usage: backlab sensitivity FILE --metric M [--variant V ...] [--range 50%] [--only NAME ...] [--samples N] [--seed S] [--jobs N] [--out DIR]

Varies each numeric assumption of the scenario (every published figure and
UNSOURCED constant its report lists) one at a time to its low and high end,
then all of them together at N Latin-hypercube samples, and reruns each
design. Prints, per design, the assumptions that move the metric most, and
whether the ranking of the designs holds over the whole box. Writes
DIR/sensitivity-<file>/ with report.html (a tornado chart per design),
tornado.csv and samples.csv.

  --metric M      the metric to watch (makespan, backup_makespan, ...); a
                  time ranks lower first, anything else higher first
  --variant V     a design to compare (repeat; default: all the scenario's variants)
  --range R       each value ± R (default 50%); a sourced one with a published range within that range
  --only NAME     vary only this assumption (its declared name, or its last
                  part: backhitch); repeat for several
  --samples N     Latin-hypercube samples (default 64; 0: one at a time only)
  --seed S        the sample's seed (default 1)
  --jobs N        worker threads (default: this machine's ${availableParallelism()} CPUs)
  --out DIR       where reports go (default out/)

exit codes: 0 ok, 2 bad input`;

function percent(text: string): number {
  const m = /^([0-9]+(?:\.[0-9]+)?)\s*%$/.exec(text.trim());
  const r = m ? Number(m[1]) / 100 : NaN;
  if (!(r > 0 && r < 1)) throw new UsageError(`sensitivity: --range takes a share between 0% and 100%, such as 50%, not '${text}'`);
  return r;
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
  const range = percent(p.flags.get('range')?.[0] ?? '50%');
  const n = intFlag(p, 'samples', 'sensitivity', 0) ?? 64;
  const seed = intFlag(p, 'seed', 'sensitivity', 0) ?? 1;
  const jobs = intFlag(p, 'jobs', 'sensitivity', 1) ?? availableParallelism();
  // Where the report goes is checked before any run: a folder backlab did not write is refused now, not after them.
  const dir = reportDir(p, 'sensitivity', file, { prefix: 'sensitivity-' });
  const text = readScenarioText(file);

  const first = loadScenario(file, text);
  const variants: (string | undefined)[] = p.flags.get('variant') ?? (first.variants.length ? first.variants : [undefined]);
  const bases = variants.map((v) => (v === undefined ? first : loadScenario(file, text, { variant: v })));
  const units = { ...RUN_METRICS, ...(first.protocol ? protocolNamed(first.protocol.name)!.metrics : {}) };
  if (!(metric in units)) throw new UsageError(`sensitivity: no metric '${metric}'; this scenario has: ${Object.keys(units).join(', ')}`);
  const only = p.flags.get('only') ?? [];
  const names = [...new Set(bases.flatMap((b) => dimensionsOf(b.assumptions, only, range)))];
  // Each name's ends (its published spread, else ± range, within its bounds), as factors of its value.
  const ends = (nm: string): [number, number] => endFactors(bases.flatMap((b) => b.assumptions), nm, range);
  if (names.length === 0) throw new UsageError(`sensitivity: nothing to vary${only.length ? `: no numeric assumption named ${only.join(', ')}` : ''}`);

  // Per design: the base, each name's low and high end, then the samples; all loaded before any run.
  const points: Map<string, number>[] = [new Map(), ...names.flatMap((nm) => [new Map([[nm, ends(nm)[0]]]), new Map([[nm, ends(nm)[1]]])])];
  const box = latinHypercube(n, names.length, seed);
  points.push(...box.map((pt) => factorsAt(names, pt, ends)));
  const runs: SweepJob[] = bases.flatMap((b, vi) => points.map((f): SweepJob => ({
    run: vi * points.length, combination: vi, seed: null, settings: {},
    scenario: loadScenario(file, text, { variant: variants[vi], sets: settingsFor(b.assumptions, f) }),
  }))).map((j, i) => ({ ...j, run: i }));

  const progress = createProgress(`${first.name} sensitivity`);
  let rows: SweepRow[];
  try {
    rows = await runPool<SweepJob, SweepRow>({
      entry: new URL('./sweep-worker.ts', import.meta.url), workerData: { sweep: { version } satisfies SweepInit }, size: jobs, jobs: runs,
      describe: (j) => `run ${j.run} of the sensitivity`, onDone: (k) => progress.update(k / runs.length, `${k}/${runs.length} runs`),
    });
  } finally {
    progress.done();
  }
  const at = (vi: number, k: number): number => rows[vi * points.length + k].metrics[metric] ?? NaN;
  const designs: DesignRuns[] = bases.map((b, vi) => ({
    label: variants[vi] ?? b.name,
    base: at(vi, 0),
    ends: new Map(names.map((nm, d) => [nm, [at(vi, 1 + 2 * d), at(vi, 2 + 2 * d)]])),
    samples: box.map((_, s) => at(vi, 1 + 2 * names.length + s)),
  }));
  const endText = (nm: string, f: number): string => endsOf(bases[0].assumptions, nm, f);
  const lower = units[metric] === 's';
  const report: SensitivityReport = {
    scenario: first.name, file, metric, unit: units[metric], range, seed, names,
    designs: designs.map((d, vi) => ({
      label: d.label, base: d.base,
      bars: names.filter((nm) => bases[vi].assumptions.some((a) => a.name === nm)).map((nm) => ({
        name: nm, unsourced: bases[vi].assumptions.some((a) => a.name === nm && a.unsourced),
        lowText: endText(nm, ends(nm)[0]), highText: endText(nm, ends(nm)[1]), low: d.ends.get(nm)![0], high: d.ends.get(nm)![1],
      })),
    })),
    verdict: rankingVerdict(designs, names, (nm) => [endText(nm, ends(nm)[0]), endText(nm, ends(nm)[1])], lower, metric),
    samples: box.map((pt, s) => ({ factors: [...factorsAt(names, pt, ends).values()], values: designs.map((d) => d.samples[s]) })),
  };
  printSensitivity(report);
  writeSensitivityReport(report, dir, version);
  console.log(`report: ${join(dir, 'report.html')}`);
  return 0;
}

/** An assumption's value at a factor, as read (its first instance: `2 s × 0.5 = 1 s`). */
function endsOf(list: readonly Assumption[], name: string, f: number): string {
  const a = list.find((x) => x.name === name && variable(x));
  if (a === undefined) return `× ${f}`;
  const v = (a.value as number) * f;
  const read = a.kind === 'duration' ? formatQuantity(v / 1e9, 's') : a.kind === 'size' ? formatQuantity(v, 'B') : a.kind === 'rate' ? formatQuantity(v, 'B/s') : String(written(a, v));
  return `${read} (${a.text} × ${+f.toFixed(3)})`;
}

function printSensitivity(r: SensitivityReport): void {
  for (const d of r.designs) {
    const top = [...d.bars].sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low)).slice(0, 5);
    console.log(`${d.label}: ${r.metric} ${d.base} at the base; widest swings: ${top.map((b) => `${b.name} ${b.low}..${b.high}`).join(', ')}`);
  }
  for (const v of r.verdict) console.log(v);
}
