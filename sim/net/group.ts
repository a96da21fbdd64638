/**
 * A bottleneck group: the flows that one link (or one flow's own cap) limits,
 * all moving at the same rate. Like virtual time in fair queueing, the group
 * keeps one work clock, the bytes each of its flows has received since the
 * group began, and each flow keeps the clock value at which it will be done.
 * A change of the group's rate is then one update, not one per flow, and the
 * flows finish in the order of their finish values, kept in a min-heap.
 */
import type { Flow } from './flow.ts';

import { onGrid, TICKS_PER_SECOND as NS } from '../foundation/time.ts';

export class BottleneckGroup {
  rate = 0;
  /** The rate this group gets from the re-rate in progress. */
  pending = 0;
  /** Work clock at time t0. */
  private w0 = 0;
  private t0 = 0;
  /** Stamp of the completion event currently scheduled; older ones are stale. */
  version = 0;
  /** Epoch of the last re-rate that touched this group. */
  touched = 0;
  /** Ticks up to which the network's limit ledger holds this group's bytes. */
  counted = 0;
  readonly heap: Flow[] = [];
  /**
   * A flow's own group under weighted sharing, where a link that limits a
   * flow no longer gathers it with the others: that link, -1 its own cap.
   */
  held = -1;

  constructor(
    /** >= 0: a link id; < 0: -(flow id + 1) for a flow limited by its own cap. */
    readonly id: number,
  ) {}

  /** The work clock's value at its last settle(). */
  get work(): number {
    return this.w0;
  }

  workAt(t: number): number {
    return this.w0 + (this.rate * (t - this.t0)) / NS;
  }

  /** Moves the clock's origin to t, before the rate changes. */
  settle(t: number): void {
    if (t !== this.t0) {
      this.w0 += (this.rate * (t - this.t0)) / NS;
      this.t0 = t;
    }
  }

  get size(): number {
    return this.heap.length;
  }

  first(): Flow | undefined {
    return this.heap[0];
  }

  /** Time (ticks) at which the first flow finishes at the current rate; Infinity if stalled. */
  nextFinish(grid: number): number {
    const f = this.heap[0];
    if (f === undefined || this.rate <= 0) return Infinity;
    const dt = ((f.finish - this.w0) * NS) / this.rate;
    // A hair below a whole tick is that tick: float noise must not add a nanosecond.
    // Whole steps of the grid, so the sum with t0 (on the grid) is exact past 2^53 ns.
    return this.t0 + onGrid(Math.max(0, Math.ceil(dt - 1e-6)), grid);
  }

  /** Adds a flow that still has `remaining` bytes to go, at time t (after settle(t)). */
  add(f: Flow, remaining: number): void {
    f.group = this;
    f.finish = this.w0 + remaining;
    const h = this.heap;
    f.heapIndex = h.length;
    h.push(f);
    this.up(f.heapIndex);
  }

  remove(f: Flow): void {
    const h = this.heap;
    const i = f.heapIndex;
    const last = h.pop()!;
    f.heapIndex = -1;
    f.group = null;
    // An empty group's clock restarts at 0, so it never grows large enough to blur small flows.
    if (h.length === 0) this.w0 = 0;
    if (last === f) return;
    h[i] = last;
    last.heapIndex = i;
    this.down(i);
    this.up(last.heapIndex);
  }

  /** Calls fn for each flow whose finish is below w: the ones a heap walk reaches without passing a flow at or past w. */
  eachBefore(w: number, fn: (f: Flow) => void): void {
    const h = this.heap;
    const stack: number[] = [0];
    while (stack.length > 0) {
      const i = stack.pop()!;
      if (i >= h.length || !(h[i].finish < w)) continue;
      fn(h[i]);
      stack.push(2 * i + 2, 2 * i + 1);
    }
  }

  private less(a: Flow, b: Flow): boolean {
    return a.finish < b.finish || (a.finish === b.finish && a.id < b.id);
  }

  private up(i: number): void {
    const h = this.heap;
    const f = h[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(f, h[p])) break;
      h[i] = h[p];
      h[i].heapIndex = i;
      i = p;
    }
    h[i] = f;
    f.heapIndex = i;
  }

  private down(i: number): void {
    const h = this.heap;
    const n = h.length;
    const f = h[i];
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.less(h[c + 1], h[c])) c++;
      if (!this.less(h[c], f)) break;
      h[i] = h[c];
      h[i].heapIndex = i;
      i = c;
    }
    h[i] = f;
    f.heapIndex = i;
  }
}
