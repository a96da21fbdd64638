import { PRIORITY_LATE, PRIORITY_NORMAL, PRIORITY_URGENT } from '../sim/foundation/priority.ts';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EventQueue } from '../sim/engine/queue.ts';
import { RandomStream } from '../sim/engine/rng.ts';

const drain = (q: EventQueue) => {
  const out: [number, number, number][] = [];
  while (q.pop()) out.push([q.topTime, q.topPriority, q.topA]);
  return out;
};

test('entries come out by time, then priority, then insertion order', () => {
  const q = new EventQueue(2);
  q.push(10, PRIORITY_NORMAL, 0, 1, 0);
  q.push(5, PRIORITY_LATE, 0, 2, 0);
  q.push(10, PRIORITY_URGENT, 0, 3, 0);
  q.push(5, PRIORITY_NORMAL, 0, 4, 0);
  q.push(10, PRIORITY_NORMAL, 0, 5, 0);
  q.push(5, PRIORITY_NORMAL, 0, 6, 0);
  assert.equal(drain(q).map((e) => e[2]), [4, 6, 2, 3, 1, 5]);
});

test('matches a sort by (time, priority, seq) on 20,000 random entries with many ties', () => {
  const rng = new RandomStream(7, 'queue');
  const q = new EventQueue();
  const ref: [number, number, number][] = [];
  let seq = 0;
  // Interleave pushes and pops, as a simulation does.
  const popped: number[] = [];
  const expect: number[] = [];
  for (let i = 0; i < 20000; i++) {
    const t = rng.integer(0, 50), p = rng.integer(0, 3);
    q.push(t, p, 0, seq, 0);
    ref.push([t, p, seq++]);
    if (rng.bernoulli(0.3)) {
      ref.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
      expect.push(ref.shift()![2]);
      q.pop();
      popped.push(q.topA);
    }
  }
  assert.equal(popped, expect);
  ref.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  assert.equal(drain(q).map((e) => e[2]), ref.map((e) => e[2]));
});

test('payloads come back intact, negative ids included', () => {
  const q = new EventQueue();
  q.push(1, 0, 18, -(2 ** 31), 2.5);
  q.push(2, 0, 0, 2 ** 31 - 1, -1);
  q.pop();
  assert.equal([q.topKind, q.topA, q.topB], [18, -(2 ** 31), 2.5]);
  q.pop();
  assert.equal([q.topKind, q.topA, q.topB], [0, 2 ** 31 - 1, -1]);
  assert.not.ok(q.pop());
});

// ---- property tests: the queue against a plain sort by (time, priority, seq) ----

const DAY = 86_400e9;

interface Ref { t: number; p: number; seq: number; id: number }

/** How far ahead of now an entry lands: a mix of the same instant, ns-scale, exponential and day-scale delays. */
type Delay = (rng: RandomStream) => number;
const sameInstant: Delay = () => 0;
const fewTicks: Delay = (rng) => rng.integer(0, 3);
const hold: Delay = (rng) => Math.round(rng.exponential(1000));
const seconds: Delay = (rng) => Math.round(rng.exponential(1e9));
const days: Delay = (rng) => Math.round(rng.exponential(DAY));
const mixed: Delay = (rng) => [sameInstant, fewTicks, hold, hold, seconds, days][rng.integer(0, 5)](rng);

interface Workload {
  seed: number;
  ops: number;
  /** The delay distribution in each phase (the run is cut into equal phases, so the queue must re-fit). */
  phases: Delay[];
  /** The first time, and the grid every time is a multiple of. */
  start?: number;
  grid?: number;
  popShare?: number;
}

/** Runs a seeded workload on the queue and on a sorted array; returns the two pop sequences as [time, priority, id]. */
function race(w: Workload): { got: number[][]; want: number[][]; pops: number } {
  const rng = new RandomStream(w.seed, 'queue-property');
  const grid = w.grid ?? 1;
  const q = new EventQueue(4);
  const ref: Ref[] = [];
  const got: number[][] = [];
  const want: number[][] = [];
  let seq = 0;
  let id = 0;
  let now = w.start ?? 0;
  /** Reserved sequence numbers not used yet, as kernel.series holds them. */
  const reserved: number[] = [];
  const before = (x: Ref, y: Ref) => x.t - y.t || x.p - y.p || x.seq - y.seq;
  const insert = (e: Ref) => {
    let lo = 0, hi = ref.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(ref[mid], e) < 0) lo = mid + 1;
      else hi = mid;
    }
    ref.splice(lo, 0, e);
  };
  const popOne = () => {
    const e = ref.shift()!;
    want.push([e.t, e.p, e.id]);
    assert.ok(q.pop());
    got.push([q.topTime, q.topPriority, q.topA]);
    now = q.topTime;
  };
  for (let op = 0; op < w.ops; op++) {
    const phase = w.phases[Math.min(w.phases.length - 1, Math.floor((op * w.phases.length) / w.ops))];
    if (ref.length > 0 && rng.bernoulli(w.popShare ?? 0.45)) {
      popOne();
      continue;
    }
    const t = Math.ceil((now + phase(rng)) / grid) * grid;
    const p = rng.integer(0, 3);
    const r = rng.integer(0, 19);
    if (r === 0) {
      reserved.push(q.reserve());
      seq++;
    } else if (r === 1 && reserved.length > 0) {
      // A reserved number sorts as if pushed when it was reserved: ahead of later pushes at the same time and priority.
      const s = reserved.shift()!;
      q.pushAt(t, p, s, 5, id, 0);
      insert({ t, p, seq: s, id: id++ });
    } else {
      q.push(t, p, 5, id, 0);
      insert({ t, p, seq: seq++, id: id++ });
    }
    if (op % 97 === 0) {
      assert.is(q.size, ref.length);
      assert.is(q.peekTime(), ref.length === 0 ? Infinity : ref[0].t);
    }
  }
  while (ref.length > 0) popOne();
  assert.not.ok(q.pop());
  return { got, want, pops: got.length };
}

/** The first pop that differs, shown alone: a diff of whole sequences this long would take minutes to print. */
function samePops(r: { got: number[][]; want: number[][] }): void {
  const i = r.want.findIndex((w, j) => r.got[j] === undefined || w.some((x, k) => x !== r.got[j][k]));
  assert.is(r.got.length, r.want.length);
  if (i >= 0) assert.equal({ pop: i, entry: r.got[i] }, { pop: i, entry: r.want[i] });
}

test('many entries at the same instant and a few ticks apart come out as the sort says', () => {
  for (const seed of [1, 2, 3]) {
    const r = race({ seed, ops: 30_000, phases: [sameInstant, fewTicks, sameInstant] });
    samePops(r);
  }
});

test('the hold pattern, then seconds, then days: the queue re-fits to each and keeps the order', () => {
  for (const seed of [4, 5]) {
    const r = race({ seed, ops: 60_000, phases: [hold, seconds, days, hold], popShare: 0.5 });
    assert.ok(r.pops > 25_000);
    samePops(r);
  }
});

test('ns-scale and day-scale delays mixed in one run (a year-long run\'s skew)', () => {
  for (const seed of [6, 7, 8]) {
    const r = race({ seed, ops: 40_000, phases: [mixed] });
    samePops(r);
  }
});

test('times past 2^53 ns on a 4 ns grid (a 400-day clock from day 399) keep their exact order', () => {
  const r = race({ seed: 9, ops: 40_000, phases: [hold, fewTicks, mixed], start: 399 * DAY, grid: 4 });
  assert.ok(r.want[0][0] > 2 ** 53);
  samePops(r);
});

test('a queue that grows to tens of thousands and drains again', () => {
  const r = race({ seed: 10, ops: 80_000, phases: [hold, hold, seconds], popShare: 0.2 });
  samePops(r);
});

test('popBefore stops at its limit and peek leaves the entry in place', () => {
  const q = new EventQueue();
  for (let i = 0; i < 5000; i++) q.push(i * 3, PRIORITY_NORMAL, 1, i, 0);
  let n = 0;
  while (q.popBefore(6000)) n++;
  assert.is(n, 2000);
  assert.ok(q.peek());
  assert.equal([q.topTime, q.topA], [6000, 2000]);
  assert.is(q.size, 3000);
  assert.ok(q.pop());
  assert.equal([q.topTime, q.topA], [6000, 2000]);
});

test.run();
