/**
 * Actor placement: the flagship scenario (scenarios/lan-vs-lanfree.yaml,
 * its three designs, what `npm start` runs) in-process and with its actors
 * in 1 and 2 worker threads. Reports the overhead ratio (threads /
 * in-process wall time) and what it is made of: round trips to the threads
 * (batches) and activations per batch. The threads are started and warmed
 * up by one run first; their start-up is reported on its own.
 *
 * Checked: every placement gives the in-process trace hash.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario, runScenarioHosted } from '../sim/scenario/run.ts';
import { ActorThreads } from '../sim/workers/node-actors.ts';

export interface PlacementRow {
  bench: 'placement';
  /** 0: in-process */
  threads: number;
  seconds: number;
  events: number;
  /** wall time over the in-process wall time */
  ratio: number;
  batches: number;
  activations: number;
  /** thread start-up and the warm-up run, s */
  startup: number;
}

const FILE = 'scenarios/lan-vs-lanfree.yaml';

export async function runPlacementBench(): Promise<{ rows: PlacementRow[]; errors: string[] }> {
  const text = readFileSync(new URL(`../${FILE}`, import.meta.url), 'utf8');
  const designs = loadScenario(FILE, text).variants;
  const scenarios = () => designs.map((variant) => loadScenario(FILE, text, { variant }));
  const errors: string[] = [];
  const rows: PlacementRow[] = [];

  scenarios().forEach((s) => runScenario(s)); // warm the JIT, as the threads get a warm-up run
  let t0 = performance.now();
  const want = scenarios().map((s) => runScenario(s));
  const local = (performance.now() - t0) / 1000;
  const events = want.reduce((a, r) => a + r.events, 0);
  rows.push({ bench: 'placement', threads: 0, seconds: local, events, ratio: 1, batches: 0, activations: 0, startup: 0 });

  for (const n of [1, 2]) {
    t0 = performance.now();
    const threads = new ActorThreads(n);
    try {
      for (const s of scenarios()) await runScenarioHosted(s, threads.host());
      const startup = (performance.now() - t0) / 1000;
      let batches = 0;
      let activations = 0;
      t0 = performance.now();
      for (const [i, s] of scenarios().entries()) {
        const host = threads.host();
        const r = await runScenarioHosted(s, host);
        batches += host.batches;
        activations += host.activations;
        if (r.traceHash !== want[i].traceHash) errors.push(`placement: ${FILE} [${designs[i]}] with ${n} threads gives trace ${r.traceHash}, in-process ${want[i].traceHash}`);
      }
      const seconds = (performance.now() - t0) / 1000;
      rows.push({ bench: 'placement', threads: n, seconds, events, ratio: seconds / local, batches, activations, startup });
    } finally {
      await threads.close();
    }
  }
  return { rows, errors };
}
