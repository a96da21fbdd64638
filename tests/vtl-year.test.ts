import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Kernel } from '../sim/engine/kernel.ts';
import { Ledger } from '../sim/engine/ledger.ts';
import type { Custom } from '../sim/engine/commands.ts';
import { vtlFamily } from '../sim/model/vtls/family.ts';
import type { VtlDef } from '../sim/model/vtls/vtl.ts';
import { audit } from '../sim/model/vtls/figures.ts';
import { VirtualTapeLibrary } from '../sim/model/vtls/vtl.ts';
import { RandomStream } from '../sim/engine/rng.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { runEachStep } from './support/steps.ts';
import { clockFor } from '../sim/foundation/time.ts';

const GB = 1e9;
const TB = 1e12;
const DAY = 86400e9;

/** The vtls family alone in a kernel, one process yielding `steps`; what each returned, the ledger, and the libraries' audits. */
function play(text: string, steps: Custom[]) {
  const scn = loadScenario('y.yaml', text);
  const kernel = new Kernel({ seed: scn.seed, clock: clockFor(400 * DAY) });
  for (const l of scn.links) kernel.net.addLink(l.name, l);
  const ledger = new Ledger(() => kernel.now);
  const defs = scn.models.get('vtls') as VtlDef[];
  vtlFamily.build(defs, { kernel, ledger, device: (n, _kind, spec) => kernel.net.addLink(n, spec) });
  const out = runEachStep(kernel, steps);
  return { out, ledger, kernel };
}

const lib = (retention: string, cartridges = '{ count: 3, capacity: 20 GB }') => `name: year
topology:
  links:
    lan: { bandwidth: 10 GB/s }
  vtls:
    a:
      disk: { rate: 100 MB/s, stream: 50 MB/s }
      cartridges: ${cartridges}
      dedup: { compression: 2, reference: 0 B }
      ${retention}
workload: { jobs: { idle: { steps: [ { sleep: 0 s } ] } } }
`;

const w = (bytes: number, level: string, change?: number): Custom => ({ op: 'vtl.write', vtl: 'a', bytes, dataset: 'x', level, ...(change === undefined ? {} : { change }) });
const sleep = (days: number): Custom => ({ op: 'sleep', duration: days * DAY });
const last = (ledger: Ledger, measure: string, before = Infinity) => ledger.readings().filter((r) => r.subject === 'a' && r.measure === measure && r.at <= before).at(-1)?.value;

test('a hand-worked case: expired versions\' chunks become garbage only where no kept version references them, and stay stored until vtl.gc', () => {
  // F0 10 GB (5 GB stored at 2:1); I1 rewrites 2 GB (1 GB stored; 1 GB of F0's chunks now referenced by F0 alone);
  // F2 10 GB with no change (nothing stored). Keeping 1 version keeps F2, which references F0's other 4 GB and I1's 1 GB.
  const { out, ledger } = play(lib('retention: { versions: 1 }'), [
    w(10 * GB, 'full'), sleep(1), w(2 * GB, 'incremental'), sleep(1), w(10 * GB, 'full', 0),
    { op: 'vtl.expire', vtl: 'a' },
    { op: 'vtl.gc', vtl: 'a' },
  ]);
  assert.equal(out[5].value, { expired: 2, versions: 1 });
  const afterExpire = out[5].t * 1e9;
  assert.is(last(ledger, 'stored', afterExpire), 6 * GB);
  assert.is(last(ledger, 'garbage', afterExpire), 1 * GB);
  assert.is(last(ledger, 'logical', afterExpire), 10 * GB);
  // Housekeeping works through 1 GB at its 50 MB/s: 20 s, then the space returns.
  assert.equal(out[6].value, { freed: 1 * GB });
  assert.ok(Math.abs(out[6].t - out[5].t - 20) < 1e-6, `${out[6].t - out[5].t} s`);
  assert.is(last(ledger, 'stored'), 5 * GB);
  assert.is(last(ledger, 'garbage'), 0);
});

test('cartridges: a write without one fills the filling cartridge, spans onto scratch when it is full, and a cartridge whose versions all expired is scratched and reused', () => {
  const cart = (c: string): Custom => ({ op: 'vtl.cartridge', vtl: 'a', cartridge: c });
  const expire: Custom = { op: 'vtl.expire', vtl: 'a' };
  const { out, ledger } = play(lib('retention: { versions: 1 }'), [
    w(10 * GB, 'full'), w(5 * GB, 'incremental'), cart('a-001'), // 0-2: a-001 holds 15 of 20 GB
    w(10 * GB, 'full', 0), expire, cart('a-001'), // 3-5: 5 GB fills a-001, 5 GB on a-002; a-001 still holds part of the kept full
    w(10 * GB, 'full', 0), cart('a-002'), expire, cart('a-001'), // 6-9: all on a-002 (15 of 20 GB); a-001 held only the expired full: scratch
    w(10 * GB, 'full', 0), cart('a-001'), expire, cart('a-002'), // 10-13: 5 GB fills a-002, 5 on a-001 again; a-002 still holds the kept full
  ]);
  assert.is(out[2].value.bytes, 15 * GB);
  assert.is(out[5].value.bytes, 20 * GB);
  assert.is(out[7].value.bytes, 15 * GB);
  assert.is(out[9].value.bytes, 0);
  assert.is(out[11].value.bytes, 5 * GB);
  assert.is(out[13].value.bytes, 20 * GB);
  assert.is(last(ledger, 'cartridges-used'), 2);
  assert.is(last(ledger, 'cartridges-scratch'), 1);
  assert.is(last(ledger, 'versions'), 1);
});

test('a library with no scratch left refuses the write with a clear message', () => {
  const { out } = play(lib('', '{ count: 2, capacity: 10 GB }'), [w(10 * GB, 'full'), w(10 * GB, 'full', 0), w(10 * GB, 'full', 0)]);
  assert.ok(out[1].value !== undefined);
  assert.match(out[2].error!, /no scratch cartridge left for a write of 10000000000 bytes: 2 of 2 hold retained versions/);
});

test('vtl.restore refuses a version retention removed, and restores a kept one as a flow of its logical bytes', () => {
  const { out } = play(lib('retention: { days: 4 }'), [
    w(10 * GB, 'full'), sleep(1), w(1 * GB, 'incremental'), sleep(1), w(10 * GB, 'full', 0), sleep(3),
    { op: 'vtl.expire', vtl: 'a' },
    { op: 'vtl.restore', vtl: 'a', dataset: 'x', day: 0 },
    { op: 'vtl.restore', vtl: 'a', dataset: 'x', day: 2 },
  ]);
  assert.match(out[7].error!, /the full of 'x' taken on day 0 was removed by retention \(4 days\) on day 5/);
  // The full of day 2 is the dataset then: 10 GB at the 50 MB/s stream.
  assert.equal(out[8].value, { bytes: 10 * GB, day: 2, level: 'full' });
  assert.ok(Math.abs(out[8].t - out[7].t - 200) < 1e-6);
});

test("HP D2D's rotation example through the library: 25 weekly fulls and daily incrementals at 1 % change, under 1.25 TB stored, about 11:1; with 25 weeks' retention, expiry and housekeeping, stored stays there", () => {
  // HP: 1 TB file server, 2:1 compression, 1 % daily change (10 % of the data in 10 % of the files): 12.75 TB
  // without dedup (25 fulls of 500 GB and 5 incrementals of 50 GB), "less than 1.25 TB" with it (domain-figures §7).
  const text = lib('retention: { days: 175 }', '{ count: 100, capacity: 1.5 TB }').replace('rate: 100 MB/s, stream: 50 MB/s', 'rate: 10 GB/s, stream: 10 GB/s');
  const week = (n: number): Custom[] => [
    { op: 'vtl.expire', vtl: 'a' }, { op: 'vtl.gc', vtl: 'a' },
    ...(n === 0 ? [w(TB, 'full'), sleep(1)] : [w(TB, 'full', 0), sleep(1)]),
    ...Array.from({ length: 5 }, () => [w(0.1 * TB, 'incremental', 0.1), sleep(1)]).flat(), sleep(1),
  ];
  const { ledger, kernel } = play(text, Array.from({ length: 35 }, (_, n) => week(n)).flat());
  const at25 = 25 * 7 * DAY - 1;
  const stored25 = last(ledger, 'stored', at25)!;
  assert.ok(stored25 < 1.25 * TB, `stored ${stored25}`);
  const ratio = 12.75e12 / stored25;
  assert.ok(ratio > 10.5 && ratio < 12, `ratio ${ratio}`);
  // Ten weeks on, retention has let go of the oldest weeks and housekeeping has freed what only they referenced.
  const stored35 = last(ledger, 'stored')!;
  assert.ok(Math.abs(stored35 / stored25 - 1) < 0.05, `stored ${stored35} at week 35 vs ${stored25} at week 25`);
  assert.ok(last(ledger, 'logical')! < last(ledger, 'logical', at25)! * 1.05);
  void kernel;
});

test('the audit holds through a year of writes, expiry, replication and collection: referenced <= logical, no expired version counted, garbage >= 0, scratch + used = cartridges', () => {
  const scn = loadScenario('a.yaml', lib('retention: { versions: 10, days: 14 }', '{ count: 40, capacity: 50 GB }').replace('reference: 0 B }', 'reference: 0 B }\n      replicate: { to: b, route: [lan] }').replace('workload:', '    b:\n      cartridges: { count: 60, capacity: 50 GB }\n      retention: { days: 30 }\nworkload:'));
  const defs = scn.models.get('vtls') as VtlDef[];
  const [a, b] = defs.map((d, i) => new VirtualTapeLibrary(d, new RandomStream(7, `audit/${i}`)));
  const rng = new RandomStream(7, 'audit/sizes');
  for (let day = 0; day < 365; day++) {
    for (const client of ['c1', 'c2', 'c3']) {
      const full = day % 7 === 0;
      const bytes = full ? 10 * GB * (1 + rng.next()) : GB * rng.next();
      const held = a.takeAny(bytes, 'a write');
      const plan = a.planWrite(held, bytes, client, full ? 0.01 : 1);
      a.commitWrite(held, { dataset: client, level: full ? 'full' : 'incremental', day }, plan, bytes, day * DAY);
      for (const c of held) a.release(c);
    }
    if (day % 3 === 0) a.replicatedVersions(a.pendingVersions().versions, b, day * DAY);
    a.expire(day);
    b.expire(day);
    if (day % 5 === 0) a.dedup.collect(a.dedup.garbage / 2);
    assert.equal(audit(a), [], `day ${day}`);
    assert.equal(audit(b), [], `day ${day}`);
  }
  // Retention bounds what is kept: 14 days of a week's chain, not the year.
  assert.ok(a.catalog.count <= 3 * 21, `${a.catalog.count} versions`);
  assert.ok(a.dedup.garbage > 0 && b.dedup.garbage > 0);
});

test('vtl.synthesize: a full built from the chain writes only references (one per 4 KB chunk over the disk), stored bytes do not move, and it is a version a later incremental builds on', () => {
  const { out, ledger } = play(lib('retention: { versions: 2 }').replace('reference: 0 B', 'reference: 40 B'), [
    w(10 * GB, 'full'), sleep(1), w(1 * GB, 'incremental'),
    { op: 'vtl.synthesize', vtl: 'a', dataset: 'x' },
    w(1 * GB, 'incremental'),
    { op: 'vtl.expire', vtl: 'a' },
  ]);
  // 10 GB in 4 KB chunks: 2.5 million references of 40 B, 100 MB at the disk's 100 MB/s.
  assert.equal(out[3].value, { bytes: 10 * GB, referenceBytes: 100e6 });
  assert.ok(Math.abs(out[3].t - out[2].t - 1) < 1e-6, `${out[3].t - out[2].t} s`);
  const stored = ledger.readings().filter((r) => r.measure === 'stored');
  assert.is(stored.filter((r) => r.at > out[2].t * 1e9 && r.at <= out[3].t * 1e9).length, 0);
  // Keeping 2 versions keeps the synthetic full and the incremental on it; the first chain goes.
  assert.equal(out[5].value, { expired: 2, versions: 2 });
});

test('a scheduled job writes each night at its level (level: data), replication sends every version, and the replica keeps them: through runScenario and its ledger', () => {
  const text = `name: nights
calendar: { epoch: 2026-01-05 00:00 }
until: 15 d
topology:
  links:
    lan: { bandwidth: 10 GB/s }
    wan: { bandwidth: 100 MB/s }
  vtls:
    site:
      cartridges: { count: 20, capacity: 100 GB }
      retention: { days: 7 }
      replicate: { to: dr, route: [wan] }
    dr:
      cartridges: { count: 20, capacity: 100 GB }
      retention: { days: 7 }
workload:
  jobs:
    c1:
      schedule: daily 22:00
      data: { size: 20 GB, change: 2 %/day }
      levels: { full: weekly Sun }
      steps:
        - vtl.write: { vtl: site, bytes: data, level: data, dataset: c1, route: [lan] }
    replicate:
      schedule: daily 06:00
      steps:
        - vtl.replicate: { vtl: site }
    housekeeping:
      schedule: daily 12:00
      steps:
        - vtl.expire: { vtl: site }
        - vtl.gc: { vtl: site }
        - vtl.expire: { vtl: dr }
        - vtl.gc: { vtl: dr }
`;
  const r = runScenario(loadScenario('n.yaml', text));
  assert.is(r.metrics.jobs_failed, 0);
  const nights = r.jobs.filter((j) => j.name.startsWith('c1@'));
  assert.is(nights.length, 15);
  // Monday 5 January is the first night (a full), Sunday 11 January the next full; 2 % of 20 GB the incrementals.
  assert.equal(nights.slice(0, 7).map((j) => j.backup?.level), ['full', 'incremental', 'incremental', 'incremental', 'incremental', 'incremental', 'full']);
  assert.is(nights[1].bytes, 0.4 * GB);
  const at = (subject: string, measure: string) => r.ledger.filter((x) => x.subject === subject && x.measure === measure).at(-1)?.value;
  // Both libraries apply the same retention to the same versions: they differ by the last night, not yet replicated.
  assert.is(at('site', 'versions')! - at('dr', 'versions')!, 1);
  assert.is(at('site', 'replica-pending'), nights.at(-1)!.bytes);
  assert.ok(Math.abs(at('site', 'logical')! - at('dr', 'logical')! - (at('site', 'replica-pending') ?? 0)) < 1, `${at('site', 'logical')} vs ${at('dr', 'logical')}`);
  // Seven days' retention, a chain kept whole: at most a week and its full.
  assert.ok(at('site', 'versions')! <= 14 && at('site', 'versions')! >= 7);
});

test.run();
