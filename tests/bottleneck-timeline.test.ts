import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { smooth, type Segment } from '../sim/trace/bottleneck-timeline.ts';
import type { Limiter } from '../sim/foundation/limits.ts';

const link = (name: string): Limiter => ({ kind: 'link', link: name, device: null, capacity: 1, feed: null });
const limiters = new Map([['link a', link('a')], ['link b', link('b')]]);

// 100 pieces of 1 s whose rates change every second, as a LAN backup's do: for 50 s a holds 60 % of each
// second's bytes, then b does. Pooled into windows of 10 s, the story is a then b, not one stretch of whichever
// led the first window and swallowed the rest.
test('pieces shorter than the window are pooled, and the bottleneck changes where the windows say', () => {
  const segs: Segment[] = Array.from({ length: 100 }, (_, i) => {
    const first = i < 50;
    const jitter = i % 2 === 0 ? 0.05 : -0.05;
    return { t0: i, t1: i + 1, bytes: new Map([['link a', first ? 60 + jitter : 40], ['link b', first ? 40 : 60 + jitter]]) };
  });
  const st = smooth(segs, limiters, 10);
  assert.equal(st.map((s) => [s.t0, s.t1, s.key]), [[0, 50, 'link a'], [50, 100, 'link b']]);
  assert.ok(Math.abs(st[0].bytes - 50 * 60) < 1e-6 && Math.abs(st[0].moved - 5000) < 1e-6);
});

test('a short tail joins the last window; a run shorter than one window is one stretch', () => {
  const segs: Segment[] = [{ t0: 0, t1: 10, bytes: new Map([['link a', 5]]) }, { t0: 10, t1: 11, bytes: new Map([['link b', 9]]) }];
  assert.equal(smooth(segs, limiters, 10).map((s) => [s.t0, s.t1, s.key]), [[0, 11, 'link b']]);
  assert.equal(smooth(segs.slice(1), limiters, 10).map((s) => [s.t0, s.t1, s.key]), [[10, 11, 'link b']]);
});

test.run();
