/**
 * Pools in a run: reclamation on a hand-worked case, migration to the byte,
 * a write failing when scratch runs out, a restore of an expired version
 * refused, and bad input named at its field path.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import type { RunResult } from '../sim/foundation/result.ts';
import { refusal } from './support/refusal.ts';

const GB = 1e9;

/** A library of `cartridges` LTO-5 cartridges of 100 GB (and `slots`), two drives, a tape pool `tp` and the given pools and jobs. */
function scenario(o: { cartridges: number; slots?: number; pools?: string; tape?: string; jobs: string }): string {
  return `name: pools
until: 5 d
topology:
  hosts: { client: {}, server: {} }
  links: { lan: { between: [client, server], bandwidth: 10 GB/s } }
  libraries:
    lib:
      drives: { d1: { generation: LTO-5 }, d2: { generation: LTO-5 } }
${o.slots === undefined ? '' : `      slots: ${o.slots}\n`}      cartridges: { T00001L5: { count: ${o.cartridges}, capacity: 100 GB } }
  pools:
    tape: { tp: { library: lib, drives: [lib/d1, lib/d2], maxScratch: 20${o.tape ?? ', retention: { versions: 1 }'} } }
${o.pools ?? ''}
workload:
  jobs:
${o.jobs}`;
}

const step = (op: string, args: string) => `        - ${op}: { ${args} }\n`;
const backup = (pool: string, client: string, gb: number) => step('pool.backup', `pool: ${pool}, client: ${client}, bytes: ${gb} GB, level: full, route: [lan]`);
const job = (name: string, start: string, steps: string) => `    ${name}:\n      start: ${start}\n      steps:\n${steps}`;

function run(text: string): { r: RunResult; audits: string[]; last: (subject: string, measure: string) => number | undefined } {
  let audits: string[] = [];
  const r = runScenario(loadScenario('pools.yaml', text), { inspect: ({ audit }) => { audits = audit(); } });
  const last = (subject: string, measure: string) => r.ledger.filter((x) => x.subject === subject && x.measure === measure).at(-1)?.value;
  return { r, audits, last };
}

// Day 0: twenty fulls, a_k then b_k for k = 1..10, with a_k = x_k GB and b_k = 100 - x_k GB, fill cartridges 1..10
// exactly (a_k and b_k on cartridge k). Day 1: new fulls of a_1..a_10, 10 GB each, fill cartridge 11; expiry with one
// version per client removes the old a_k, so cartridge k keeps b_k valid and is x_k % reclaimable.
const x = [10, 65, 30, 60, 90, 45, 75, 20, 55, 95];
const day0 = x.map((a, k) => backup('tp', `a${k + 1}`, a) + backup('tp', `b${k + 1}`, 100 - a)).join('');
const day1 = x.map((_, k) => backup('tp', `a${k + 1}`, 10)).join('');

test('reclamation, hand-worked: 5 of 10 cartridges at least 60 % reclaimable, 115 GB moved onto 2 new ones, 5 back to scratch', () => {
  // Reclaimable x_k >= 60: cartridges 2 (65), 4 (60), 5 (90), 7 (75), 10 (95). Their valid data, 35 + 40 + 10 + 25 + 5
  // = 115 GB, goes onto scratch cartridges 12 (100 GB, full) and 13 (15 GB). In use before: 11; after: 11 + 2 - 5 = 8.
  // Of the library's 15 cartridges, scratch after: 15 - 8 = 7.
  const text = scenario({
    cartridges: 15,
    jobs: job('night0', '1 h', day0) + job('night1', '1 d', day1) + job('maintenance', '1 d 12 h', step('pool.expire', 'pool: tp') + step('pool.reclaim', 'pool: tp')),
  });
  const { r, audits, last } = run(text);
  assert.equal(audits, []);
  const m = r.jobs.find((j) => j.name === 'maintenance')!;
  assert.is(m.status, 'completed', m.reason);
  assert.is(m.results!['pool.expire.versions'], 10);
  assert.is(m.results!['pool.reclaim.bytes'], 115 * GB);
  assert.is(last('tp', 'cartridges-used'), 8);
  assert.is(last('lib', 'cartridges-scratch'), 7);
  // What the pool holds: b_1..b_10 (1000 - 545 = 455 GB) and the ten new a_k (100 GB).
  assert.is(last('tp', 'logical'), 555 * GB);
  // Garbage left: the expired a_k on the five cartridges not reclaimed, 10 + 30 + 45 + 20 + 55 = 160 GB.
  assert.is(last('tp', 'garbage'), 160 * GB);
});

test('a write that needs a cartridge when the library has no scratch and no free slot fails, naming the pool, the library and what fills its slots', () => {
  // Day 0 fills the 10 cartridges listed, in the library's 10 slots; day 1 needs an 11th.
  const text = scenario({ cartridges: 10, slots: 10, jobs: job('night0', '1 h', day0) + job('night1', '1 d', day1) });
  const { r, audits } = run(text);
  assert.equal(audits, []);
  assert.is(r.jobs.find((j) => j.name === 'night0')!.status, 'completed');
  const n1 = r.jobs.find((j) => j.name === 'night1')!;
  assert.is(n1.status, 'failed');
  assert.match(n1.reason!, /tape pool 'tp' is out of scratch: library 'lib' has no empty LTO-5 cartridge and no free slot to check one in \(its 10 slots hold 10 private and 0 scratch cartridges; 0 offsite away\)/);
});

test('maxScratch: the pool may not hold more cartridges than it says', () => {
  const text = scenario({ cartridges: 15, tape: ', maxScratch: 3', jobs: job('night0', '1 h', day0) }).replace('maxScratch: 20, maxScratch: 3', 'maxScratch: 3');
  const n0 = run(text).r.jobs.find((j) => j.name === 'night0')!;
  assert.is(n0.status, 'failed');
  assert.match(n0.reason!, /tape pool 'tp' is out of scratch: it holds 3 cartridges, its maxScratch/);
});

/**
 * Nights 0..6, each a 100 GB full of its own client onto tp (one whole cartridge) and a copy of it to the copy pool
 * `vault` (one more), in a library of 6 slots holding 3 cartridges listed; the operator checks in T00004L5, ... as needed.
 */
function slotNights(offsite: boolean): ReturnType<typeof run> {
  const copy = `    copy: { vault: { of: tp, library: lib, drives: [lib/d2], maxScratch: 20, offsite: ${offsite} } }\n`;
  const nights = [0, 1, 2, 3, 4, 5, 6].map((k) => job(`n${k}`, `${k} d 1 h`, backup('tp', `c${k}`, 100) + step('pool.copy', 'pool: vault'))).join('');
  return run(scenario({ cartridges: 3, slots: 6, tape: '', pools: copy, jobs: nights }).replace('until: 5 d', 'until: 8 d'));
}
const status = (r: RunResult) => [0, 1, 2, 3, 4, 5, 6].map((k) => r.jobs.find((j) => j.name === `n${k}`)!.status);

test('slots run out on a known night: 6 slots, two cartridges a night kept in the library, night 3 fails', () => {
  // Night 0 writes T00001L5 (backup) and T00002L5 (copy); night 1 T00003L5 and a checked-in T00004L5; night 2 two more
  // checked in, T00005L5 and T00006L5: 6 cartridges in 6 slots. Night 3's backup needs a 7th: no scratch, no free slot.
  const { r, audits, last } = slotNights(false);
  assert.equal(audits, []);
  assert.equal(status(r), ['completed', 'completed', 'completed', 'failed', 'failed', 'failed', 'failed']);
  assert.match(r.jobs.find((j) => j.name === 'n3')!.reason!, /library 'lib' has no empty LTO-5 cartridge and no free slot to check one in \(its 6 slots hold 6 private and 0 scratch cartridges; 0 offsite away\)/);
  assert.is(last('lib', 'slots-free'), 0);
  assert.is(last('lib', 'cartridges-used'), 6);
  const free = r.ledger.filter((x) => x.subject === 'lib' && x.measure === 'slots-free').map((x) => x.value);
  // Slots free as cartridges come in: 3 at the start, then one fewer per check-in (T00004..T00006).
  assert.equal(free, [3, 2, 1, 0]);
});

test('offsite copies leave their slots, so nights 3 and 4, which ran out of slots, succeed', () => {
  // Each night's copy cartridge goes to the vault, but takes a slot until then. In the library after each night:
  // night 0: T00001L5 (backup), T00003L5 (scratch); T00002L5 offsite. Night 1: the backup takes T00003L5, the copy a
  // checked-in T00004L5 that leaves: 2 in. Nights 2, 3, 4: a backup cartridge checked in stays, the copy's leaves:
  // 3, 4, 5 in. Night 5: the backup's check-in makes 6; the copy needs a 7th slot: it fails, 5 copies away. Night 6's
  // backup fails the same way.
  const { r, audits, last } = slotNights(true);
  assert.equal(audits, []);
  assert.equal(status(r), ['completed', 'completed', 'completed', 'completed', 'completed', 'failed', 'failed']);
  assert.match(r.jobs.find((j) => j.name === 'n5')!.reason!, /copy pool 'vault' is out of scratch: library 'lib' has no empty LTO-5 cartridge and no free slot to check one in \(its 6 slots hold 6 private and 0 scratch cartridges; 5 offsite away\)/);
  assert.match(r.jobs.find((j) => j.name === 'n6')!.reason!, /tape pool 'tp' is out of scratch: .*its 6 slots hold 6 private and 0 scratch cartridges; 5 offsite away/);
  assert.is(last('lib', 'slots-free'), 0);
  assert.is(last('tp', 'cartridges-used'), 6);
  assert.is(last('vault', 'cartridges-used'), 5);
});

const DISK = `    disk: { dp: { capacity: 1 TB, rate: 1 GB/s, next: tp, retention: { days: 2 } } }\n`;

test('migration from above 90 % moves stored - 70 % x capacity to the byte, the oldest version first, through a drive', () => {
  // 400 + 300 + 250 GB = 950 GB in a 1 TB pool: above 90 %, so 950 - 700 = 250 GB move: all of it from day 0's 400 GB version.
  const text = scenario({
    cartridges: 15, pools: DISK,
    jobs: job('n0', '1 h', backup('dp', 'a', 400)) + job('n1', '1 d', backup('dp', 'b', 300) + backup('dp', 'c', 250)) + job('m', '1 d 12 h', step('pool.migrate', 'pool: dp')),
  });
  const { r, audits, last } = run(text);
  assert.equal(audits, []);
  assert.is(r.jobs.find((j) => j.name === 'm')!.results!['pool.migrate.bytes'], 250 * GB);
  assert.is(last('dp', 'stored'), 700 * GB);
  assert.is(last('tp', 'logical'), 250 * GB);
  const flow = r.flows.find((f) => f.route.join('>') === 'dp>lib/d1' || f.route.join('>') === 'dp>lib/d2');
  assert.ok(flow, 'a flow from the disk pool to a drive');
  assert.is(last('dp', 'versions'), 3, 'a split version counts in both pools');
});

test('a disk pool that cannot hold a backup sends it to its next pool; without one the write fails naming the pool', () => {
  const over = scenario({ cartridges: 15, pools: DISK, jobs: job('n0', '1 h', backup('dp', 'a', 1200)) });
  const { r, last } = run(over);
  assert.is(r.jobs[0].status, 'completed');
  assert.is(last('tp', 'logical'), 1200 * GB);
  const full = scenario({ cartridges: 15, pools: DISK.replace(', next: tp', ''), jobs: job('n0', '1 h', backup('dp', 'a', 1200)) });
  const j = run(full).r.jobs[0];
  assert.is(j.status, 'failed');
  assert.match(j.reason!, /disk pool 'dp' is full: 1200000000000 bytes do not fit in the 1000000000000 free, and it has no next pool/);
});

test('a restore of a version retention removed is refused; a retained one crosses the route', () => {
  const restore = (day: number) => step('pool.restore', `pool: dp, client: a, day: ${day}, route: [lan]`);
  const text = scenario({
    cartridges: 15, pools: DISK,
    jobs: job('n0', '1 h', backup('dp', 'a', 10)) + job('n3', '3 d', backup('dp', 'a', 10) + step('pool.expire', 'pool: dp')) + job('r3', '3 d 12 h', restore(3)) + job('r0', '3 d 13 h', restore(0)),
  });
  const { r, audits } = run(text);
  assert.equal(audits, []);
  assert.is(r.jobs.find((j) => j.name === 'r3')!.status, 'completed');
  assert.is(r.jobs.find((j) => j.name === 'r3')!.bytes, 10 * GB);
  const r0 = r.jobs.find((j) => j.name === 'r0')!;
  assert.is(r0.status, 'failed');
  assert.match(r0.reason!, /a's version of day 0 in pool 'dp' expired on day 3; retention removed it/);
});

test('a step abandoned when its window closes gives its drive back: the next write mounts over what it left', () => {
  // One drive. The night's 500 GB (an hour at LTO-5's 140 MB/s) is cancelled when its 10 min window closes; at 02:00 a
  // 10 GB backup needs the same drive, unmounts the abandoned cartridge and writes.
  const text = scenario({ cartridges: 5, jobs: job('after', '2 h', backup('tp', 'b', 10)) }).replace('drives: [lib/d1, lib/d2]', 'drives: [lib/d1]')
    .replace('until: 5 d', 'until: 1 d') + `    night:\n      schedule: daily 00:30\n      window: 10 min\n      onMiss: cancel\n      steps:\n${backup('tp', 'a', 500)}`;
  const { r, audits, last } = run(text);
  assert.equal(audits, []);
  assert.match(r.jobs.find((j) => j.name.startsWith('night'))!.reason ?? '', /window closed/);
  const after = r.jobs.find((j) => j.name === 'after')!;
  assert.is(after.status, 'completed', after.reason);
  assert.is(last('tp', 'logical'), 10 * GB);
});

test('bad input names the field path: an unknown library, a drive of another library, low above high, next not a tape pool, more cartridges than slots', () => {
  const base = scenario({ cartridges: 2, pools: DISK, jobs: job('n0', '1 h', backup('dp', 'a', 1)) });
  const cases: [string, string, RegExp][] = [
    ['library: lib,', 'library: nolib,', /topology\.pools\.tape\.tp\.library[\s\S]*no tape library named 'nolib'/],
    ['drives: [lib/d1, lib/d2]', 'drives: [lib/d1, lib/d9]', /topology\.pools\.tape\.tp\.drives\[1\][\s\S]*no drive 'lib\/d9' in library 'lib'/],
    ['next: tp,', 'next: tp, migrate: { high: 60, low: 80 },', /topology\.pools\.disk\.dp\.migrate\.low[\s\S]*must not be above/],
    ['next: tp,', 'next: dp,', /topology\.pools\.disk\.dp\.next[\s\S]*no tape pool named 'dp'/],
    ['d2: { generation: LTO-5 } }\n', 'd2: { generation: LTO-5 } }\n      slots: 1\n', /topology\.libraries\.lib\.slots[\s\S]*2 cartridges are listed and library lib has 1 slots/],
  ];
  for (const [from, to, says] of cases) {
    assert.ok(base.includes(from), from);
    assert.match(refusal(base.replace(from, to)).message, says);
  }
});

test.run();
