/**
 * A 4-ary min-heap of queue entries on flat Float64Arrays: the event queue's
 * tier for whatever its calendar (calendar-queue.ts) does not take, and all of it
 * when the calendar takes nothing. O(log n) whatever the distribution.
 *
 * An entry is (time, key, payload, b), ordered by (time, key); queue.ts
 * packs priority and sequence into the key and kind and a into the payload.
 * The ordering half (time, key) sits in one array, dense for the
 * comparisons of a sift, the payload half in another. A 4-ary heap is half
 * as deep as a binary one.
 *
 * removeTop() leaves a hole at the root that the next push() fills (one
 * sift-down instead of a sift-down and a sift-up, which is what a process
 * that sleeps again right after waking costs) or the next look at the top.
 */
export class HeapQueue {
  /** (time, key) of each entry, the ordering half; the root's at 0 and 1. */
  h: Float64Array;
  /** (payload, b) of each entry; the root's at 0 and 1. */
  d: Float64Array;
  private n = 0;
  /** The root was removed and not yet refilled. */
  private hole = false;

  constructor(capacity = 1024) {
    this.h = new Float64Array(capacity * 2);
    this.d = new Float64Array(capacity * 2);
  }

  get size(): number {
    return this.hole ? this.n - 1 : this.n;
  }

  /** Makes the root the first entry (h[0], h[1], d[0], d[1]); false when empty. */
  settle(): boolean {
    if (this.hole) this.fillHole();
    return this.n !== 0;
  }

  /** Removes the root; call only after settle() returned true. */
  removeTop(): void {
    this.hole = true;
  }

  push(t: number, k: number, payload: number, b: number): void {
    if (this.hole) {
      this.hole = false;
      this.siftDown(0, t, k, payload, b, this.n);
      return;
    }
    if ((this.n + 1) * 2 > this.h.length) this.grow();
    const h = this.h;
    let i = this.n++ * 2;
    while (i > 0) {
      const p = ((i / 2 - 1) >> 2) * 2;
      const pt = h[p];
      if (pt < t || (pt === t && h[p + 1] < k)) break;
      this.copy(p, i);
      i = p;
    }
    this.put(i, t, k, payload, b);
  }

  clear(): void {
    this.n = 0;
    this.hole = false;
  }

  /** Moves the last entry into the removed root's place. */
  private fillHole(): void {
    this.hole = false;
    const last = --this.n;
    if (last === 0) return;
    const h = this.h, d = this.d, j = last * 2;
    this.siftDown(0, h[j], h[j + 1], d[j], d[j + 1], last);
  }

  /** Places (t, k, payload, b) at or below slot i of a heap of n entries. */
  private siftDown(i: number, t: number, k: number, payload: number, b: number, n: number): void {
    const h = this.h;
    const end = n * 2;
    for (;;) {
      const first = 4 * i + 2;
      if (first >= end) break;
      // The smallest of up to four children.
      let c = first;
      let ct = h[c], ck = h[c + 1];
      const last = Math.min(first + 8, end);
      for (let x = first + 2; x < last; x += 2) {
        const xt = h[x];
        if (xt < ct || (xt === ct && h[x + 1] < ck)) { c = x; ct = xt; ck = h[x + 1]; }
      }
      if (t < ct || (t === ct && k < ck)) break;
      this.copy(c, i);
      i = c;
    }
    this.put(i, t, k, payload, b);
  }

  private copy(from: number, to: number): void {
    const h = this.h, d = this.d;
    h[to] = h[from];
    h[to + 1] = h[from + 1];
    d[to] = d[from];
    d[to + 1] = d[from + 1];
  }

  private put(i: number, t: number, k: number, payload: number, b: number): void {
    const h = this.h, d = this.d;
    h[i] = t;
    h[i + 1] = k;
    d[i] = payload;
    d[i + 1] = b;
  }

  private grow(): void {
    const h = new Float64Array(this.h.length * 2);
    h.set(this.h);
    this.h = h;
    const d = new Float64Array(this.d.length * 2);
    d.set(this.d);
    this.d = d;
  }
}
