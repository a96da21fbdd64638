/** Runs a generator's seeds through load and every invariant, for the fuzz tests: what broke, by seed. */
import { stringify } from 'yaml';
import type { FaultLevel } from '../../sim/fuzz/draw.ts';
import { generate } from '../../sim/fuzz/generate.ts';
import { checkedRun } from '../../sim/fuzz/checked-run.ts';
import { loadScenario } from '../../sim/scenario/scenario.ts';

export interface SeedsOutcome {
  runs: number;
  events: number;
  /** "seed N (level): invariant: what", or the load error */
  problems: string[];
  /** trace hash by seed */
  hashes: Map<number, string>;
}

export function fuzzSeeds(kind: string, seeds: readonly number[], level: FaultLevel): SeedsOutcome {
  const out: SeedsOutcome = { runs: 0, events: 0, problems: [], hashes: new Map() };
  for (const seed of seeds) {
    const file = `fuzz-${kind}-${seed}.yaml`;
    let scenario;
    try { scenario = loadScenario(file, stringify(generate(kind, seed, level))); } catch (e) { out.problems.push(`seed ${seed} (${level}): does not load: ${(e as Error).message}`); continue; }
    const r = checkedRun(scenario);
    out.runs++;
    out.events += r.events;
    out.hashes.set(seed, r.result.traceHash);
    for (const v of r.violations) out.problems.push(`seed ${seed} (${level}): ${v.invariant}: ${v.what}`);
  }
  return out;
}

/** Seeds from..to, inclusive. */
export const seedRange = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
