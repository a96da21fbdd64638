/** `backlab compare`: designs side by side, from one scenario's variants or from several files. */
import { basename, join } from 'node:path';
import { writeCompareReport } from '../../reports/write.ts';
import { comparedMetrics } from '../../reports/compared-metrics.ts';
import type { RunResult } from '../foundation/result.ts';
import { intFlag, LIMIT_FLAGS, LIMIT_HELP, maxEventsFlag, parseArgs, UsageError, workersFlag, type Parsed } from './args.ts';
import { withPlacement } from './placed.ts';
import { reportDir } from './out.ts';
import { loadScenarioFile, maxFileBytes, readScenarioText, settingsOf } from './scenario-file.ts';
import { planSensitivity, runSensitivity, sensitivityFlags, sensitivityLines, SENSITIVITY_FLAGS_HELP, type SensitivityPlan } from './sensitivity.ts';
import type { Setting } from '../scenario/overrides.ts';
import { metric, table } from './table.ts';
import { saidOf } from '../../reports/said.ts';

export const COMPARE_HELP = `usage: backlab compare FILE [FILE ...] [--seed N] [--set path=value ...] [--workers N] [--out DIR]
                      [--sensitivity N --metric M [--range 50%] [--only NAME ...] [--jobs N]]

With one file that lists variants, runs every variant; with several files,
runs each. Prints the metrics side by side and writes DIR/compare-<FILE>/
with compare.csv and report.html. --workers N runs the actors of every run
in N worker threads (default: the largest \`workers:\` of the scenarios, else
in-process); the results do not change.

--sensitivity N then asks whether the verdict holds (as backlab sensitivity
does, on the variants of one file): each numeric assumption to its low and
high end one at a time, then N Latin-hypercube samples over all of them
(seed 1), every run in the sweep's worker pool. Prints each design's three
most moving assumptions and the ranking's verdict (designs within 0.1% are
tied; which end changes the ranking, and at about what value), and adds the
verdict and a tornado per design to report.html (tornado.csv, samples.csv).

  --metric M      the metric it watches (default makespan); a time ranks
                  lower first, anything else higher first
${SENSITIVITY_FLAGS_HELP}
${LIMIT_HELP}`;

export async function compareCommand(argv: string[], version: string): Promise<number> {
  const p = parseArgs(argv, {
    seed: { value: true }, until: { value: true }, set: { value: true, many: true }, workers: { value: true }, out: { value: true }, help: { value: false },
    sensitivity: { value: true }, metric: { value: true }, range: { value: true }, only: { value: true, many: true }, jobs: { value: true }, ...LIMIT_FLAGS,
  }, 'compare');
  if (p.flags.has('help')) { console.log(COMPARE_HELP); return 0; }
  if (p.positional.length === 0) throw new UsageError("compare: needs a scenario FILE with variants, or several FILEs. Try 'backlab compare --help'.");
  const sets = settingsOf(p, 'compare');
  const seed = intFlag(p, 'seed', 'compare');
  const maxEvents = maxEventsFlag(p, 'compare');
  const maxBytes = maxFileBytes(p, 'compare');
  const flagWorkers = workersFlag(p, 'compare');
  const runs: { file: string; variant?: string }[] = [];
  if (p.positional.length === 1) {
    const base = loadScenarioFile(p.positional[0], { sets, maxBytes });
    if (base.variants.length === 0) throw new UsageError(`compare: ${p.positional[0]} has no variants; give several files, or add variants to it`);
    for (const v of base.variants) runs.push({ file: p.positional[0], variant: v });
  } else {
    for (const f of p.positional) runs.push({ file: f });
  }
  // Load everything before running anything: a bad file fails fast and writes nothing.
  const scenarios = runs.map((r) => loadScenarioFile(r.file, { variant: r.variant, sets, maxBytes }));
  const workers = flagWorkers ?? Math.max(...scenarios.map((s) => s.workers));
  const dir = reportDir(p, 'compare', p.positional[0], { prefix: 'compare-' });
  const plan = sensitivityPlan(p, runs, { sets, seed, maxEvents, maxBytes });
  const placements: string[] = [];
  const results: RunResult[] = await withPlacement(workers, async (run) => {
    const out: RunResult[] = [];
    for (const s of scenarios) {
      const r = await run(s, { seed, version, maxEvents });
      out.push(r.result);
      placements.push(r.placement);
    }
    return out;
  });
  const names = results.map((r, i) => r.variant ?? basename(runs[i].file).replace(/\.[^.]+$/, ''));
  const metrics = comparedMetrics(results).filter((m) => results.every((r) => m in r.metrics));
  const said = results.map((r) => saidOf(r));
  const findings = [...new Set(said.flatMap((f) => Object.keys(f)))];
  console.log(table(['metric', ...names], [
    ...metrics.map((m) => [m, ...results.map((r) => metric(r.metrics[m], r.units[m]))]),
    ...findings.map((f) => [f, ...said.map((s) => s[f] ?? '-')]),
  ]));
  for (const [i, r] of results.entries()) {
    for (const c of r.checks) if (!c.pass) console.log(`FAIL  ${names[i]}: ${c.check}`);
    console.log(`${names[i]}: seed ${r.seed}  trace ${r.traceHash}${workers > 0 ? `  (${placements[i]})` : ''}`);
  }
  const sensitivity = plan === undefined ? undefined : await runSensitivity(plan, version);
  if (sensitivity !== undefined) console.log(`\nsensitivity of ${sensitivity.metric}:\n${sensitivityLines(sensitivity).join('\n')}`);
  writeCompareReport(results, dir, sensitivity);
  console.log(`report: ${join(dir, 'report.html')}`);
  return results.some((r) => r.checks.some((c) => !c.pass)) ? 1 : 0;
}

/** --sensitivity N: every run of it loaded and checked now, before the comparison's own. */
function sensitivityPlan(p: Parsed, runs: readonly { file: string; variant?: string }[], o: { sets: Setting[]; seed?: number; maxEvents: number; maxBytes: number }): SensitivityPlan | undefined {
  const samples = intFlag(p, 'sensitivity', 'compare', 0);
  if (samples === undefined) {
    const stray = ['metric', 'range', 'only', 'jobs'].find((f) => p.flags.has(f));
    if (stray !== undefined) throw new UsageError(`compare: --${stray} is a flag of --sensitivity N; add --sensitivity N or leave it out`);
    return undefined;
  }
  if (runs.some((r) => r.file !== runs[0].file)) throw new UsageError('compare: --sensitivity weighs the variants of one scenario file; give one FILE');
  const file = runs[0].file;
  return planSensitivity({
    file, text: readScenarioText(file, o.maxBytes), variants: runs.map((r) => r.variant), sets: o.sets, metric: p.flags.get('metric')?.[0] ?? 'makespan',
    samples, seed: 1, runSeed: o.seed, maxEvents: o.maxEvents, ...sensitivityFlags(p, 'compare'),
  });
}
