/**
 * The future event list: a calendar of the near future in front of a heap.
 *
 * Entries are ordered by (time, priority, insertion sequence), which makes
 * simultaneous events run in a total, reproducible order. Priority and
 * sequence are packed into one double, key = priority * 2^44 + seq, so an
 * ordering test is two float comparisons; kind and a are packed into a
 * payload double, kind * 2^32 + a + 2^31. No closure per event.
 *
 * Two tiers, each exact in that order: the calendar (calendar-queue.ts) takes an
 * entry in O(1) when it falls in its year of buckets near the front, the
 * 4-ary heap (heap-queue.ts) everything else. The first entry is the
 * earlier of their two firsts, so the order is the same total order
 * whatever tier holds what; the tiers only decide the cost. Every so many
 * pops, review() reshapes the calendar to the gaps between the events just
 * popped and the number queued (queue-shape.ts); a shape that keeps
 * refusing entries just leaves them to the heap.
 */
import type { Ticks } from '../foundation/time.ts';
import { CalendarQueue } from './calendar-queue.ts';
import { HeapQueue } from './heap-queue.ts';
import { nextShape, REVIEW_EVERY } from './queue-shape.ts';

const SEQ_SPAN = 2 ** 44; // 1.7e13 insertions per run
const KIND_SPAN = 2 ** 32;
const A_OFFSET = 2 ** 31; // a may be negative (-2^31 <= a < 2^31)

/** Where the first entry is, as first() finds it. */
const NONE = 0, IN_CALENDAR = 1, IN_HEAP = 2;

export class EventQueue {
  private readonly heap: HeapQueue;
  /** A first shape, 1-tick buckets from time 0, for the first review to correct. */
  private cal = new CalendarQueue(1, 1024, 0);
  private seq = 0;
  /**
   * The calendar's bucket of the heap's first entry (Infinity: the heap is
   * empty), found again only after the heap or the calendar's shape changed:
   * in a steady state the heap holds a few far entries that stay put.
   */
  private heapStop = Infinity;
  private heapMoved = false;
  /** The calendar slot of the first entry when first() said IN_CALENDAR. */
  private slot = -1;
  /** Pops until the next review, and the time of the pop the current review period began with. */
  private reviewPeriod = REVIEW_EVERY;
  private untilReview = REVIEW_EVERY;
  private periodStart = 0;

  /** Filled by pop(): the popped entry's fields. */
  topTime = 0;
  topKey = 0;
  topKind = 0;
  topA = 0;
  topB = 0;

  constructor(capacity = 1024) {
    this.heap = new HeapQueue(capacity);
  }

  get size(): number {
    return this.cal.count + this.heap.size;
  }

  peekTime(): number {
    const at = this.first();
    if (at === NONE) return Infinity;
    return at === IN_CALENDAR ? this.cal.e[4 * this.slot] : this.heap.h[0];
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
    if (this.cal.add(t, k, payload, b)) return;
    this.heap.push(t, k, payload, b);
    this.heapMoved = true;
  }

  /** Pops the first entry if its time is before `limit`; false otherwise. */
  popBefore(limit: number): boolean {
    const at = this.first();
    if (at === NONE || (at === IN_CALENDAR ? this.cal.e[4 * this.slot] : this.heap.h[0]) >= limit) return false;
    this.take(at);
    return true;
  }

  /** Removes the first entry into the top* fields; returns false when empty. */
  pop(): boolean {
    const at = this.first();
    if (at === NONE) return false;
    this.take(at);
    return true;
  }

  /** Copies the first entry into the top* fields without removing it; false when empty. */
  peek(): boolean {
    const at = this.first();
    if (at === NONE) return false;
    this.copyTop(at);
    return true;
  }

  /** The priority of the last popped entry. */
  get topPriority(): number {
    return Math.floor(this.topKey / SEQ_SPAN);
  }

  clear(): void {
    this.heap.clear();
    this.cal.drain(() => {});
    this.heapMoved = true;
  }

  /** Which tier holds the first entry (the calendar's slot in `slot`). */
  private first(): number {
    const cal = this.cal;
    if (this.heapMoved) this.findHeapStop();
    const stop = this.heapStop;
    // The calendar looks no further than the bucket of the heap's first: anything later loses to it.
    const s = cal.front(stop);
    this.slot = s;
    // An earlier bucket is an earlier time, so the common case needs no comparison.
    if (s >= 0 && cal.cur < stop) return IN_CALENDAR;
    if (stop === Infinity) return NONE;
    if (s < 0) return IN_HEAP;
    const h = this.heap.h, ct = cal.e[4 * s], ht = h[0];
    return ct < ht || (ct === ht && cal.e[4 * s + 1] < h[1]) ? IN_CALENDAR : IN_HEAP;
  }

  /** The bucket of the heap's first entry, Infinity when the heap is empty; leaves the heap's root settled. */
  private findHeapStop(): void {
    this.heapMoved = false;
    this.heapStop = this.heap.settle() ? this.cal.bucketOf(this.heap.h[0]) : Infinity;
  }

  private take(at: number): void {
    this.copyTop(at);
    if (at === IN_CALENDAR) this.cal.removeFront(this.slot);
    else {
      this.heap.removeTop();
      this.heapMoved = true;
    }
    if (--this.untilReview === 0) this.review();
  }

  private copyTop(at: number): void {
    let payload: number;
    if (at === IN_CALENDAR) {
      const E = this.cal.e, j = 4 * this.slot;
      this.topTime = E[j];
      this.topKey = E[j + 1];
      payload = E[j + 2];
      this.topB = E[j + 3];
    } else {
      const h = this.heap.h, d = this.heap.d;
      this.topTime = h[0];
      this.topKey = h[1];
      payload = d[0];
      this.topB = d[1];
    }
    this.topKind = Math.floor(payload / KIND_SPAN);
    this.topA = payload - this.topKind * KIND_SPAN - A_OFFSET;
  }

  /**
   * Every REVIEW_EVERY pops: if the calendar's shape no longer fits the
   * events (queue-shape.ts), its entries move to the heap and a calendar of
   * the new shape starts at the last popped time, taking new pushes; the
   * heap hands back the old entries in order as they come due.
   */
  private review(): void {
    const cal = this.cal, pops = this.reviewPeriod;
    const shape = nextShape(cal, this.size, this.topTime - this.periodStart, pops);
    this.periodStart = this.topTime;
    this.untilReview = this.reviewPeriod = Math.max(REVIEW_EVERY, this.size);
    cal.taken = cal.refused = cal.walked = cal.passed = 0;
    if (shape === null) return;
    const heap = this.heap;
    cal.drain((t, k, payload, b) => heap.push(t, k, payload, b));
    this.cal = new CalendarQueue(shape.width, shape.buckets, this.topTime);
    this.heapMoved = true;
  }
}
