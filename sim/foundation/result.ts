/**
 * What one run of a scenario produced: the data every report is made from.
 * Plain data (structured-cloneable), so a sweep's worker threads can send it
 * back. Times are seconds and sizes bytes here: a result is for people and
 * their tools, not for the engine.
 */

import type { RunFinding } from './findings.ts';
import type { LimiterShare, Stretch } from './limits.ts';
import type { Assumption } from './declare.ts';
import type { ReportSpec } from './scenario.ts';
export interface FlowRow {
  /** the trace's flow id; none for a scenario flow that never started */
  id?: number;
  name: string;
  /** Who asked for it: the actor (a protocol role, or the flow's own name in a network scenario). */
  actor: string;
  /** the actor whose request it served, when not its own (a client's write a tape drive streams) */
  for?: string;
  /** the job it served, and that job's kind: the phase */
  job?: string;
  phase?: string;
  from?: string;
  to?: string;
  route: string[];
  bytes: number;
  delivered: number;
  status: 'done' | 'failed' | 'cancelled' | 'running';
  /** seconds */
  start: number;
  /** seconds; null while running at the end of the run */
  end: number | null;
  /** delivered / (end - start), bytes/s; null if it never ran */
  throughput: number | null;
  /** why it failed */
  reason?: string;
  label?: string;
}

export interface JobRow {
  name: string;
  /** backup, restore, transfer, replication, snapshot, failover ... */
  kind: string;
  actor: string;
  status: 'completed' | 'failed' | 'running';
  start: number;
  end: number | null;
  bytes: number;
  reason?: string;
  /** the stable code of the error it failed with, when the protocol passed one on (foundation/errors.ts) */
  code?: string;
  /** a workload job's step results: each numeric field summed over its steps, keyed `<op>.<field>` (e.g. `vtl.replicate.storedBytes`) */
  results?: Record<string, number>;
  /** a scheduled job's backup window: when it closed (s), its verdict (sim/scenario/windows.ts; open: the run stopped first), and by how long a completed run missed it (s; null when it never completed) */
  window?: { end: number; verdict: 'met' | 'missed' | 'failed' | 'open'; missedBy: number | null };
  /** a scheduled job's occurrence with data: its backup level, the bytes that level moves of the client's data, and the data's size that day (what a full moves) */
  backup?: { level: string; bytes: number; size: number };
}

export interface LinkRow {
  name: string;
  /** bytes/s at the end of the run */
  bandwidth: number;
  latency: number;
  bytes: number;
  /** seconds with at least one flow moving */
  busy: number;
  /** bytes / (bandwidth * run length) */
  meanUtilisation: number;
  /** highest per-interval mean utilisation */
  peakUtilisation: number;
}

export interface DeviceRow {
  name: string;
  kind: string;
  bytes: number;
  busy: number;
  meanUtilisation: number;
  /** what the device's family counts of it (a tape drive's mounts, a VTL's stored bytes), named with their unit: FamilyRuntime.report */
  counters?: Record<string, number>;
}

/** One link's or device's mean load over each sampling interval of its run's Timeseries. */
export interface SampledSeries {
  kind: 'link' | 'device';
  name: string;
  /** the link's capacity, bytes/s: a sample's utilisation is its rate over this */
  bandwidth: number;
  /** bytes/s averaged over each interval, one per entry of Timeseries.t */
  rate: number[];
}

/** Mean loads per sampling interval, columnar: one time axis shared by every series (links × samples numbers, no per-sample objects). */
export interface Timeseries {
  /** interval starts, seconds */
  t: number[];
  series: SampledSeries[];
}

export interface CheckRow {
  /** as written in the scenario, e.g. "makespan < 8 h" */
  check: string;
  metric: string;
  op: string;
  /** the bound in the metric's unit (seconds, bytes, or a count) */
  expected: number;
  measured: number | null;
  pass: boolean;
}

/**
 * One phase's bottleneck: the class that limited most of its bytes
 * (the Stretch fields, seconds), and every limiter's bytes in it.
 * Phase 'run' is the whole run; the others are job kinds, each from its
 * first job's start to its last job's end.
 */
export interface PhaseBottleneck extends Stretch {
  phase: string;
  resources: LimiterShare[];
}

/** What limited the bytes a run moved (sim/scenario/limit-timeline.ts). */
export interface Bottlenecks {
  phases: PhaseBottleneck[];
  /** the dominant bottleneck, stretch by stretch, seconds */
  timeline: Stretch[];
}

export interface RunResult {
  scenario: string;
  file: string;
  description: string;
  variant: string | null;
  /** --set overrides and variant settings applied, as path=value strings */
  settings: string[];
  seed: number;
  backlab: string;
  traceHash: string;
  traceBytes: number;
  events: number;
  /** seconds: where the clock stopped, and why */
  endTime: number;
  stopReason: string;
  /** Headline numbers by name, in their base unit (seconds, bytes, counts); checks read these. */
  metrics: Record<string, number>;
  /** Unit of each metric: 's', 'B', 'B/s' or '' for counts. */
  units: Record<string, string>;
  /** the protocol that ran, if any */
  protocol: string | null;
  /** what the protocol says of the run, as data: its bottleneck, the design (findingsText words them) */
  findings: RunFinding[];
  /** which resources limited how many of the bytes moved, per phase and over time */
  bottlenecks: Bottlenecks;
  flows: FlowRow[];
  jobs: JobRow[];
  links: LinkRow[];
  devices: DeviceRow[];
  /** sampling interval of `timeseries`, seconds */
  interval: number;
  /** what the scenario says its report is for; absent in results written before it existed */
  report?: ReportSpec;
  timeseries: Timeseries;
  checks: CheckRow[];
  /** every published figure and UNSOURCED assumption the run used, with its value and source (sim/scenario/assumptions.ts) */
  assumptions: Assumption[];
  /** what storage held as it changed (sim/engine/ledger.ts), in time order */
  ledger: LedgerRow[];
  /** the calendar instant of time 0 (the scenario's calendar.epoch), minutes since 1970-01-01 00:00; absent in results made before it was kept */
  epoch?: number;
}

/** A reading of the ledger: `measure` of `subject` was `value` from `at` (seconds) on. */
export interface LedgerRow {
  at: number;
  subject: string;
  measure: string;
  value: number;
}
