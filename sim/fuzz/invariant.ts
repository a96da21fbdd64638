/** What an invariant is and what it sees of a finished run: the core list (invariants.ts) and every added list share it. */
import type { Scenario } from '../foundation/scenario.ts';
import type { RunResult } from '../foundation/result.ts';
import type { TraceRecord } from '../trace/reader.ts';

/** What a finished run lets the checks see. */
export interface RunProbe {
  scenario: Scenario;
  result: RunResult;
  records: readonly TraceRecord[];
  /** the network's byte counters when the clock stopped */
  bytes: { offered: number; delivered: number; lost: number; cancelled: number; inFlight: number };
  /** the equipment families' own findings (FamilyRuntime.audit) */
  audits: string[];
}

export interface Invariant {
  name: string;
  check(p: RunProbe): string | null;
}
