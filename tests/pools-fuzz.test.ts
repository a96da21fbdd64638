/**
 * Generated pools scenarios break no invariant, reach the cases the
 * invariants are about, and each invariant of the family's audit can fail.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fuzzClean } from './support/fuzz.ts';
import { Ledger } from '../sim/engine/ledger.ts';
import { PoolSet } from '../sim/model/pools/state.ts';
import type { PoolsDef } from '../sim/model/pools/resolve.ts';

test('generated pools scenarios load and break no invariant: 30 seeds heavy, 10 light, 10 none', () => {
  const runs = [...fuzzClean('pools', 1, 30, 'heavy'), ...fuzzClean('pools', 31, 40, 'light'), ...fuzzClean('pools', 41, 50, 'none')];
  const results = (k: string) => runs.reduce((n, r) => n + r.result.jobs.reduce((m, j) => m + (j.results?.[k] ?? 0), 0), 0);
  assert.ok(results('pool.reclaim.bytes') > 0, 'no reclamation');
  assert.ok(results('pool.migrate.bytes') > 0, 'no migration');
  assert.ok(results('pool.expire.versions') > 0, 'no expiry');
  assert.ok(results('pool.copy.bytes') > 0, 'no copy');
  assert.ok(runs.some((r) => r.result.jobs.some((j) => /is out of scratch/.test(j.reason ?? ''))), 'scratch never ran out');
  assert.ok(runs.some((r) => r.result.jobs.some((j) => /no free slot to check one in/.test(j.reason ?? ''))), 'slots never ran out');
  assert.ok(runs.some((r) => r.result.jobs.some((j) => j.name.startsWith('maintenance') && j.status === 'completed' && (j.results?.['pool.restore.bytes'] ?? 0) > 0)), 'nothing restored');
});

/** One disk pool, one tape pool on three 100-byte cartridges, a client's version on each. */
function pools(): PoolSet {
  const def: PoolsDef = {
    disks: [{ name: 'dp', capacity: 1000, rate: 1, high: 90, low: 70, next: 'tp', retention: { days: 2 } }],
    seqs: [{ kind: 'tape', name: 'tp', library: 'lib', drives: ['lib/d1'], generations: ['LTO-5'], compression: 1, maxScratch: 3, reclaim: 60, retention: {}, route: [], offsite: false }],
    volumes: ['A', 'B', 'C'].map((label) => ({ label, library: 'lib', generation: 'LTO-5', capacity: 100, compression: 1, written: 0, valid: 0, pool: null, full: false, offsite: false, drive: null })),
    libraries: [{ name: 'lib', slots: 3, fixed: 0 }],
    labels: ['A', 'B', 'C'],
  };
  const s = new PoolSet(def, new Ledger(() => 0));
  const v = s.catalog.add('dp', 'c', 0, 'full', 150);
  s.storeOnDisk(s.disk('dp'), v, 50);
  const a = s.take(s.seq('tp'), 'lib/d1');
  s.wrote(a, 100);
  s.holds(a, v, 100, false);
  a.drive = null;
  return s;
}

test('the audit passes a consistent state and names each broken invariant', () => {
  assert.equal(pools().audit(), []);
  const cases: [string, (s: PoolSet) => void, RegExp][] = [
    ['a cartridge over capacity', (s) => { s.volumes.get('A')!.written = 101; s.volumes.get('A')!.valid = 101; s.catalog.all()[0].parts[1].bytes = 101; }, /cartridge A holds 101 native bytes, more than its capacity 100/],
    ['an expired version still counted', (s) => { s.gone.push({ version: s.catalog.all()[0], on: 3, at: 0 }); }, /expired on day 3 and still has bytes counted as stored/],
    ['stored above logical', (s) => { s.catalog.all()[0].logical = 100; }, /has 150 bytes stored, more than its 100 logical/],
    ['a restore after expiry', (s) => { s.gone.push({ version: { ...s.catalog.all()[0], parts: [], copies: [] }, on: 2, at: 5 }); s.restores.push({ home: 'dp', client: 'c', day: 0, on: 2, at: 6 }); }, /restored on day 2, after retention removed it on day 2/],
    ['a cartridge in the library neither scratch nor used', (s) => { s.volumes.get('B')!.written = 5; }, /library lib: 2 of its 3 cartridges are scratch, used or offsite/],
    ['more cartridges than slots', (s) => { s.shelves.get('lib')!.slots = 2; }, /library lib holds 3 cartridges in its 2 slots/],
    ['disk bytes not the versions\'', (s) => { s.disk('dp').used = 60; }, /disk pool dp counts 60 bytes stored but its versions hold 50/],
  ];
  for (const [what, tamper, says] of cases) {
    const s = pools();
    tamper(s);
    const found = s.audit();
    assert.ok(found.some((f) => says.test(f)), `${what}: ${JSON.stringify(found)}`);
  }
});

test.run();
