/**
 * A scenario as the simulator uses it: plain data, checked, with every
 * quantity in bytes, bytes/s or ticks (sim/scenario/scenario.ts loads it).
 * Plain enough to survive structuredClone, which is how sweep workers get it.
 */

import type { Assumption } from './declare.ts';

export type MetricUnit = 's' | 'B' | 'B/s' | '';

export interface Check {
  text: string;
  metric: string;
  op: '<' | '<=' | '>' | '>=' | '==' | '!=';
  /** in the metric's unit: seconds, bytes, bytes/s or a count */
  value: number;
}

export interface LinkDef {
  name: string;
  between?: [string, string];
  bandwidth: number;
  latency: number;
  flowCap?: number;
}

/** How the network shares bandwidth (sim/net/model.ts reads it; sim/scenario/sections.ts declares it). */
export interface NetworkModelDef {
  model: 'maxmin' | 'simgrid-lv08' | 'simgrid-cm02';
  /** multiplies the latency a flow pays before its first byte */
  latencyFactor: number;
  /** multiplies every link's bandwidth as flows see it */
  bandwidthFactor: number;
  /** share bandwidth in inverse proportion to each flow's route latency + weightS / bandwidth */
  rttWeighted: boolean;
  /** bytes; SimGrid's weight-S */
  weightS: number;
  /** bytes; a flow's rate is at most bandwidthFactor * tcpGamma / (2 * route latency); 0: no bound */
  tcpGamma: number;
  /** fraction of each flow's rate its acknowledgements take on the same links, the other way */
  crossTraffic: number;
}

export interface FlowDef {
  name: string;
  from?: string;
  to?: string;
  route: string[];
  bytes: number;
  start: number;
  cap?: number;
}

export interface JobDef {
  name: string;
  kind: string;
  start: number;
  /** plain commands, units resolved */
  steps: (Record<string, unknown> & { op: string })[];
  /** an occurrence of a scheduled job with a backup window: when the window closes (ticks) and what happens to a run still going then */
  window?: { end: number; onMiss: 'continue' | 'cancel' };
  /** a scheduled job's retries: a failed run starts again from its first step after `period` ticks, at most `count` times */
  retry?: { count: number; period: number };
  /** an occurrence of a scheduled job with data: its backup level, the bytes that level moves and the data's size that day (sim/scenario/backup-levels.ts) */
  backup?: { level: BackupLevel; bytes: number; size: number };
  /** the first occurrence of a scheduled job with data: its plan, what a run with another seed redraws when the daily change is drawn (sim/scenario/reseed.ts) and what the fuzz's level checks read */
  plan?: DataPlan;
}

export type BackupLevel = 'full' | 'incremental' | 'differential' | 'synthetic-full';

/** A scheduled job's data and the levels of its occurrences, from which each occurrence's bytes follow (sim/scenario/backup-levels.ts). */
export interface DataPlan {
  job: string;
  model: { size: number; change: number; growth: number; changeSpread: number; overlap: 'random' | 'none' };
  /** each occurrence's level by the policy, and its day counted from the calendar's epoch day */
  levels: BackupLevel[];
  days: number[];
  /** the job's steps as written, `data` where an occurrence's bytes go */
  steps: JobDef['steps'];
}

export type FaultDef =
  | { kind: 'link-down' | 'link-up' | 'host-fails' | 'host-recovers' | 'site-fails' | 'device-fails'; at: number; target: string; index: number }
  | { kind: 'migrate'; at: number; target: string; to: string; index: number }
  | { kind: 'random'; index: number; failure: 'link-flap' | 'host-failure'; targets: string[]; mtbf: number; mttr: number; from: number; until: number };

export interface Scenario {
  file: string;
  name: string;
  description: string;
  seed: number;
  /** ticks; null: run until nothing is left to do */
  until: number | null;
  /** the calendar instant of time 0 (calendar.epoch), minutes since 1970-01-01 00:00 */
  epoch: number;
  /** worker threads or Web Workers for the actors; 0: in-process (sim/workers/) */
  workers: number;
  /** how flows share links (sim/net/model.ts) */
  network: NetworkModelDef;
  sites: string[];
  /** host name -> site */
  hosts: Map<string, string | undefined>;
  switches: Map<string, string | undefined>;
  links: LinkDef[];
  flows: FlowDef[];
  jobs: JobDef[];
  /** each equipment family's resolved section, by topology key */
  models: Map<string, unknown>;
  faults: FaultDef[];
  /** the protocol's resolved parameters (Protocol.resolve), or null for a network or job scenario */
  protocol: { name: string; def: unknown } | null;
  checks: Check[];
  /** ticks; null: chosen from the run's length */
  interval: number | null;
  /** what the scenario's reports are for (`report:` less its interval) */
  report: ReportSpec;
  variants: string[];
  variant: string | null;
  settings: string[];
  /** every published figure and UNSOURCED assumption of its families and protocol, with this run's value (sim/scenario/assumptions.ts) */
  assumptions: Assumption[];
}

/** What a scenario says its report is for: the metrics it leads with and the axis a sweep draws them along. */
export interface ReportSpec {
  /** metrics drawn first, in this order */
  headline: string[];
  /** the swept setting the headline runs along (a --set path), or null: the sweep's own choice */
  x: string | null;
  scale: 'linear' | 'log2';
}
