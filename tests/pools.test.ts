/**
 * The pools' pure model against hand counts: retention over 60 days of a
 * weekly full and daily incrementals, the bytes migration moves, which
 * cartridges reclamation takes, a library's slots as cartridges leave,
 * come back and are checked in.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Catalog } from '../sim/model/pools/holdings.ts';
import { migrationBytes, migrationPlan, reclaimCandidates } from '../sim/model/pools/plans.ts';
import { scratch, Shelf, type Volume } from '../sim/model/pools/volumes.ts';
import type { RetentionPolicy } from '../sim/model/retention.ts';

/** 60 days of one client: a full on days 0, 7, 14, ..., incrementals between, expiry run every day after the backup. */
function sixtyDays(policy: RetentionPolicy): { kept: number[]; gone: number } {
  const c = new Catalog();
  let gone = 0;
  for (let day = 0; day < 60; day++) {
    c.add('p', 'c', day, day % 7 === 0 ? 'full' : 'incremental', 1);
    gone += c.expire('p', policy, day).length;
  }
  return { kept: c.chain('p', 'c').map((v) => v.day), gone };
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

test('retention by days over 60 days: days 30..59 within 30 days, plus the chain day 30 builds on (28 full, 29 incremental)', () => {
  // On day 59 a version of day d is within 30 days when 59 < d + 30, so d >= 30: 30 versions. Day 30 (30 % 7 = 2)
  // is an incremental on day 29, itself an incremental on day 28 (a full, 28 % 7 = 0): both stay. 32 kept, 28 gone.
  const r = sixtyDays({ days: 30 });
  assert.equal(r.kept, range(28, 59));
  assert.is(r.gone, 60 - 32);
});

test('retention by days and versions: the newest 10 within 30 days, plus the full day 50 builds on', () => {
  // Newest 10 on day 59: days 50..59, all within 30 days. Day 50 (50 % 7 = 1) is an incremental on day 49, a full. 11 kept.
  const r = sixtyDays({ days: 30, versions: 10 });
  assert.equal(r.kept, range(49, 59));
  assert.is(r.gone, 49);
});

test('a differential builds on the last full, so the incrementals between it and the full may go', () => {
  const c = new Catalog();
  const levels = ['full', 'incremental', 'incremental', 'differential'] as const;
  levels.forEach((l, day) => c.add('p', 'c', day, l, 1));
  c.expire('p', { versions: 1 }, 3);
  assert.equal(c.chain('p', 'c').map((v) => [v.day, v.level]), [[0, 'full'], [3, 'differential']]);
});

test('migration moves stored - low x capacity from above high, nothing at or below high', () => {
  const TB = 1e12;
  assert.is(migrationBytes(0.95 * TB, TB, 90, 70), 0.25 * TB);
  assert.is(migrationBytes(0.9 * TB, TB, 90, 70), 0, 'at the high threshold: no migration');
  // 70 % of 999 999 999 999 B is 699 999 999 999.3: the pool stops at the byte below.
  assert.is(migrationBytes(950_000_000_000, 999_999_999_999, 90, 70), 950_000_000_000 - 699_999_999_999);
});

test('migration takes the oldest versions first and splits the last one', () => {
  const c = new Catalog();
  const put = (client: string, day: number, bytes: number) => c.add('disk', client, day, 'full', bytes).parts.push({ pool: 'disk', cartridge: null, bytes });
  put('b', 2, 300);
  put('a', 1, 400);
  put('c', 3, 250);
  const plan = migrationPlan(c.all(), 'disk', 500);
  assert.equal(plan.map((t) => [t.version.client, t.bytes]), [['a', 400], ['b', 100]]);
});

test('reclamation takes the full cartridges at least 60 % reclaimable, most reclaimable first', () => {
  // Ten full cartridges of 100 bytes with 90, 35, 70, 40, 10, 55, 25, 80, 45, 5 valid: reclaimable 10, 65, 30, 60,
  // 90, 45, 75, 20, 55, 95 %. At 60 %: the 2nd, 4th, 5th, 7th and 10th, taken 95, 90, 75, 65, 60 % first.
  const valid = [90, 35, 70, 40, 10, 55, 25, 80, 45, 5];
  const vols: Volume[] = valid.map((v, i) => ({ label: `C${i + 1}`, library: 'l', generation: 'LTO-5', capacity: 100, compression: 1, written: 100, valid: v, pool: 'tp', full: true, offsite: false, drive: null }));
  vols.push({ ...vols[0], label: 'FILLING', written: 20, valid: 0, full: false });
  assert.equal(reclaimCandidates(vols, 'tp', 60).map((v) => v.label), ['C10', 'C5', 'C7', 'C2', 'C4']);
  assert.equal(reclaimCandidates(vols, 'tp', 100), [], 'RECLAIM=100 turns reclamation off');
});

test('slots: an empty cartridge in the vault waits for a free slot; the operator checks in only into one, counting labels up', () => {
  // 3 slots: one cartridge listed with data (fixed), A00001L5 and A00002L5 in slots, A00003L5 in the vault with copies.
  const vol = (label: string, pool: string | null, offsite: boolean): Volume => ({ label, library: 'l', generation: 'LTO-5', capacity: 100, compression: 1, written: pool === null ? 0 : 50, valid: pool === null ? 0 : 50, pool, full: offsite, offsite, drive: null });
  const [a, b, c] = [vol('A00001L5', 'tp', false), vol('A00002L5', null, false), vol('A00003L5', 'vault', true)];
  const shelf = new Shelf('l', [a, b, c], 3, 1, ['A00001L5', 'A00002L5', 'A00003L5', 'A00004L5']);
  assert.equal(shelf.use(), { slots: 3, private: 2, scratch: 1, offsite: 1, waiting: 0 });
  assert.is(shelf.checkIn('LTO-5'), undefined, 'no free slot: 1 fixed + 2 in 3 slots');
  // A00003L5's copies expire: empty, it waits in the vault while the slots are full.
  scratch(c);
  shelf.comeBack();
  assert.equal(shelf.use(), { slots: 3, private: 2, scratch: 1, offsite: 0, waiting: 1 });
  // A00001L5 goes offsite too: its slot frees and A00003L5 comes back into it, as scratch.
  a.offsite = true;
  shelf.comeBack();
  assert.is(c.offsite, false);
  assert.equal(shelf.use(), { slots: 3, private: 1, scratch: 2, offsite: 1, waiting: 0 });
  // A00002L5 goes offsite: one slot free, and a new cartridge checked in takes the next label no cartridge has.
  b.pool = 'vault';
  b.offsite = true;
  const n = shelf.checkIn('LTO-5')!;
  assert.equal([n.label, n.capacity, shelf.slotsFree()], ['A00005L5', 100, 0]);
});

test.run();
