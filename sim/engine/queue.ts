/**
 * The future event list: a binary min-heap on flat typed arrays.
 *
 * Entries are ordered by (time, priority, insertion sequence), which makes
 * simultaneous events run in a total, reproducible order. Priority and
 * sequence are packed into one double, priority * 2^44 + seq, so an ordering
 * test is two float comparisons. An entry's payload is three numbers
 * (kind, a, b) instead of a closure, so the hot path allocates nothing.
 */
import type { Ticks } from './time.ts';

export const PRIORITY_URGENT = 0;
export const PRIORITY_NORMAL = 128;
/** Runs after everything else at the same time: the network re-rates here once per instant. */
export const PRIORITY_LATE = 255;

const SEQ_SPAN = 2 ** 44; // 1.7e13 insertions per run
const MAX_PRIORITY = 255;

export class EventQueue {
  private time: Float64Array;
  private key: Float64Array;
  private kindA: Int32Array;
  private argA: Int32Array;
  private argB: Float64Array;
  private n = 0;
  private seq = 0;

  /** Filled by pop(): the popped entry's fields. */
  topTime = 0;
  topKey = 0;
  topKind = 0;
  topA = 0;
  topB = 0;

  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity);
    this.key = new Float64Array(capacity);
    this.kindA = new Int32Array(capacity);
    this.argA = new Int32Array(capacity);
    this.argB = new Float64Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  /** Insertions so far; the next entry gets this sequence number. */
  get inserted(): number {
    return this.seq;
  }

  peekTime(): number {
    return this.n === 0 ? Infinity : this.time[0];
  }

  push(t: Ticks, priority: number, kind: number, a: number, b: number): void {
    if (priority < 0 || priority > MAX_PRIORITY || (priority | 0) !== priority) {
      throw new RangeError(`event priority must be an integer 0..${MAX_PRIORITY}, got ${priority}`);
    }
    if (this.seq >= SEQ_SPAN) throw new RangeError('more than 2^44 events scheduled in one run');
    const k = priority * SEQ_SPAN + this.seq++;
    if (this.n === this.time.length) this.grow();
    const time = this.time, key = this.key;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = time[p];
      if (pt < t || (pt === t && key[p] < k)) break;
      this.move(p, i);
      i = p;
    }
    time[i] = t;
    key[i] = k;
    this.kindA[i] = kind;
    this.argA[i] = a;
    this.argB[i] = b;
  }

  /** Removes the first entry into the top* fields; returns false when empty. */
  pop(): boolean {
    const n = this.n;
    if (n === 0) return false;
    const time = this.time, key = this.key;
    this.topTime = time[0];
    this.topKey = key[0];
    this.topKind = this.kindA[0];
    this.topA = this.argA[0];
    this.topB = this.argB[0];
    const last = n - 1;
    this.n = last;
    if (last === 0) return true;
    const t = time[last], k = key[last];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      const r = c + 1;
      if (r < last && (time[r] < time[c] || (time[r] === time[c] && key[r] < key[c]))) c = r;
      const ct = time[c];
      if (t < ct || (t === ct && k < key[c])) break;
      this.move(c, i);
      i = c;
    }
    time[i] = t;
    key[i] = k;
    this.kindA[i] = this.kindA[last];
    this.argA[i] = this.argA[last];
    this.argB[i] = this.argB[last];
    return true;
  }

  /** The priority of the last popped entry. */
  get topPriority(): number {
    return Math.floor(this.topKey / SEQ_SPAN);
  }

  private move(from: number, to: number): void {
    this.time[to] = this.time[from];
    this.key[to] = this.key[from];
    this.kindA[to] = this.kindA[from];
    this.argA[to] = this.argA[from];
    this.argB[to] = this.argB[from];
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const grow64 = (a: Float64Array) => { const b = new Float64Array(cap); b.set(a); return b; };
    const grow32 = (a: Int32Array) => { const b = new Int32Array(cap); b.set(a); return b; };
    this.time = grow64(this.time);
    this.key = grow64(this.key);
    this.argB = grow64(this.argB);
    this.kindA = grow32(this.kindA);
    this.argA = grow32(this.argA);
  }
}
