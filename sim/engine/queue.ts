/**
 * The future event list: a 4-ary min-heap on flat Float64Arrays.
 *
 * Entries are ordered by (time, priority, insertion sequence), which makes
 * simultaneous events run in a total, reproducible order. Priority and
 * sequence are packed into one double, priority * 2^44 + seq, so an ordering
 * test is two float comparisons. Each entry is two pairs of doubles: the
 * ordering half (time, key) in one array, dense for the comparisons of a
 * sift, and the payload half (kind * 2^32 + a + 2^31, b) in another. No
 * closure per event; a 4-ary heap is half as deep as a binary one.
 *
 * pop() only copies the top out; the hole it leaves is filled by the next
 * push() (one sift-down instead of a sift-down and a sift-up, which is what a
 * process that sleeps again right after waking costs) or by the next peek or
 * pop.
 */
import type { Ticks } from '../foundation/time.ts';

const SEQ_SPAN = 2 ** 44; // 1.7e13 insertions per run
const KIND_SPAN = 2 ** 32;
const A_OFFSET = 2 ** 31; // a may be negative (-2^31 <= a < 2^31)

export class EventQueue {
  /** (time, key) of each entry, the ordering half. */
  private h: Float64Array;
  /** (kind/a, b) of each entry, the payload half. */
  private d: Float64Array;
  private n = 0;
  private seq = 0;
  /** The root was popped and not yet refilled. */
  private hole = false;

  /** Filled by pop(): the popped entry's fields. */
  topTime = 0;
  topKey = 0;
  topKind = 0;
  topA = 0;
  topB = 0;

  constructor(capacity = 1024) {
    this.h = new Float64Array(capacity * 2);
    this.d = new Float64Array(capacity * 2);
  }

  get size(): number {
    return this.hole ? this.n - 1 : this.n;
  }

  peekTime(): number {
    if (this.hole) this.fillHole();
    return this.n === 0 ? Infinity : this.h[0];
  }

  /** `priority` is an integer 0..255 (the PRIORITY_ constants); kind 0..2^21, -2^31 <= a < 2^31. */
  push(t: Ticks, priority: number, kind: number, a: number, b: number): void {
    this.pushAt(t, priority, this.reserve(), kind, a, b);
  }

  /** An insertion sequence number for a later pushAt(): the entry then sorts as if pushed now. */
  reserve(): number {
    if (this.seq >= SEQ_SPAN) throw new RangeError('more than 2^44 events scheduled in one run');
    return this.seq++;
  }

  /** push() with a sequence number from reserve(). */
  pushAt(t: Ticks, priority: number, seq: number, kind: number, a: number, b: number): void {
    const k = priority * SEQ_SPAN + seq;
    const payload = kind * KIND_SPAN + (a + A_OFFSET);
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

  /** Pops the first entry if its time is before `limit`; false otherwise. */
  popBefore(limit: number): boolean {
    if (this.hole) this.fillHole();
    if (this.n === 0 || this.h[0] >= limit) return false;
    this.copyTop();
    this.hole = true;
    return true;
  }

  /** Removes the first entry into the top* fields; returns false when empty. */
  pop(): boolean {
    if (this.hole) this.fillHole();
    if (this.n === 0) return false;
    this.copyTop();
    this.hole = true;
    return true;
  }

  /** Copies the first entry into the top* fields without removing it; false when empty. */
  peek(): boolean {
    if (this.hole) this.fillHole();
    if (this.n === 0) return false;
    this.copyTop();
    return true;
  }

  private copyTop(): void {
    const h = this.h, d = this.d;
    this.topTime = h[0];
    this.topKey = h[1];
    const payload = d[0];
    this.topKind = Math.floor(payload / KIND_SPAN);
    this.topA = payload - this.topKind * KIND_SPAN - A_OFFSET;
    this.topB = d[1];
  }

  /** The priority of the last popped entry. */
  get topPriority(): number {
    return Math.floor(this.topKey / SEQ_SPAN);
  }

  clear(): void {
    this.n = 0;
    this.hole = false;
  }

  /** Moves the last entry into the popped root's place. */
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
