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

test.run();
