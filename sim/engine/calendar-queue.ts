/**
 * The event queue's near tier: a calendar queue (Brown 1988) of one year.
 * Time is cut into buckets of `width` ticks; bucket v holds, as a list
 * sorted by (time, key), the entries whose time falls in
 * [origin + v·width, origin + (v+1)·width). Only one year of buckets is
 * kept, [cur, cur + nb): `cur` is the first bucket that may hold an entry,
 * and v lives in slot v mod nb. An entry outside that year, or whose place
 * in its bucket's list is more than MAX_WALK entries from the end, is
 * refused: queue.ts puts it in the heap instead, so no distribution makes
 * an operation here cost more than a bounded walk plus the heap's.
 *
 * In the hold pattern (each entry pushed a random delay after the one just
 * popped) with a width near the mean gap between events, a push appends to
 * a short list and a pop takes a list's head: O(1), where a heap sifts
 * through log n levels.
 *
 * The bucket of a time is floor((t - origin) / width), with width a power
 * of two: rounding is monotone, so a later time never lands in an earlier
 * bucket, which is all the order rests on; times past 2^53 ns (a coarse
 * grid) or with fractions need no care. Entries live in slots of flat
 * typed arrays chained by `next`; freed slots are reused.
 */

/** Entries a push may walk past from a bucket's head before the entry goes to the heap instead. */
const MAX_WALK = 8;

export class CalendarQueue {
  /** Slot s's (time, key, payload, b) at 4s..4s+3: one entry in one cache line. */
  e = new Float64Array(4 * 1024);
  /** The next slot in slot s's bucket, -1 at its end. */
  next = new Int32Array(1024);
  /** The first never-used slot; below it, freed slots are chained from `free`. */
  private used = 0;
  private free = -1;

  /** First and last slot of bucket i's list at 2i and 2i+1, -1 when empty. */
  private ends: Int32Array;
  nb: number;
  private mask: number;
  width: number;
  private inv: number;
  origin = 0;
  /** The first bucket that may hold an entry: every entry's bucket is in [cur, cur + nb). */
  cur = 0;
  count = 0;

  /** Counted for queue.ts's review of the geometry: pushes taken, refused, list steps walked, empty buckets passed. */
  taken = 0;
  refused = 0;
  walked = 0;
  passed = 0;

  constructor(width: number, nb: number, origin: number) {
    this.nb = nb;
    this.mask = nb - 1;
    this.width = width;
    this.inv = 1 / width;
    this.origin = origin;
    this.ends = new Int32Array(2 * nb).fill(-1);
  }

  /** The bucket of time t (a whole number, as a double; may be negative or huge). */
  bucketOf(t: number): number {
    return Math.floor((t - this.origin) * this.inv);
  }

  /** Adds the entry; false if it belongs elsewhere (outside the year, or too deep in its list). */
  add(t: number, k: number, payload: number, b: number): boolean {
    const v = Math.floor((t - this.origin) * this.inv);
    // The negated test also refuses NaN.
    if (!(v >= this.cur && v < this.cur + this.nb)) {
      this.refused++;
      return false;
    }
    // The slot first: taking one may grow the arrays read below.
    const s = this.slot();
    const i = 2 * (v & this.mask);
    const E = this.e, next = this.next, ends = this.ends;
    const last = ends[i + 1];
    if (last < 0) {
      ends[i] = s;
      ends[i + 1] = s;
      next[s] = -1;
    } else if (E[4 * last] < t || (E[4 * last] === t && E[4 * last + 1] < k)) {
      // After everything in the bucket: the common case (later times, and ties in push order).
      next[last] = s;
      ends[i + 1] = s;
      next[s] = -1;
    } else {
      let prev = -1;
      let x = ends[i];
      let steps = 0;
      while (E[4 * x] < t || (E[4 * x] === t && E[4 * x + 1] < k)) {
        if (++steps > MAX_WALK) {
          this.walked += steps;
          this.refused++;
          this.release(s);
          return false;
        }
        prev = x;
        x = next[x];
      }
      this.walked += steps;
      next[s] = x;
      if (prev < 0) ends[i] = s;
      else next[prev] = s;
    }
    const j = 4 * s;
    E[j] = t;
    E[j + 1] = k;
    E[j + 2] = payload;
    E[j + 3] = b;
    this.count++;
    this.taken++;
    return true;
  }

  /**
   * The slot of the first entry, found by passing empty buckets, but none
   * past bucket `stop` (what the heap holds first is earlier than anything
   * in a later bucket); -1 when there is none up to there.
   */
  front(stop: number): number {
    if (this.count === 0) return -1;
    const ends = this.ends, mask = this.mask;
    let v = this.cur;
    for (;;) {
      const s = ends[2 * (v & mask)];
      if (s >= 0 || v >= stop) {
        this.cur = v;
        return s;
      }
      v++;
      this.passed++;
    }
  }

  /** Removes the entry front() just returned: the head of bucket `cur`. */
  removeFront(s: number): void {
    const i = 2 * (this.cur & this.mask);
    const n = this.next[s];
    this.ends[i] = n;
    if (n < 0) this.ends[i + 1] = -1;
    this.release(s);
    this.count--;
  }

  private release(s: number): void {
    this.next[s] = this.free;
    this.free = s;
  }

  /** Hands every entry to `put` and empties the calendar (order unspecified). */
  drain(put: (t: number, k: number, payload: number, b: number) => void): void {
    const E = this.e;
    for (let i = 0; i < this.nb; i++) {
      for (let s = this.ends[2 * i]; s >= 0; s = this.next[s]) put(E[4 * s], E[4 * s + 1], E[4 * s + 2], E[4 * s + 3]);
    }
    this.ends.fill(-1);
    this.used = 0;
    this.free = -1;
    this.count = 0;
  }

  private slot(): number {
    const f = this.free;
    if (f >= 0) {
      this.free = this.next[f];
      return f;
    }
    if (this.used === this.next.length) this.grow();
    return this.used++;
  }

  private grow(): void {
    const e = new Float64Array(this.e.length * 2);
    e.set(this.e);
    this.e = e;
    const next = new Int32Array(this.next.length * 2);
    next.set(this.next);
    this.next = next;
  }
}
