import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rail } from '../sim/model/libraries/rail.ts';

// Round numbers so every answer is worked by hand: 4 frames, 1 s per frame, 2 s per pick or place, accessors kept
// 1 frame apart. Two accessors start at the starts of their zones: accessor 0 at 0, accessor 1 at 2.
const S = 1e9;
const g = { frames: 4, handling: 2 * S, perFrame: 1 * S, clearance: 1 };

test('one accessor never waits: a trip costs its travel and handlings, from where the last one ended', () => {
  const r = new Rail(g, 1);
  assert.equal(r.plan(0, 5 * S, [3, 0.5]), { wait: 0, ticks: (3 + 2.5) * S + 2 * 2 * S, pushed: 0 });
  assert.equal(r.plan(0, 20 * S, [1.5]), { wait: 0, ticks: 1 * S + 2 * S, pushed: 0 });
  assert.is(r.position(0), 1.5);
});

test('a parked accessor in the way is pushed to the clearance beyond the trip; its own next trip starts once it is there', () => {
  const r = new Rail(g, 2);
  // accessor 0 to 1.5 and back to its drive at 0.5: accessor 1, parked at 2, is within 1 frame of 1.5 and goes to 2.5
  assert.equal(r.plan(0, 0, [1.5, 0.5]), { wait: 0, ticks: (1.5 + 1) * S + 2 * 2 * S, pushed: 0.5 * S });
  assert.is(r.position(1), 2.5);
  // accessor 1, asked at 0, first finishes being pushed (0.5 s); then 2.5 -> 3 -> 3.5 stays 1 frame clear of 0 .. 1.5
  assert.equal(r.plan(1, 0, [3, 3.5]), { wait: 0.5 * S, ticks: 1 * S + 2 * 2 * S, pushed: 0 });
});

test('a trip that would come within the clearance of the other\'s moves waits until those moves are done; first planned, first served', () => {
  const r = new Rail(g, 2);
  // accessor 0: 0 -> 1.75 (1.75 s + 2 s, until 3.75 s), 1.75 -> 0.5 (1.25 s + 2 s, until 7 s); accessor 1 is pushed from 2 to 2.75
  assert.equal(r.plan(0, 0, [1.75, 0.5]), { wait: 0, ticks: (1.75 + 1.25) * S + 4 * S, pushed: 0.75 * S });
  // accessor 1 wants 2.25, less than a frame from 1.75, where both of accessor 0's legs reach: it starts at 7 s
  assert.equal(r.plan(1, 0, [2.25, 3.5]), { wait: 7 * S, ticks: (0.5 + 1.25) * S + 4 * S, pushed: 0 });
  // accessor 0, back at 7 s, wants 1.75 again: accessor 1's legs (7-9.5 s over 2.25-2.75, 9.5-12.75 s over 2.25-3.5)
  // come first, so it starts at 12.75 s
  assert.is(r.plan(0, 7 * S, [1.75, 0.5]).wait, 5.75 * S);
});

test('accessors a clearance apart do not wait for each other', () => {
  const r = new Rail(g, 2);
  r.plan(0, 0, [0.5, 1]); // accessor 0 over 0 .. 1
  assert.equal(r.plan(1, 0, [2, 3.5]), { wait: 0, ticks: 1.5 * S + 4 * S, pushed: 0 });
});

test.run();
