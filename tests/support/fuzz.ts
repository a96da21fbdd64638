/** Generated scenarios through the fuzzer's unit of work, for the per-protocol fuzz tests. */
import { type Scenario } from '../../sim/foundation/scenario.ts';
import * as assert from 'uvu/assert';
import { stringify } from 'yaml';
import type { FaultLevel } from '../../sim/fuzz/draw.ts';
import { generate } from '../../sim/fuzz/generate.ts';
import { checkedRun, type CheckedRun } from '../../sim/fuzz/checked-run.ts';
import { loadScenario } from '../../sim/scenario/scenario.ts';

/** The scenario a seed generates, loaded as `backlab run` would load its file (a load error is a generator bug). */
export function generated(kind: string, seed: number, faults: FaultLevel): Scenario {
  return loadScenario(`fuzz-${kind}-${seed}.yaml`, stringify(generate(kind, seed, faults)));
}

/** Runs seeds from..to at one fault level; asserts every run breaks no invariant; returns the runs. */
export function fuzzClean(kind: string, from: number, to: number, faults: FaultLevel): CheckedRun[] {
  const runs: CheckedRun[] = [];
  for (let seed = from; seed <= to; seed++) {
    const run = checkedRun(generated(kind, seed, faults));
    assert.equal(run.violations, [], `${kind} seed ${seed} (${faults}) broke invariants`);
    runs.push(run);
  }
  return runs;
}
