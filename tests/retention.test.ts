import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { basesOf, retained, type Version } from '../sim/model/retention.ts';
import type { BackupLevel } from '../sim/foundation/scenario.ts';

/** A weekly full on day 0, 7, 14, ... and an incremental every other day. */
function weeklyFulls(days: number): Version[] {
  const levels: BackupLevel[] = Array.from({ length: days }, (_, d) => (d % 7 === 0 ? 'full' : 'incremental'));
  const bases = basesOf(levels);
  return levels.map((level, day) => ({ day, level, base: bases[day] }));
}

test("Veeam's restore point formula: 14 points of weekly fulls and daily incrementals keep 3 fulls and 12 incrementals at worst", () => {
  // Hand count: on the day of the third full (day 14) the newest 14 points are days 1..14; day 1 builds on
  // day 0's full, so the whole first chain stays: fulls 0, 7, 14 and incrementals 1..6, 8..13.
  const all = weeklyFulls(15);
  const kept = retained(all, { versions: 14 }, 14);
  const fulls = all.filter((v, i) => kept[i] && v.level === 'full').length;
  const incrementals = all.filter((v, i) => kept[i] && v.level === 'incremental').length;
  assert.is(fulls, 3);
  assert.is(incrementals, 12);
  // C·(F·Data + R·D·Data) with C = 0.5 (2:1), Data = 1 TB, D = 10 % a day.
  const C = 0.5, data = 1e12, D = 0.1;
  const stored = all.reduce((a, v, i) => a + (kept[i] ? C * (v.level === 'full' ? data : D * data) : 0), 0);
  assert.ok(Math.abs(stored - C * (3 * data + 12 * D * data)) < 1);
  // The day after, day 1 leaves the newest 14 but day 2 is still in it: still 3 fulls; a week on, the first chain goes.
  assert.is(retained(weeklyFulls(16), { versions: 14 }, 15).filter(Boolean).length, 16);
  const later = retained(weeklyFulls(22), { versions: 14 }, 21);
  assert.equal(later.slice(0, 7), [false, false, false, false, false, false, false]);
  assert.is(later.filter(Boolean).length, 15);
});

test('days: a point taken on day d is gone on day d + days, unless a kept point builds on it', () => {
  const all = weeklyFulls(40);
  const kept = retained(all, { days: 30 }, 39);
  // Points of days 10..39 are within 30 days; 10..13 build on the full of day 7, which stays with its chain.
  assert.equal(kept.map((k, d) => (k ? d : -1)).filter((d) => d >= 0), Array.from({ length: 33 }, (_, i) => i + 7));
});

test('a differential builds on the last full, so older incrementals of that week are free to go', () => {
  const levels: BackupLevel[] = ['full', 'incremental', 'incremental', 'differential'];
  assert.equal(basesOf(levels), [null, 0, 1, 0]);
  const versions = levels.map((level, day) => ({ day, level, base: basesOf(levels)[day] }));
  assert.equal(retained(versions, { versions: 1 }, 3), [true, false, false, true]);
});

test('both limits: a point is kept only while it is within each', () => {
  const all = weeklyFulls(7);
  assert.equal(retained(all, { versions: 5, days: 3 }, 6), [true, true, true, true, true, true, true]);
  const fulls = Array.from({ length: 6 }, (_, day): Version => ({ day, level: 'full', base: null }));
  assert.equal(retained(fulls, { versions: 5, days: 3 }, 5), [false, false, false, true, true, true]);
  assert.equal(retained(fulls, { versions: 2, days: 30 }, 5), [false, false, false, false, true, true]);
  assert.equal(retained(fulls, {}, 5), [true, true, true, true, true, true]);
});

test.run();
