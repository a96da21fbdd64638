/**
 * Reference limit: a bare binary min-heap on typed arrays, ordered by
 * (time, seq), with no payload, no priorities, no validation. It is written
 * here on purpose, independent of sim/engine/queue.ts, so the engine bench
 * can be read against what the same hold model costs with nothing else.
 *
 * Hold model: fill with `fill` entries at t = 0 (as the engine's spawns are),
 * then `events` times pop the minimum and push a new entry at the popped time
 * plus round(exponential(1000)) ticks, drawn from RandomStream(1, 'bench'), so
 * both sides pay the same random-number cost per event.
 *
 * runBigIntHeap is the same heap and hold model with BigInt64Array times:
 * what BigInt time (exact past 2^53 ns) would cost the queue alone, the
 * measure issue 21's choice of representation rests on (ARCHITECTURE.md).
 */
import { RandomStream } from '../sim/engine/rng.ts';

export interface HeapResult {
  bench: 'heap' | 'heap-bigint';
  fill: number;
  events: number;
  seconds: number;
  /** CPU seconds of this process over the same span: what other processes on the machine skew less. */
  cpuSeconds: number;
  eventsPerSecond: number;
  /** Simulated time of the last popped entry (ticks). */
  finalTime: number;
  errors: string[];
}

/** Times as doubles (Float64Array) or as BigInts (BigInt64Array); the heap's code is the same for both. */
class MinHeap<T extends number | bigint> {
  readonly seq: Float64Array;
  n = 0;
  private nextSeq = 0;
  /** Filled by pop(). */
  topTime: T;
  topSeq = 0;

  constructor(readonly time: { [i: number]: T }, capacity: number, zero: T) {
    this.seq = new Float64Array(capacity);
    this.topTime = zero;
  }

  push(t: T): void {
    const time = this.time, seq = this.seq;
    const s = this.nextSeq++;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = time[p];
      if (pt < t || (pt === t && seq[p] < s)) break;
      time[i] = pt;
      seq[i] = seq[p];
      i = p;
    }
    time[i] = t;
    seq[i] = s;
  }

  pop(): void {
    const time = this.time, seq = this.seq;
    this.topTime = time[0];
    this.topSeq = seq[0];
    const last = --this.n;
    if (last === 0) return;
    const t = time[last], s = seq[last];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      const r = c + 1;
      if (r < last && (time[r] < time[c] || (time[r] === time[c] && seq[r] < seq[c]))) c = r;
      const ct = time[c];
      if (t < ct || (t === ct && s < seq[c])) break;
      time[i] = ct;
      seq[i] = seq[c];
      i = c;
    }
    time[i] = t;
    seq[i] = s;
  }
}

/** This process's user + system CPU seconds so far. */
export function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

export function runHeap(fill: number, events: number): HeapResult {
  const errors: string[] = [];
  const heap = new MinHeap(new Float64Array(fill + 1), fill + 1, 0);
  const rng = new RandomStream(1, 'bench');
  for (let i = 0; i < fill; i++) heap.push(0);

  let last = 0;
  let outOfOrder = 0;
  const c0 = cpuNow();
  const t0 = performance.now();
  for (let e = 0; e < events; e++) {
    heap.pop();
    const t = heap.topTime;
    if (t < last) outOfOrder++;
    last = t;
    heap.push(t + Math.round(rng.exponential(1000)));
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = cpuNow() - c0;

  if (outOfOrder > 0) errors.push(`heap: ${outOfOrder} pops came out of time order`);
  if (heap.n !== fill) errors.push(`heap: ${heap.n} entries left, expected ${fill}`);
  return { bench: 'heap', fill, events, seconds, cpuSeconds, eventsPerSecond: events / seconds, finalTime: last, errors };
}

// The loop of runHeap written again for BigInt on purpose: one generic loop taking both would be
// polymorphic in V8, slowing the float heap that the engine's rate is measured against.
export function runBigIntHeap(fill: number, events: number): HeapResult {
  const errors: string[] = [];
  const heap = new MinHeap(new BigInt64Array(fill + 1), fill + 1, 0n);
  const rng = new RandomStream(1, 'bench');
  for (let i = 0; i < fill; i++) heap.push(0n);

  let last = 0n;
  let outOfOrder = 0;
  const c0 = cpuNow();
  const t0 = performance.now();
  for (let e = 0; e < events; e++) {
    heap.pop();
    const t = heap.topTime;
    if (t < last) outOfOrder++;
    last = t;
    heap.push(t + BigInt(Math.round(rng.exponential(1000))));
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = cpuNow() - c0;

  if (outOfOrder > 0) errors.push(`heap-bigint: ${outOfOrder} pops came out of time order`);
  if (heap.n !== fill) errors.push(`heap-bigint: ${heap.n} entries left, expected ${fill}`);
  return { bench: 'heap-bigint', fill, events, seconds, cpuSeconds, eventsPerSecond: events / seconds, finalTime: Number(last), errors };
}
