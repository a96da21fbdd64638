/**
 * The max-min solver's min-heap of candidate bottlenecks: (share, entry)
 * pairs ordered by share, ties by insertion order, so a solve is the same
 * whatever the heap's shape. An entry is (kind, a, b): a link and its
 * version stamp, or a flow's own cap. Binary heap on typed arrays, no object
 * per entry; the solver pushes and pops thousands per re-rate.
 */
export class ShareHeap {
  private share: Float64Array;
  private seq: Float64Array;
  private kind: Int32Array;
  private a: Int32Array;
  private b: Int32Array;
  private n = 0;
  private next = 0;

  /** Filled by pop(): the popped entry. */
  topKind = 0;
  topA = 0;
  topB = 0;

  constructor(capacity = 256) {
    this.share = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.kind = new Int32Array(capacity);
    this.a = new Int32Array(capacity);
    this.b = new Int32Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  push(share: number, kind: number, a: number, b: number): void {
    if (this.n === this.share.length) this.grow();
    let i = this.n++;
    const s = this.next++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.share[p] < share || (this.share[p] === share && this.seq[p] < s)) break;
      this.move(p, i);
      i = p;
    }
    this.put(i, share, s, kind, a, b);
  }

  /** Takes the least entry into topKind/topA/topB; false when empty. */
  pop(): boolean {
    if (this.n === 0) return false;
    this.topKind = this.kind[0];
    this.topA = this.a[0];
    this.topB = this.b[0];
    const last = --this.n;
    if (last === 0) return true;
    const share = this.share[last], s = this.seq[last], kind = this.kind[last], a = this.a[last], b = this.b[last];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      if (c + 1 < last && (this.share[c + 1] < this.share[c] || (this.share[c + 1] === this.share[c] && this.seq[c + 1] < this.seq[c]))) c++;
      if (share < this.share[c] || (share === this.share[c] && s < this.seq[c])) break;
      this.move(c, i);
      i = c;
    }
    this.put(i, share, s, kind, a, b);
    return true;
  }

  clear(): void {
    this.n = 0;
  }

  private move(from: number, to: number): void {
    this.share[to] = this.share[from];
    this.seq[to] = this.seq[from];
    this.kind[to] = this.kind[from];
    this.a[to] = this.a[from];
    this.b[to] = this.b[from];
  }

  private put(i: number, share: number, s: number, kind: number, a: number, b: number): void {
    this.share[i] = share;
    this.seq[i] = s;
    this.kind[i] = kind;
    this.a[i] = a;
    this.b[i] = b;
  }

  private grow(): void {
    const n = this.share.length * 2;
    const share = new Float64Array(n); share.set(this.share); this.share = share;
    const seq = new Float64Array(n); seq.set(this.seq); this.seq = seq;
    const kind = new Int32Array(n); kind.set(this.kind); this.kind = kind;
    const a = new Int32Array(n); a.set(this.a); this.a = a;
    const b = new Int32Array(n); b.set(this.b); this.b = b;
  }
}
