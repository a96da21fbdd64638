import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario, runScenarioHosted } from '../sim/scenario/run.ts';
import { withActorThreads } from '../sim/workers/node-actors.ts';
import { jobsCsv } from '../reports/csv.ts';
import { refusal } from './support/refusal.ts';

const TB = 1e12;
// 2026-01-04 is a Sunday: the scenario's day 0.
const SUNDAY = 'calendar: { epoch: 2026-01-04 00:00 }';

const scenario = (job: string, o: { until?: string; seed?: number; calendar?: string; steps?: string } = {}) => `name: levels
until: ${o.until ?? '7 d'}
seed: ${o.seed ?? 1}
${o.calendar ?? SUNDAY}
topology:
  hosts: { client: {}, server: {} }
  links:
    lan: { between: [client, server], bandwidth: 10 GB/s }
workload:
  jobs:
${job}
`;
const job = (name: string, fields: string, steps = '[ { transfer: { route: [lan], bytes: data } } ]') =>
  `    ${name}:\n      kind: backup\n      schedule: daily 22:00\n${fields.replace(/^/gm, '      ')}\n      steps: ${steps}`;
const backups = (text: string) => loadScenario('levels.yaml', text).jobs.map((j) => ({ name: j.name, ...j.backup! }));
const bytesOf = (text: string) => backups(text).map((b) => b.bytes);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

test('a hand-worked week: full Sunday, incrementals Mon-Sat at 1 %/day change and 0.1 %/day growth, byte-exact, run and in jobs.csv', () => {
  const text = scenario(job('nightly', 'data: { size: 1 TB, change: 1 %/day, growth: 0.1 %/day }\nlevels: { full: weekly Sun, otherwise: incremental }'), { until: '8 d' });
  const r = runScenario(loadScenario('levels.yaml', text));
  // Day n holds 1 TB x 1.001^n. Sunday's full moves it all; day n's incremental moves the 1 % of day n-1's data
  // rewritten plus the 0.1 % added: 0.011 x 1.001^(n-1) TB; the next Sunday 1.001^7 TB. By the binomial expansion, to the byte:
  const want: [string, string, number][] = [
    ['nightly@2026-01-04', 'full', 1_000_000_000_000],
    ['nightly@2026-01-05', 'incremental', 11_000_000_000],
    ['nightly@2026-01-06', 'incremental', 11_011_000_000],
    ['nightly@2026-01-07', 'incremental', 11_022_011_000],
    ['nightly@2026-01-08', 'incremental', 11_033_033_011],
    ['nightly@2026-01-09', 'incremental', 11_044_066_044],
    ['nightly@2026-01-10', 'incremental', 11_055_110_110],
    ['nightly@2026-01-11', 'full', 1_007_021_035_035],
  ];
  assert.equal(r.jobs.map((j) => [j.name, j.backup?.level, j.backup?.bytes]), want);
  // The steps moved those bytes, and jobs.csv says so per night.
  assert.equal(r.jobs.map((j) => j.bytes), want.map((w) => w[2]));
  const csv = jobsCsv(r.jobs).trim().split('\n');
  const head = csv[0].split(',');
  const [level, data] = [head.indexOf('level'), head.indexOf('data_bytes')];
  assert.ok(level > 0 && data > 0, csv[0]);
  assert.equal(csv.slice(1).map((l) => [l.split(',')[level], Number(l.split(',')[data])]), want.map((w) => [w[1], w[2]]));
});

test("Veeam's restore-point arithmetic C(F·Data + R·D·Data): 4 weeks of weekly fulls and daily incrementals, no growth", () => {
  // Four weeks from a Sunday: F = 4 fulls, R = 24 incrementals, each incremental D x Data. A step writing the
  // data compressed at C = 0.5 stores, in total, exactly what the restore point simulator's formula gives.
  const [data, d, c, f, r] = [2 * TB, 0.03, 0.5, 4, 24];
  for (const overlap of ['random', 'none']) {
    const b = bytesOf(scenario(job('nightly', `data: { size: 2 TB, change: 3 %/day, overlap: ${overlap} }\nlevels: { full: weekly Sun }`), { until: '28 d' }));
    assert.is(b.length, f + r);
    assert.is(c * sum(b), c * (f * data + r * d * data), overlap);
  }
});

test('differential vs incremental over a week: the differential of day k moves what k days changed since the full', () => {
  const [s, ch] = [TB, 0.02];
  const week = (level: string, overlap: string) => bytesOf(scenario(job('nightly', `data: { size: 1 TB, change: 2 %/day, overlap: ${overlap} }\nlevels: { full: weekly Sun, otherwise: ${level} }`)));
  const days = [1, 2, 3, 4, 5, 6];
  assert.equal(week('incremental', 'none').slice(1), days.map(() => s * ch));
  // Changes that never overlap add up: k x c x size, 21 days' worth over the week against the incrementals' 6.
  assert.equal(week('differential', 'none').slice(1), days.map((k) => Math.round(k * ch * s)));
  assert.is(sum(week('differential', 'none').slice(1)), 21 * ch * s);
  // Uniform random changes overlap: 1 - (1 - c)^k of the data, less than k x c from the second day on.
  const random = week('differential', 'random').slice(1);
  assert.equal(random, [20_000_000_000, 39_600_000_000, 58_808_000_000, 77_631_840_000, 96_079_203_200, 114_157_619_136]);
  assert.ok(sum(random) < 21 * ch * s);
  assert.equal(week('incremental', 'random').slice(1), days.map(() => s * ch));
});

test('growth counts toward a differential; a synthetic full moves an incremental and resets the differentials', () => {
  const b = backups(scenario(job('nightly', 'data: { size: 1 TB, change: 1 %/day, growth: 1 %/day, overlap: none }\nlevels: { synthetic-full: weekly Wed, otherwise: differential }')));
  assert.equal(b.map((x) => x.level), ['full', 'differential', 'differential', 'synthetic-full', 'differential', 'differential', 'differential']);
  // Day k's differential: k % of the day-0 data rewritten + (1.01^k - 1) TB new.
  assert.equal(b.slice(1, 3).map((x) => x.bytes), [20_000_000_000, 40_100_000_000]);
  // Wednesday (day 3): an incremental since Tuesday (1 % of 1.0201 TB + 1.030301 - 1.0201 TB), then differentials from it.
  assert.is(b[3].bytes, 20_402_000_000);
  assert.is(b[4].bytes, Math.round(1.030301e12 * 0.01 + 1.030301e12 * 0.01));
});

test('level: every occurrence; the first is a full whatever the policy; a level by calendar wins in the order full, synthetic, differential', () => {
  assert.equal(backups(scenario(job('n', 'data: { size: 1 TB }\nlevel: differential'), { until: '3 d' })).map((b) => b.level), ['full', 'differential', 'differential']);
  assert.equal(backups(scenario(job('n', 'data: { size: 1 TB }\nlevel: full'), { until: '3 d' })).map((b) => b.bytes), [TB, TB, TB]);
  // Without a level, forever incremental (Spectrum Protect's progressive incremental); no change: empty incrementals.
  assert.equal(backups(scenario(job('n', 'data: { size: 1 TB }'), { until: '2 d' })).map((b) => [b.level, b.bytes]), [['full', TB], ['incremental', 0]]);
  const both = backups(scenario(job('n', 'data: { size: 1 TB }\nlevels: { differential: daily, full: monthly 5, synthetic-full: weekly Mon }'), { until: '9 d' }));
  // Mon 5 Jan is the 5th (full wins over synthetic), Mon 12 Jan a synthetic full (over differential); the days between differential.
  assert.equal(both.map((b) => b.level), ['full', 'full', 'differential', 'differential', 'differential', 'differential', 'differential', 'differential', 'synthetic-full']);
});

test('changeSpread draws each day from a stream of the seed and the job: reproducible, independent of job order, mean about the written change', () => {
  const jobs = (order: string[]) => order.map((n) => job(n, 'data: { size: 1 TB, change: 1 %/day, changeSpread: 0.5 }')).join('\n');
  const named = (text: string) => Object.fromEntries(backups(text).map((b) => [b.name, b.bytes]));
  const ab = named(scenario(jobs(['a', 'b']), { until: '300 d' }));
  assert.equal(named(scenario(jobs(['b', 'a']), { until: '300 d' })), ab);
  assert.equal(named(scenario(jobs(['a', 'b']), { until: '300 d' })), ab);
  const a = Object.entries(ab).filter(([n]) => n.startsWith('a@')).map(([, v]) => v).slice(1);
  const b = Object.entries(ab).filter(([n]) => n.startsWith('b@')).map(([, v]) => v).slice(1);
  assert.not.equal(a, b);
  assert.ok(new Set(a).size > 250, 'each day draws its own change');
  // 299 lognormal days with a CV of 0.5: the mean is within 3 standard errors (8.7 %) of 1 % of 1 TB.
  const mean = sum(a) / a.length;
  assert.ok(Math.abs(mean / 1e10 - 1) < 0.1, `mean daily incremental ${mean}`);
  const other = named(scenario(jobs(['a', 'b']), { until: '300 d', seed: 2 }));
  assert.not.equal(other, ab);
});

test("a run's seed (--seed, a sweep's seeds) redraws the days: the same bytes as the scenario written with that seed, in threads too", async () => {
  const text = (seed: number) => scenario(job('n', 'data: { size: 1 TB, change: 1 %/day, changeSpread: 0.5 }'), { until: '10 d', seed });
  const moved = (r: { jobs: { name: string; bytes: number; backup?: { bytes: number } }[] }) => r.jobs.map((j) => [j.name, j.bytes, j.backup?.bytes]);
  const written2 = moved(runScenario(loadScenario('l.yaml', text(2))));
  const run2 = runScenario(loadScenario('l.yaml', text(1)), { seed: 2 });
  assert.equal(moved(run2), written2);
  assert.not.equal(moved(runScenario(loadScenario('l.yaml', text(1)))), written2);
  const there = await withActorThreads(2, (t) => runScenarioHosted(loadScenario('l.yaml', text(1)), t.host(), { seed: 2 }));
  assert.is(there.traceHash, run2.traceHash);
  assert.equal(moved(there), written2);
});

test('data, level, levels and bytes: data are refused where they cannot apply, at their field', () => {
  const unscheduled = scenario('    n:\n      kind: backup\n      data: { size: 1 TB }\n      steps: [ { transfer: { route: [lan], bytes: 1 GB } } ]');
  const bad: [string, string, RegExp][] = [
    [unscheduled, 'workload.jobs.n.data', /applies to a scheduled job/],
    [scenario('    n:\n      steps: [ { transfer: { route: [lan], bytes: data } } ]'), 'workload.jobs.n.steps[0].transfer.bytes', /give the job a schedule and data/],
    [scenario(job('n', 'window: 6 h')), 'workload.jobs.n.steps[0].transfer.bytes', /add data such as/],
    [scenario(job('n', 'level: full')), 'workload.jobs.n.level', /add data such as/],
    [scenario(job('n', 'data: { size: 1 TB }\nlevel: full\nlevels: { full: weekly Sun }')), 'workload.jobs.n.levels', /not both/],
    [scenario(job('n', 'data: { size: 1 TB, change: 1 % }')), 'workload.jobs.n.data.change', /share of the data per day such as '1 %\/day'/],
    [scenario(job('n', 'data: { size: 1 TB, growth: 150 %/day }')), 'workload.jobs.n.data.growth', /more than the whole data/],
    [scenario(job('n', 'data: { size: 1 TB }\nlevels: { full: weekly Sun 20:00 }')), 'workload.jobs.n.levels.full', /names days, not a time/],
    [scenario(job('n', 'data: { size: 1 TB }\nlevels: { full: weekly Sunday }')), 'workload.jobs.n.levels.full', /'sunday' is not a weekday/],
    [scenario(job('n', 'data: { size: 1 TB }', '[ { transfer: { route: [lan], bytes: 5 GBB } } ]')), 'workload.jobs.n.steps[0].transfer.bytes', /^"5 GBB" is not a size\. Write a number and a unit[^\n]*$/],
  ];
  for (const [text, path, why] of bad) {
    const e = refusal(text, 'n.yaml');
    assert.is(e.path, path, text);
    assert.match(e.expected, why, path);
  }
});

test.run();
