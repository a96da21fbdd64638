import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { ledgerDays } from '../reports/year-days.ts';
import { daysCsv, nightsCsv } from '../reports/year-csv.ts';
import { yearOf } from '../reports/year.ts';
import { writeRunReport } from '../reports/write.ts';
import { NEW_YEAR, YEAR_SCENARIO, yearFixture } from './support/year-fixture.ts';

const H = 3600, D = 86400;
const rows = (csv: string) => csv.trimEnd().split('\n');

test('days.csv: each figure at each day\'s end and its peak in the day, from its first reading to the run\'s last day, by hand', () => {
  assert.equal(rows(daysCsv(ledgerDays(yearFixture()))), [
    'date,day,subject,measure,unit,value,peak',
    // Day 0: stored 0, then 500 GB at 23:00; the lag rose to 30 min at 23:30 and was 0 again by 01:00 of day 1.
    '2026-01-01,0,vtl1,capacity,B,2000000000000,2000000000000',
    '2026-01-01,0,vtl1,stored,B,500000000000,500000000000',
    '2026-01-01,0,wan,replica-lag,s,1800,1800',
    // Day 1 begins at 500 GB (its peak) and a lag of 1800 s, which lasts till 01:00.
    '2026-01-02,1,vtl1,capacity,B,2000000000000,2000000000000',
    '2026-01-02,1,vtl1,stored,B,400000000000,500000000000',
    '2026-01-02,1,wan,replica-lag,s,0,1800',
    // Day 2 (the run stops at 60 h, noon): the library is read for the first time at 05:00.
    '2026-01-03,2,vtl1,capacity,B,2000000000000,2000000000000',
    '2026-01-03,2,vtl1,stored,B,405000000000,405000000000',
    '2026-01-03,2,wan,replica-lag,s,0,0',
    '2026-01-03,2,lib1,cartridges-used,,3,3',
    '2026-01-03,2,lib1,cartridges-scratch,,17,17',
  ]);
});

test('days follow the calendar\'s epoch: time 0 at noon makes day 0 half a day, and a reading at midnight opens the next day', () => {
  const r = yearFixture({ epoch: NEW_YEAR + 12 * 60, endTime: 13 * H, ledger: [
    { at: 0, subject: 'p', measure: 'stored', value: 1 },
    { at: 12 * H, subject: 'p', measure: 'stored', value: 2 },
  ] });
  assert.equal(ledgerDays(r).map((d) => [d.date, d.day, d.value, d.peak]), [['2026-01-01', 0, 1, 1], ['2026-01-02', 1, 2, 2]]);
  // Without an epoch, day 0 starts at time 0 and has no date.
  assert.equal(ledgerDays({ ...r, epoch: undefined }).map((d) => [d.date, d.day, d.value]), [['', 0, 2]]);
});

test('days.csv stays one row a day per figure however many readings a day holds (a year\'s output stays small)', () => {
  const ledger = Array.from({ length: 20_000 }, (_, i) => ({ at: (i * 400 * D) / 20_000, subject: 'pool', measure: 'stored', value: i % 7 }));
  const days = ledgerDays(yearFixture({ ledger, endTime: 400 * D }));
  assert.is(days.length, 400);
  // 50 readings a day, i % 7 of each: every day reaches 6.
  assert.ok(days.every((d) => d.peak === 6), 'peak');
  assert.is(days[399].value, 19_999 % 7);
});

test('nights.csv: one row per occurrence, with its level, data, window verdict and the day\'s peak replica lag as its RPO', () => {
  assert.equal(rows(nightsCsv(yearOf(yearFixture()).nights)), [
    'date,day,job,level,data_bytes,data_size_bytes,status,start_s,end_s,window_end_s,verdict,missed_by_s,rpo_s',
    '2026-01-01,0,nightly,full,1000000000000,1000000000000,completed,79200,82800,100800,met,,1800',
    '2026-01-02,1,nightly,incremental,11000000000,1001000000000,completed,165600,190800,187200,missed,3600,1800',
  ]);
});

test('a run with a ledger or scheduled nights writes days.csv and nights.csv; summary.json carries no ledger', () => {
  const root = mkdtempSync(join(tmpdir(), 'backlab-year-'));
  try {
    const r = yearFixture();
    writeRunReport(r, join(root, 'r'));
    const files = readdirSync(join(root, 'r'));
    for (const f of ['days.csv', 'nights.csv']) assert.ok(files.includes(f), f);
    const summary = JSON.parse(readFileSync(join(root, 'r', 'summary.json'), 'utf8'));
    assert.is(summary.ledger, undefined);
    assert.equal([summary.ledgerRows, summary.daysFile], [r.ledger.length, 'days.csv']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

/**
 * Night n's bytes, worked in exact integers: day n holds 100 GB × 1.001^n; an incremental moves the 1 % of the day
 * before's data rewritten plus the 0.1 % added, 100 GB × 1.001^(n−1) × 0.011, rounded to the byte (half up).
 */
function handBytes(n: number): number {
  if (n === 0) return 100e9;
  const num = 100_000_000_000n * 11n * 1001n ** BigInt(n - 1), den = 1000n ** BigInt(n);
  return Number((2n * num + den) / (2n * den));
}
/** Day n's data, 100 GB × 1.001^n to the byte: what a full would move. */
function handSize(n: number): number {
  const num = 100_000_000_000n * 1001n ** BigInt(n), den = 1000n ** BigInt(n);
  return Number((2n * num + den) / (2n * den));
}
const L = 0.001, R = 100e6;
const close = (a: number | null, b: number, what: string) => assert.ok(a !== null && Math.abs(a - b) <= 1e-6, `${what}: ${a} vs ${b}`);

test('a 400-day run with a link down on night 380: every night\'s bytes byte-exact by hand, night 380 misses by L + B/R, night 381 is back to normal', () => {
  const r = runScenario(loadScenario('year.yaml', YEAR_SCENARIO));
  const { nights } = yearOf(r);
  assert.is(nights.length, 400);
  nights.forEach((n, k) => {
    assert.is(n.day, k);
    assert.is(n.level, k === 0 ? 'full' : 'incremental');
    assert.is(n.dataBytes, handBytes(k), `night ${k}`);
    assert.is(n.dataSize, handSize(k), `size on night ${k}`);
    const start = k * D + 22 * H;
    assert.is(n.start, start);
    assert.is(n.windowEnd, start + 6 * H);
    if (k === 380) return;
    close(n.end, start + L + n.dataBytes! / R, `night ${k} end`);
    assert.is(n.verdict, 'met', `night ${k}`);
  });
  const [n380, n381] = [nights[380], nights[381]];
  assert.equal([n380.date, n381.date], ['2027-01-16', '2027-01-17']);
  assert.is(n380.dataBytes, 1_606_601_062);
  // Tried at 22:00, 00:00, 02:00 into a dead link; the 04:00 try starts as the window closes and needs L + B/R.
  assert.is(n380.verdict, 'missed');
  close(n380.end, 380 * D + 28 * H + L + 1_606_601_062 / R, 'night 380 end');
  close(n380.missedBy, L + 1_606_601_062 / R, 'missed by');
  // The next night's incremental builds on night 380's (which did get through), and meets its window.
  assert.is(n381.dataBytes, handBytes(381));
  assert.is(n381.verdict, 'met');
  assert.is(r.metrics.windows_missed, 1);
  // nights.csv says it in its row.
  const row = rows(nightsCsv(nights)).find((l) => l.startsWith('2027-01-16'))!;
  assert.match(row, /^2027-01-16,380,nightly,incremental,1606601062,146200696680,completed,32911200,32932816\.067\d*,32932800,missed,16\.067/);
});

test('backlab run of the 400 days writes nights.csv (a row a night), year.html and no days.csv (nothing read out storage), and says where', () => {
  const root = mkdtempSync(join(tmpdir(), 'backlab-year-cli-'));
  try {
    writeFileSync(join(root, 'year.yaml'), YEAR_SCENARIO);
    const { FORCE_COLOR: _force, ...env } = process.env;
    const r = spawnSync(process.execPath, [new URL('../bin/backlab.mjs', import.meta.url).pathname, 'run', join(root, 'year.yaml'), '--out', join(root, 'out')], { encoding: 'utf8', env });
    assert.is(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, `days and nights: ${join(root, 'out', 'year', 'year.html')}`);
    assert.match(r.stdout, /^MISSED {2}nightly@2027-01-16/m);
    const files = readdirSync(join(root, 'out', 'year'));
    assert.ok(files.includes('nights.csv') && files.includes('year.html') && !files.includes('days.csv'), files.join(' '));
    assert.is(rows(readFileSync(join(root, 'out', 'year', 'nights.csv'), 'utf8')).length, 401);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test.run();
