/** `backlab run FILE`: one run, a table on screen, a report on disk. */
import { hasOwnFlows } from '../../reports/compared-metrics.ts';
import { assumptionTally } from '../../reports/assumptions.ts';
import { join } from 'node:path';
import { writeRunReport } from '../../reports/write.ts';
import { createProgress } from '../../reports/progress.ts';
import { RUN_METRICS } from '../scenario/metrics.ts';
import type { JobRow, RunResult } from '../foundation/result.ts';
import { toChromeTrace } from '../trace/chrome.ts';
import { readTrace } from '../trace/reader.ts';
import { MemorySink } from '../trace/sink.ts';
import { FileSink } from '../trace/file-sink.ts';
import { traceFileSink } from './trace-file.ts';
import { readFileSync } from 'node:fs';
import { formatTime } from '../foundation/time.ts';
import { intFlag, LIMIT_FLAGS, LIMIT_HELP, maxEventsFlag, parseArgs, UsageError, workersFlag } from './args.ts';
import { loadScenarioFile, maxFileBytes, settingsOf } from './scenario-file.ts';
import { duration, metric, rate, table, bytes } from './table.ts';
import { readableReason } from '../../reports/format.ts';
import { withPlacement } from './placed.ts';
import { reportDir } from './out.ts';
import { saidOf } from '../../reports/said.ts';
import { hasYear } from '../../reports/year.ts';

export const RUN_HELP = `usage: backlab run FILE [--seed N] [--until T] [--set path=value ...] [--variant NAME] [--workers N] [--out DIR] [--trace] [--trace-file FILE]

Runs one scenario headless. Prints the flows, links and checks, the seed and
the trace hash; writes DIR/<FILE>/ (FILE's name without its extension, with
-<variant> for a variant) with summary.json, flows.csv, jobs.csv, links.csv,
devices.csv, timeseries.csv, checks.csv and report.html; with scheduled
nights or storage readings, also nights.csv, days.csv and year.html.

  --seed N          seed of every random stream (default: the scenario's)
  --until T         stop at this virtual time, e.g. "8 h"
  --set path=value  change one field first, e.g. --set topology.links.wan.bandwidth="155 Mb/s"
  --variant NAME    run one of the scenario's variants
  --workers N       run the actors in N worker threads, placed round robin
                    (default: the scenario's \`workers:\`, else in-process);
                    the results and trace hash do not change
  --out DIR         where reports go (default out/)
  --trace           also write trace.json (Chrome Trace Event format; open it in Perfetto UI)
  --trace-file FILE stream the binary trace to FILE as the run goes (memory stays
                    bounded however long the run); sha256sum FILE is the trace hash
${LIMIT_HELP}

exit codes: 0 ok, 1 a check failed, 2 bad input, 70 a bug (an internal error)`;

export async function runCommand(argv: string[], version: string): Promise<number> {
  const p = parseArgs(argv, { seed: { value: true }, until: { value: true }, set: { value: true, many: true }, variant: { value: true }, workers: { value: true }, out: { value: true }, trace: { value: false }, 'trace-file': { value: true }, help: { value: false }, ...LIMIT_FLAGS }, 'run');
  if (p.flags.has('help')) { console.log(RUN_HELP); return 0; }
  if (p.positional.length !== 1) throw new UsageError(`run: needs exactly one scenario FILE${p.positional.length > 1 ? ` (got ${p.positional.join(', ')})` : ''}. Try 'backlab run --help'.`);
  const file = p.positional[0];
  const variant = p.flags.get('variant')?.[0];
  // Every flag is checked before the file is read.
  const seed = intFlag(p, 'seed', 'run');
  const maxEvents = maxEventsFlag(p, 'run');
  const flagWorkers = workersFlag(p, 'run');
  const sets = settingsOf(p, 'run');
  const scn = loadScenarioFile(file, { variant, sets, maxBytes: maxFileBytes(p, 'run') });
  const workers = flagWorkers ?? scn.workers;
  const dir = reportDir(p, 'run', file, { variant });
  const traceFile = p.flags.get('trace-file')?.[0];
  const sink = traceFile !== undefined ? traceFileSink(traceFile) : p.flags.has('trace') ? new MemorySink() : undefined;
  const progress = createProgress(scn.name);
  const { result, placement } = await withPlacement(workers, (run) => run(scn, {
    seed, sink, version, maxEvents,
    onProgress: (now, until, events) => progress.update(until ? now / until : null, `t = ${formatTime(now)}, ${events} events`),
  })).catch((e: unknown) => {
    if (sink instanceof FileSink) sink.abort();
    throw e;
  }).finally(() => progress.done());
  printRun(result);
  if (workers > 0) console.log(placement);
  const traceBytes = (): Uint8Array => (sink instanceof MemorySink ? sink.bytes() : readFileSync(traceFile!));
  writeRunReport(result, dir, p.flags.has('trace') ? { chromeTrace: toChromeTrace(readTrace(traceBytes())) } : {});
  if (traceFile !== undefined) console.log(`trace: ${traceFile} (${result.traceBytes} bytes, SHA-256 ${result.traceHash})`);
  console.log(`${assumptionTally(result.assumptions)}: see the report's assumptions`);
  console.log(`report: ${join(dir, 'report.html')}${hasYear(result) ? `, days and nights: ${join(dir, 'year.html')}` : ''}`);
  return result.checks.some((c) => !c.pass) ? 1 : 0;
}

/** The most flows printed: a protocol's run has thousands (every tape stream); flows.csv lists them all. */
const SCREEN_FLOWS = 25;
/** The most links printed: the flagship's fabric has 61; a generic scenario of 100,000 flows over their own links printed 6 MB. */
const SCREEN_LINKS = 100;
/** The most missed windows printed: 100 clients over 100 nights can miss 10,000; jobs.csv and the report list them all. */
const SCREEN_MISSED = 25;

export function printRun(r: RunResult): void {
  console.log(`${r.scenario}${r.variant ? ` [${r.variant}]` : ''}${r.description ? `\n${r.description.trim()}` : ''}\n`);
  if (r.flows.length > 0) {
    console.log(table(['flow', 'route', 'size', 'start', 'end', 'throughput', 'status'], r.flows.slice(0, SCREEN_FLOWS).map((f) => [
      f.name, f.route.join('>'), bytes(f.bytes), duration(f.start), f.end === null ? '-' : duration(f.end),
      f.throughput === null ? '-' : rate(f.throughput), f.status,
    ])));
    if (r.flows.length > SCREEN_FLOWS) console.log(`... and ${r.flows.length - SCREEN_FLOWS} more flows: flows.csv lists them all`);
    console.log();
  }
  const jobs = r.jobs.filter((j) => j.kind !== 'transfer');
  if (jobs.length > 0) {
    console.log(table(['job', 'kind', 'start', 'end', 'bytes', 'status'], jobs.map((j) => [
      j.name, j.kind, duration(j.start), j.end === null ? '-' : duration(j.end), bytes(j.bytes), j.status + (j.reason ? `: ${readableReason(j.reason)}` : ''),
    ])));
    const missed = jobs.filter((j) => j.window?.verdict === 'missed');
    for (const j of missed.slice(0, SCREEN_MISSED)) console.log(missedLine(j, j.window!));
    if (missed.length > SCREEN_MISSED) console.log(`... and ${missed.length - SCREEN_MISSED} more missed windows: jobs.csv lists them all (its window column)`);
    console.log();
  }
  if (r.devices.length > 0) {
    console.log(table(['device', 'kind', 'carried', 'busy', 'mean util'], r.devices.map((d) => [
      d.name, d.kind, bytes(d.bytes), duration(d.busy), `${(100 * d.meanUtilisation).toFixed(1)}%`,
    ])));
    console.log();
  }
  console.log(table(['link', 'bandwidth', 'carried', 'busy', 'mean util', 'peak util'], r.links.slice(0, SCREEN_LINKS).map((l) => [
    l.name, rate(l.bandwidth), bytes(l.bytes), duration(l.busy), `${(100 * l.meanUtilisation).toFixed(1)}%`, `${(100 * l.peakUtilisation).toFixed(1)}%`,
  ])));
  if (r.links.length > SCREEN_LINKS) console.log(`... and ${r.links.length - SCREEN_LINKS} more links: links.csv lists them all`);
  console.log();
  const shown = ['makespan', ...(hasOwnFlows(r) ? ['bytes_delivered'] : []), ...(r.jobs.some((j) => j.kind !== 'transfer') ? ['job_bytes'] : []), 'bytes_lost', 'throughput'];
  console.log(shown.filter((m) => m in r.metrics).map((m) => `${m} ${metric(r.metrics[m], r.units[m])}`).join('   '));
  const said = Object.entries(saidOf(r));
  if (r.protocol !== null) {
    const own = Object.keys(r.units).filter((m) => !(m in RUN_METRICS));
    console.log(`\n${r.protocol}:`);
    console.log(table(['measure', 'value'], [...own.map((m) => [m, metric(r.metrics[m], r.units[m])]), ...said]));
  } else if (said.length > 0) {
    console.log(`\n${table(['measure', 'value'], said)}`);
  }
  for (const c of r.checks) {
    console.log(`${c.pass ? 'PASS' : 'FAIL'}  ${c.check}   (measured ${c.measured === null ? 'nothing' : metric(c.measured, r.units[c.metric])})`);
  }
  console.log(`\nseed ${r.seed}  trace ${r.traceHash}  (${r.events} events, stopped: ${r.stopReason} at ${duration(r.endTime)})`);
}

/** One line per night that missed its backup window: which, when the window closed, and by how much. */
function missedLine(j: JobRow, w: NonNullable<JobRow['window']>): string {
  const by = j.status === 'running' ? `still running when the run stopped, at least ${duration(w.missedBy ?? 0)} past it`
    : w.missedBy === null ? 'cancelled when it closed' : `ended ${duration(w.missedBy)} after it`;
  return `MISSED  ${j.name}: window closed at ${duration(w.end)}; ${by}`;
}
