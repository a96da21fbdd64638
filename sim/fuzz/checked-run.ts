/** One run with every invariant checked at its end: the fuzzer's unit of work, and the tests'. */
import type { Scenario } from '../foundation/scenario.ts';
import type { Kernel } from '../engine/kernel.ts';
import { runScenario } from '../scenario/run.ts';
import type { RunResult } from '../foundation/result.ts';

import { readTrace } from '../trace/reader.ts';
import { MemorySink } from '../trace/sink.ts';
import { violations, type RunProbe } from './invariants.ts';

export interface CheckedRun {
  result: RunResult;
  violations: { invariant: string; what: string }[];
  events: number;
}

export interface CheckedRunOptions {
  seed?: number;
  /**
   * Test-only: runs on the kernel once the clock has stopped, before the
   * checks read it, to plant a bug the checks must catch (tests/fuzz.test.ts).
   */
  tamper?: (kernel: Kernel) => void;
}

export function checkedRun(scenario: Scenario, opts: CheckedRunOptions = {}): CheckedRun {
  const sink = new MemorySink();
  let bytes: RunProbe['bytes'] = { offered: 0, delivered: 0, lost: 0, cancelled: 0, inFlight: 0 };
  let audits: string[] = [];
  const result = runScenario(scenario, {
    seed: opts.seed, sink,
    inspect({ kernel, audit }) {
      opts.tamper?.(kernel);
      const n = kernel.net;
      // The network credits a flow's delivered bytes when it ends; a flow still moving when the clock stops at until has delivered some already.
      let moving = 0;
      for (const f of n.flows()) moving += f.bytes - f.remainingAt(kernel.now);
      bytes = { offered: n.offered, delivered: n.delivered + moving, lost: n.lost, cancelled: n.cancelled, inFlight: n.inFlight() };
      audits = audit();
    },
  });
  const records = [...readTrace(sink.bytes())];
  return { result, events: result.events, violations: violations({ scenario, result, records, bytes, audits }) };
}
