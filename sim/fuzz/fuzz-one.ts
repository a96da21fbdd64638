/**
 * One fuzz case: generate the scenario of (kind, seed), check that it loads,
 * run it with every invariant checked, and, for a share of the cases, run it
 * again and compare the trace hashes. Never throws: whatever goes wrong is
 * the case's finding, with the scenario text to reproduce it.
 */
import { type Scenario } from '../foundation/scenario.ts';
import { stringify } from 'yaml';
import { loadScenario } from '../scenario/scenario.ts';
import { checkedRun, type CheckedRunOptions } from './checked-run.ts';
import type { FaultLevel } from './draw.ts';
import { generate } from './generate.ts';

export interface FuzzCase {
  kind: string;
  seed: number;
  faults: FaultLevel;
  /** run twice and compare hashes */
  twice: boolean;
  /** run again with the actors in worker threads and compare hashes (placed-check.ts) */
  placed?: boolean;
}

export interface Finding {
  invariant: string;
  what: string;
  /** virtual seconds when the run stopped, or null if it never ran */
  at: number | null;
}

export interface FuzzOutcome {
  kind: string;
  seed: number;
  events: number;
  traceHash: string;
  findings: Finding[];
  /** the generated scenario, as a file would hold it */
  text: string;
}

export const fileOf = (c: { kind: string; seed: number }): string => `fuzz-${c.kind}-${c.seed}.yaml`;

export function fuzzOne(c: FuzzCase, opts: Pick<CheckedRunOptions, 'tamper'> = {}): FuzzOutcome {
  const text = `# backlab fuzz --protocol ${c.kind} --faults ${c.faults}, seed ${c.seed}: run it again with backlab run ${fileOf(c)}\n${stringify(generate(c.kind, c.seed, c.faults))}`;
  const out: FuzzOutcome = { kind: c.kind, seed: c.seed, events: 0, traceHash: '', findings: [], text };
  let scenario: Scenario;
  try {
    scenario = loadScenario(fileOf(c), text);
  } catch (e) {
    out.findings.push({ invariant: 'a generated scenario loads', what: (e as Error).message, at: null });
    return out;
  }
  return { ...out, ...checkedOutcome(scenario, c.twice, opts) };
}

/** The run (twice if asked) of a loaded scenario, as findings; also what the shrinker and replays use. */
export function checkedOutcome(scenario: Scenario, twice: boolean, opts: Pick<CheckedRunOptions, 'tamper'> = {}): Pick<FuzzOutcome, 'events' | 'traceHash' | 'findings'> {
  try {
    const r = checkedRun(scenario, opts);
    const findings = r.violations.map((v) => ({ ...v, at: r.result.endTime }));
    if (twice) {
      const again = checkedRun(scenario, opts).result.traceHash;
      if (again !== r.result.traceHash) findings.push({ invariant: 'a rerun gives the same trace hash', what: `${r.result.traceHash} then ${again}`, at: r.result.endTime });
    }
    return { events: r.events, traceHash: r.result.traceHash, findings };
  } catch (e) {
    return { events: 0, traceHash: '', findings: [{ invariant: 'a run does not crash', what: (e as Error).message, at: null }] };
  }
}
