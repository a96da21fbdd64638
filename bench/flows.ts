/**
 * N concurrent flows over a shared backbone: link `bb` of 1e10 B/s, and per
 * host i a private link `h{i}` of 1e9 B/s, no latency. Flow i crosses
 * [h{i}, bb]; one actor per flow, all started at t = 0.
 *
 *  - uniform:   every flow carries 1e8 bytes; they all end together.
 *  - staggered: flow i carries 1e8 + floor(1e8 * i / N) bytes, so every
 *               completion re-rates all the flows still moving.
 *
 * Closed form. With k flows moving, each gets min(1e9, 1e10 / k) B/s (its
 * host link or its fair share of the backbone). Flows end in order of size;
 * sort the sizes s_0 <= ... <= s_{N-1} and let s_{-1} = 0. Phase p lasts
 * until the p-th smallest flow ends: N - p flows move at r(N - p) and each
 * must carry s_p - s_{p-1} more bytes, so
 *
 *   end_p = sum_{q <= p} (s_q - s_{q-1}) / min(1e9, 1e10 / (N - q))
 *
 * and the makespan is end_{N-1}. It is summed here exactly, in BigInt over a
 * common denominator, so the check does not depend on float rounding.
 * For uniform this is 1e8 / min(1e9, 1e10 / N).
 */
import type { Process, ProcessContext } from '../sim/engine/kernel.ts';
import { Kernel } from '../sim/engine/kernel.ts';
import type { TransferResult } from '../sim/engine/commands.ts';
import { transfer } from '../sim/engine/commands.ts';

export type FlowCase = 'uniform' | 'staggered';

export interface FlowsResult {
  bench: 'flows';
  case: FlowCase;
  flows: number;
  setupSeconds: number;
  seconds: number;
  completionsPerSecond: number;
  rerates: number;
  flowsRerated: number;
  flowsReratedPerSecond: number;
  events: number;
  popped: number;
  makespan: number;
  expectedMakespan: number;
  /**
   * Heap bytes allocated per flow re-rated over 50 completions mid-run (the
   * heap's growth between a forced gc and the window's end, no gc between:
   * needs --expose-gc, null without). Per re-rate too.
   */
  bytesPerFlowRerated: number | null;
  bytesPerRerate: number | null;
  /** Largest |simulated - closed form| over every flow's end time, seconds. */
  maxEndError: number;
  traceBytes: number;
  errors: string[];
}

const BACKBONE = 1e10;
const HOST = 1e9;
const BASE = 1e8;
const TOLERANCE_S = 1e-6;
/** Asserted outright whenever N = 10,000 runs (not under --quick), independently of the closed-form code. */
const KNOWN_10K: Record<FlowCase, number> = { uniform: 100, staggered: 149.995045 };

export function flowBytes(kind: FlowCase, n: number, i: number): number {
  return kind === 'uniform' ? BASE : BASE + Math.floor((BASE * i) / n);
}

/**
 * Exact end time, in seconds, of each flow (in input order) when flows of
 * these integer sizes all start at t = 0 over [own host link, shared backbone].
 */
export function closedFormEnds(sizes: readonly number[], hostBw: number, backboneBw: number): number[] {
  for (const x of [...sizes, hostBw, backboneBw]) {
    if (!Number.isSafeInteger(x) || x < 0) throw new RangeError(`closed form needs integer sizes and bandwidths, got ${x}`);
  }
  const n = sizes.length;
  const order = sizes.map((_, i) => i).sort((a, b) => sizes[a] - sizes[b] || a - b);
  const host = BigInt(hostBw), bb = BigInt(backboneBw);
  // Time is num / den seconds with den = host * bb:
  //   host-limited (host * k <= bb): dt = delta / host     -> delta * bb
  //   backbone-limited:              dt = delta * k / bb   -> delta * k * host
  const den = host * bb;
  const ends = new Array<number>(n);
  let num = 0n;
  let prev = 0n;
  for (let p = 0; p < n; p++) {
    const k = BigInt(n - p);
    const s = BigInt(sizes[order[p]]);
    const delta = s - prev;
    num += host * k <= bb ? delta * bb : delta * k * host;
    prev = s;
    ends[order[p]] = Number(num / den) + Number(num % den) / Number(den);
  }
  return ends;
}

function* flowProc(_ctx: ProcessContext, route: string[], bytes: number): Process {
  return (yield transfer(route, bytes)) as TransferResult;
}

export function runFlows(kind: FlowCase, n: number): FlowsResult {
  const errors: string[] = [];
  const where = `flows ${kind} N=${n}`;
  const sizes = Array.from({ length: n }, (_, i) => flowBytes(kind, n, i));

  const s0 = performance.now();
  const kernel = new Kernel({ seed: 1 });
  kernel.net.addLink('bb', { bandwidth: BACKBONE });
  for (let i = 0; i < n; i++) kernel.net.addLink(`h${i}`, { bandwidth: HOST });
  for (let i = 0; i < n; i++) kernel.spawn(`f${i}`, flowProc, [`h${i}`, 'bb'], sizes[i]);
  const setupSeconds = (performance.now() - s0) / 1000;

  const ends = closedFormEnds(sizes, HOST, BACKBONE);
  const expectedMakespan = Math.max(...ends);
  const net = kernel.net;
  const t0 = performance.now();
  const alloc = allocation(kernel, ends);
  const r = kernel.run();
  const seconds = (performance.now() - t0 - alloc.gcMs) / 1000;
  const trace = kernel.finish();
  const makespan = kernel.now / 1e9;

  if (r.reason !== 'idle') errors.push(`${where}: run stopped for '${r.reason}', expected 'idle'`);
  if (Math.abs(makespan - expectedMakespan) > TOLERANCE_S) {
    errors.push(`${where}: makespan ${makespan} s, closed form ${expectedMakespan} s (off by ${makespan - expectedMakespan} s)`);
  }
  if (kind === 'uniform') {
    const simple = BASE / Math.min(HOST, BACKBONE / n);
    if (Math.abs(expectedMakespan - simple) > TOLERANCE_S) errors.push(`${where}: closed form ${expectedMakespan} s disagrees with 1e8 / min(1e9, 1e10/N) = ${simple} s`);
  }
  if (n === 10_000) {
    const known = KNOWN_10K[kind];
    if (Math.abs(makespan - known) > TOLERANCE_S) errors.push(`${where}: makespan ${makespan} s, expected ${known} s`);
    if (Math.abs(expectedMakespan - known) > TOLERANCE_S) errors.push(`${where}: closed form ${expectedMakespan} s, expected ${known} s`);
  }

  let maxEndError = 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const name = `f${i}`;
    const res = kernel.isDone(name) ? (kernel.resultOf(name) as TransferResult | undefined) : undefined;
    if (res === undefined || res.bytes !== sizes[i]) {
      if (bad++ < 5) errors.push(`${where}: flow ${i} did not deliver its ${sizes[i]} bytes (${res === undefined ? 'not done' : res.bytes})`);
      continue;
    }
    const err = Math.abs(res.end / 1e9 - ends[i]);
    if (err > maxEndError) maxEndError = err;
    if (err > TOLERANCE_S && bad++ < 5) errors.push(`${where}: flow ${i} ended at ${res.end / 1e9} s, closed form ${ends[i]} s`);
  }
  const offered = sizes.reduce((a, b) => a + b, 0);
  if (net.offered !== offered || net.delivered !== offered || net.lost !== 0 || net.cancelled !== 0) {
    errors.push(`${where}: bytes offered ${net.offered}, delivered ${net.delivered}, lost ${net.lost}, cancelled ${net.cancelled}; expected ${offered} offered and delivered`);
  }
  if (net.liveFlows !== 0) errors.push(`${where}: ${net.liveFlows} flows still live`);

  return {
    bench: 'flows',
    case: kind,
    flows: n,
    setupSeconds,
    seconds,
    completionsPerSecond: n / seconds,
    rerates: net.rerates,
    flowsRerated: net.flowsRerated,
    flowsReratedPerSecond: net.flowsRerated / seconds,
    events: kernel.events,
    popped: kernel.popped,
    makespan,
    expectedMakespan,
    bytesPerFlowRerated: alloc.perFlow,
    bytesPerRerate: alloc.perRerate,
    maxEndError,
    traceBytes: trace.bytes,
    errors,
  };
}

const WINDOW = 50;

/**
 * Runs the kernel up to the middle of its completions and measures the heap
 * allocated over the next WINDOW of them: a forced gc first, then the heap's
 * growth, small enough (kilobytes) that no scavenge comes between. The kernel
 * is left there; the rest of the run goes on from it.
 */
function allocation(kernel: Kernel, ends: readonly number[]): { perFlow: number | null; perRerate: number | null; gcMs: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  const sorted = [...ends].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  // Distinct end times only: the uniform case ends all at once, nothing to window.
  if (gc === undefined || mid + WINDOW >= sorted.length || sorted[mid] === sorted[mid + WINDOW]) return { perFlow: null, perRerate: null, gcMs: 0 };
  kernel.run({ until: Math.round(sorted[mid] * 1e9) });
  const g0 = performance.now();
  gc();
  const gcMs = performance.now() - g0;
  const net = kernel.net;
  const h0 = process.memoryUsage().heapUsed, f0 = net.flowsRerated, r0 = net.rerates;
  kernel.run({ until: Math.round(sorted[mid + WINDOW] * 1e9) });
  const bytes = Math.max(0, process.memoryUsage().heapUsed - h0);
  return { perFlow: bytes / Math.max(1, net.flowsRerated - f0), perRerate: bytes / Math.max(1, net.rerates - r0), gcMs };
}
