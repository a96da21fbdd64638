/**
 * Actor placement: the flagship scenario (scenarios/lan-vs-lanfree.yaml,
 * its three designs, what `npm start` runs) in-process and with its actors
 * in worker threads: 1 and 2 threads stepped through the shared-memory
 * channel (sim/workers/step-channel.ts, the default), 1 thread with a spin
 * before each wait (the tuning the default leaves out, measured here), and
 * 1 thread by message (the path before the channel, and a browser's
 * without cross-origin isolation). Reports the overhead ratio (threads /
 * in-process wall time) and what it is made of: round trips to the threads
 * (batches) and activations per batch. The threads are started and warmed
 * up by one run first; their start-up is reported on its own.
 *
 * The machine is shared, so the placements are timed in alternation, round
 * after round, and each is its median round: a burst of someone else's
 * load falls on every placement alike.
 *
 * Checked: every placement gives the in-process trace hash.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario, runScenarioHosted } from '../sim/scenario/run.ts';
import type { RunResult } from '../sim/foundation/result.ts';
import { ActorThreads } from '../sim/workers/node-actors.ts';
import type { StepPath } from '../sim/workers/actor-host.ts';
import { DEFAULT_TUNING } from '../sim/workers/step-channel.ts';

export interface PlacementRow {
  bench: 'placement';
  /** 0: in-process */
  threads: number;
  /** how steps went: '-' in-process */
  path: StepPath | '-';
  /** reads of the state word before each Atomics.wait */
  spins: number;
  /** median of the rounds */
  seconds: number;
  events: number;
  /** wall time over the in-process wall time */
  ratio: number;
  /** CPU time of the process (the kernel's thread and the workers'), median of the rounds, s */
  cpuSeconds: number;
  /** CPU time over the in-process CPU time: what the placement costs in work, whatever the machine's load */
  cpuRatio: number;
  batches: number;
  activations: number;
  /** thread start-up and the warm-up run, s */
  startup: number;
}

const FILE = 'scenarios/lan-vs-lanfree.yaml';
const ROUNDS = 5;
/** The spin measured against the default (none): about 10-20 µs of reads on this machine. */
const SPINS = 4000;
/** The target of issue 25: the flagship's actors in 1 worker thread within this factor of in-process. */
export const PLACEMENT_TARGET = 3;

interface Placement {
  threads: number;
  path: StepPath;
  spins: number;
  set: ActorThreads | null;
  times: number[];
  cpu: number[];
  batches: number;
  activations: number;
  startup: number;
}

export async function runPlacementBench(): Promise<{ rows: PlacementRow[]; errors: string[] }> {
  const text = readFileSync(new URL(`../${FILE}`, import.meta.url), 'utf8');
  const designs = loadScenario(FILE, text).variants;
  const scenarios = () => designs.map((variant) => loadScenario(FILE, text, { variant }));
  const errors: string[] = [];

  scenarios().forEach((s) => runScenario(s)); // warm the JIT, as the threads get a warm-up run
  const want = scenarios().map((s) => runScenario(s));
  const events = want.reduce((a, r) => a + r.events, 0);
  const placements: Placement[] = ([
    { threads: 1, path: 'atomics', spins: 0 },
    { threads: 2, path: 'atomics', spins: 0 },
    { threads: 1, path: 'atomics', spins: SPINS },
    { threads: 1, path: 'messages', spins: 0 },
  ] as const).map((p) => ({ ...p, set: null, times: [], cpu: [], batches: 0, activations: 0, startup: 0 }));
  const local: number[] = [], localCpu: number[] = [];

  const check = (p: Placement, got: RunResult[]) => got.forEach((r, i) => {
    if (r.traceHash !== want[i].traceHash) errors.push(`placement: ${FILE} [${designs[i]}] with ${p.threads} threads (${p.path}) gives trace ${r.traceHash}, in-process ${want[i].traceHash}`);
  });
  try {
    for (const p of placements) {
      const t0 = performance.now();
      p.set = new ActorThreads(p.threads, { path: p.path, tuning: { ...DEFAULT_TUNING, spins: p.spins } });
      for (const s of scenarios()) await runScenarioHosted(s, p.set.host());
      p.startup = (performance.now() - t0) / 1000;
    }
    for (let round = 0; round < ROUNDS; round++) {
      let t0 = performance.now();
      let c0 = process.cpuUsage();
      scenarios().forEach((s) => runScenario(s));
      local.push((performance.now() - t0) / 1000);
      localCpu.push(cpuSince(c0));
      for (const p of placements) {
        const hosts = designs.map(() => p.set!.host());
        const scns = scenarios();
        t0 = performance.now();
        c0 = process.cpuUsage();
        const got: RunResult[] = [];
        for (const [i, s] of scns.entries()) got.push(await runScenarioHosted(s, hosts[i]));
        p.times.push((performance.now() - t0) / 1000);
        p.cpu.push(cpuSince(c0));
        check(p, got);
        p.batches = hosts.reduce((a, h) => a + h.batches, 0);
        p.activations = hosts.reduce((a, h) => a + h.activations, 0);
      }
    }
  } finally {
    await Promise.all(placements.map((p) => p.set?.close()));
  }
  const base = median(local), baseCpu = median(localCpu);
  const rows: PlacementRow[] = [{ bench: 'placement', threads: 0, path: '-', spins: 0, seconds: base, events, ratio: 1, cpuSeconds: baseCpu, cpuRatio: 1, batches: 0, activations: 0, startup: 0 }];
  for (const p of placements) {
    const seconds = median(p.times), cpuSeconds = median(p.cpu);
    rows.push({ bench: 'placement', threads: p.threads, path: p.path, spins: p.spins, seconds, events, ratio: seconds / base, cpuSeconds, cpuRatio: cpuSeconds / baseCpu, batches: p.batches, activations: p.activations, startup: p.startup });
  }
  return { rows, errors };
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(start);
  return (c.user + c.system) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
