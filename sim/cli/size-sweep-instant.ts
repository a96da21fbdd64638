/**
 * `backlab size FILE --sweep-instant FAULT`: the exposure to one fault over
 * its instant. The fault is run at N instants evenly across a window (a
 * replication cycle, a backup window), each a whole run, and the goal's
 * metrics (RPO and RTO by default, where the protocol measures them) are
 * given as the worst case and percentiles over the instants. The worst
 * instant's run is printed as the backlab run line that replays it, with its
 * trace hash, so what the percentiles hide can be opened and read.
 */
import type { Check } from '../foundation/scenario.ts';
import type { SweepRow } from '../../reports/sweep.ts';
import type { InstantReport } from '../../reports/size-instant.ts';
import type { Setting } from '../scenario/overrides.ts';
import { evaluateCheck } from '../scenario/checks.ts';
import { UsageError } from './args.ts';
import { faultSetting, instantText, namedFaults, replayCommand } from './size-faults.ts';
import { scanInstants, spreadOf } from './size-instant.ts';

/** What the run of the sweep needs from the size command: how to run a batch of fault settings × seeds. */
export interface InstantContext {
  file: string; text: string; variant: string | undefined; sets: readonly Setting[]; scenario: string;
  goals: Check[]; units: Record<string, string>; seeds: number;
  window: { from: number; to: number } | null;
  instants: number;
  run: (extra: Setting[][], labels: Record<string, string>[]) => Promise<SweepRow[][]>;
}

/** Where a protocol measures RPO and RTO at its disaster, those; else the run's makespan. */
const DEFAULT_METRICS = ['rpo_instant', 'rto_instant'];

export async function sweepInstant(arg: string, x: InstantContext): Promise<InstantReport> {
  const { cases, kept } = namedFaults(arg, '--sweep-instant', x.text, x.variant);
  if (cases.length !== 1) throw new UsageError(`size: --sweep-instant ${arg} names ${cases.length} faults; it moves one (name it, e.g. ${cases[0].name})`);
  const fault = cases[0];
  const metrics = x.goals.length > 0 ? [...new Set(x.goals.map((g) => g.metric))] : DEFAULT_METRICS.filter((m) => m in x.units).concat(DEFAULT_METRICS.some((m) => m in x.units) ? [] : ['makespan']);
  const larger = (m: string): boolean => { const g = x.goals.find((c) => c.metric === m); return g === undefined || g.op === '<' || g.op === '<='; };
  let window = x.window;
  let runs = 0;
  if (window === null) {
    const [base] = await x.run([[faultSetting(kept, null, 0)]], [{}]);
    runs += base.length;
    window = { from: 0, to: Math.max(...base.map((r) => r.metrics.makespan ?? 0)) };
  }
  const ats = scanInstants(window.from, window.to, x.instants);
  const settingAt = (t: number): Setting => faultSetting(kept, fault, t);
  const out = await x.run(ats.map((t) => [settingAt(t)]), ats.map((t) => ({ fault: fault.name, fault_at: instantText(t) })));
  runs += out.length * x.seeds;
  const rows = out.flat();
  const atOf = (r: SweepRow): number => ats[Math.floor(rows.indexOf(r) / x.seeds)];
  const value = (r: SweepRow, m: string): number => r.metrics[m] ?? NaN;
  const worstRow = (m: string): SweepRow => rows.reduce((a, b) => ((larger(m) ? value(b, m) > value(a, m) : value(b, m) < value(a, m)) ? b : a));
  const first = worstRow(metrics[0]);
  const unit = (m: string): string => rows.find((r) => m in r.units)?.units[m] ?? '';
  return {
    file: x.file, scenario: x.scenario, fault: fault.name, from: window.from, to: window.to, instants: ats.length, seeds: x.seeds, runs,
    metrics: metrics.map((m) => ({ metric: m, unit: unit(m), ...spreadOf(rows.map((r) => value(r, m)), larger(m)), at: atOf(worstRow(m)) })),
    goals: x.goals.map((g) => ({ goal: g.text, met: rows.every((r) => evaluateCheck(g, r.metrics).pass) })),
    worst: { metric: metrics[0], at: atOf(first), seed: first.seed, traceHash: first.traceHash, replay: replayCommand(x.file, x.variant, [...x.sets, settingAt(atOf(first))], first.seed) },
  };
}
