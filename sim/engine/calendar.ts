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

export class Calendar {
  // One slot per entry: its (time, key, payload, b) and the next slot in its bucket.
  t = new Float64Array(1024);
  k = new Float64Array(1024);
  p = new Float64Array(1024);
  b = new Float64Array(1024);
  next = new Int32Array(1024);
  /** The first never-used slot; below it, freed slots are chained from `free`. */
  private used = 0;
  private free = -1;

  /** First and last slot of each bucket's list, -1 when empty. */
  private head: Int32Array;
  private tail: Int32Array;
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
    this.head = new Int32Array(nb).fill(-1);
    this.tail = new Int32Array(nb).fill(-1);
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
    const i = v & this.mask;
    const T = this.t, K = this.k, next = this.next;
    const last = this.tail[i];
    if (last < 0) {
      this.head[i] = s;
      this.tail[i] = s;
      next[s] = -1;
    } else if (T[last] < t || (T[last] === t && K[last] < k)) {
      // After everything in the bucket: the common case (later times, and ties in push order).
      next[last] = s;
      this.tail[i] = s;
      next[s] = -1;
    } else {
      let prev = -1;
      let x = this.head[i];
      let steps = 0;
      while (T[x] < t || (T[x] === t && K[x] < k)) {
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
      if (prev < 0) this.head[i] = s;
      else next[prev] = s;
    }
    T[s] = t;
    K[s] = k;
    this.p[s] = payload;
    this.b[s] = b;
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
    const head = this.head, mask = this.mask;
    let v = this.cur;
    for (;;) {
      const s = head[v & mask];
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
    const i = this.cur & this.mask;
    const n = this.next[s];
    this.head[i] = n;
    if (n < 0) this.tail[i] = -1;
    this.release(s);
    this.count--;
  }

  private release(s: number): void {
    this.next[s] = this.free;
    this.free = s;
  }

  /** Hands every entry to `put` and empties the calendar (order unspecified). */
  drain(put: (t: number, k: number, payload: number, b: number) => void): void {
    for (let i = 0; i < this.nb; i++) {
      for (let s = this.head[i]; s >= 0; s = this.next[s]) put(this.t[s], this.k[s], this.p[s], this.b[s]);
    }
    this.head.fill(-1);
    this.tail.fill(-1);
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
    if (this.used === this.t.length) this.grow();
    return this.used++;
  }

  private grow(): void {
    const n = this.t.length * 2;
    this.t = extend(this.t, n);
    this.k = extend(this.k, n);
    this.p = extend(this.p, n);
    this.b = extend(this.b, n);
    const next = new Int32Array(n);
    next.set(this.next);
    this.next = next;
  }
}

function extend(a: Float64Array<ArrayBuffer>, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}
