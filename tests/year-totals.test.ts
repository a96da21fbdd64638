import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { nightTotals } from '../reports/year-totals.ts';
import type { Night } from '../reports/year-nights.ts';

const night = (o: Partial<Night>): Night => ({
  date: '2026-01-01', day: 0, job: 'a', level: 'incremental', dataBytes: 10, dataSize: 100, status: 'completed',
  start: 79200, end: 79300, windowEnd: 79200 + 3600, verdict: 'met', missedBy: null, rpo: null, ...o,
});

test('three clients on one night: one bar, the worst verdict, the longest run with its window, bytes and data summed', () => {
  const nights = [
    night({ job: 'a' }),
    night({ job: 'b', level: 'full', dataBytes: 200, dataSize: 200, end: 79200 + 5000, windowEnd: 79200 + 4000, verdict: 'missed', missedBy: 1000 }),
    night({ job: 'c', start: 79260, end: 79270, windowEnd: 79260 + 7200 }),
    night({ date: '2026-01-02', day: 1, job: 'a', start: 86400 + 79200, windowEnd: 86400 + 79200 + 3600, status: 'running', end: null, verdict: 'open' }),
  ];
  assert.equal(nightTotals(nights, 86400 + 80000), [
    { date: '2026-01-01', day: 0, jobs: 3, verdict: 'missed', longest: 5000, longestJob: 'b', window: 4000, data: 220, size: 400, level: 'mixed', bad: 1 },
    // Still going at the end of the run (86400 + 80000 s), 800 s after its start at 79200 s of day 1.
    { date: '2026-01-02', day: 1, jobs: 1, verdict: 'open', longest: 800, longestJob: 'a', window: 3600, data: 10, size: 100, level: 'incremental', bad: 0 },
  ]);
});

test.run();
