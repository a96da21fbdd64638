import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario, runScenarioHosted } from '../sim/scenario/run.ts';
import { withActorThreads } from '../sim/workers/node-actors.ts';
import { jobsCsv } from '../reports/csv.ts';
import { printRun } from '../sim/cli/run.ts';
import { refusal } from './support/refusal.ts';

// A client backs up B bytes each night over one link of R B/s with latency L: alone on it, a run takes L + B/R.
const B = 1e12, R = 100e6, L = 0.001;
const H = 3600;

const nightly = (job: string, o: { until?: string; faults?: string; calendar?: string } = {}) => `name: nightly
until: ${o.until ?? '10 d'}
${o.calendar ?? ''}
topology:
  hosts: { client: {}, server: {} }
  links:
    lan: { between: [client, server], bandwidth: 100 MB/s, latency: 1 ms }
workload:
  jobs:
    nightly:
      kind: backup
${job}
      steps: [ { transfer: { route: [lan], bytes: 1 TB } } ]
${o.faults ?? ''}
checks: [ "windows_missed == 0" ]
`;
const run = (text: string) => runScenario(loadScenario('nightly.yaml', text));
const close = (a: number | null | undefined, b: number, what: string) => assert.ok(a != null && Math.abs(a - b) <= 1e-6, `${what}: ${a} vs ${b}`);

test('a daily job over 10 days: 10 nights at 20:00 on the calendar, each ends at start + latency + B/R, every window met', () => {
  const r = run(nightly('      schedule: daily 20:00\n      window: 6 h'));
  const jobs = r.jobs.filter((j) => j.kind === 'backup');
  // Epoch Monday 2026-01-05 00:00: the nights are Jan 5 .. Jan 14.
  assert.equal(jobs.map((j) => j.name), Array.from({ length: 10 }, (_, k) => `nightly@2026-01-${String(5 + k).padStart(2, '0')}`));
  jobs.forEach((j, k) => {
    const start = 20 * H + k * 24 * H;
    assert.is(j.start, start);
    close(j.end, start + L + B / R, `${j.name} end`);
    assert.is(j.bytes, B);
    assert.equal(j.window, { end: start + 6 * H, verdict: 'met', missedBy: null });
  });
  assert.is(r.metrics.windows_missed, 0);
  assert.is(r.metrics.jobs_completed, 10);
  assert.ok(r.checks[0].pass);
  // Each night's flow is in the flow table under its own job.
  assert.is(r.flows.filter((f) => f.status === 'done').length, 10);
});

// The link is down 21:30-22:30 on Wednesday 2026-01-07 (day 3 of the run): that night's 22:00 run fails at once, is retried
// every 20 min (Spectrum Protect's RETRYPERIOD) and gets through at 22:40, then needs L + B/R = 2 h 46 min 40.001 s, past its 3 h window.
const outage = 'faults:\n  - { at: 69.5 h, link-down: lan }\n  - { at: 70.5 h, link-up: lan }';
const day3 = 'nightly@2026-01-07';

test('a link down on day 3 makes that night miss its window, by retry delay + latency + B/R - window', () => {
  const r = run(nightly('      schedule: daily 22:00\n      window: 3 h', { faults: outage }));
  const night = r.jobs.find((j) => j.name === day3)!;
  const start = 2 * 24 * H + 22 * H;
  assert.is(night.start, start);
  close(night.end, start + 40 * 60 + L + B / R, 'day 3 end');
  assert.is(night.status, 'completed');
  assert.is(night.window!.verdict, 'missed');
  close(night.window!.missedBy, 40 * 60 + L + B / R - 3 * H, 'missed by');
  // The other nights take L + B/R < 3 h and meet theirs; the last (Jan 14 22:00) is still going when the run stops at 10 d.
  for (const j of r.jobs.filter((x) => x.kind === 'backup' && x.name !== day3)) {
    assert.is(j.window!.verdict, j.name === 'nightly@2026-01-14' ? 'open' : 'met', j.name);
  }
  assert.is(r.metrics.windows_missed, 1);
  assert.not.ok(r.checks[0].pass);
  // jobs.csv says which night and by how much.
  const csv = jobsCsv(r.jobs).trim().split('\n');
  const cols = csv[0].split(',');
  const row = csv.find((l) => l.startsWith(day3))!.split(',');
  assert.is(row[cols.indexOf('window')], 'missed');
  close(Number(row[cols.indexOf('missed_by_s')]), 40 * 60 + L + B / R - 3 * H, 'missed_by_s');
  assert.is(Number(row[cols.indexOf('window_end_s')]), start + 3 * H);
  // backlab run prints one line for the missed night.
  const lines: string[] = [];
  const log = console.log;
  console.log = (s?: unknown) => { lines.push(String(s ?? '')); };
  try { printRun(r); } finally { console.log = log; }
  const missed = lines.join('\n').split('\n').filter((l) => l.startsWith('MISSED'));
  assert.equal(missed.length, 1);
  assert.match(missed[0], new RegExp(`^MISSED  ${day3}: window closed at .*; ended 26 min 40 s after it`));
});

test('onMiss: cancel stops the late night at its window\'s close; without retries the night fails inside its window', () => {
  const r = run(nightly('      schedule: daily 22:00\n      window: 3 h\n      onMiss: cancel', { faults: outage }));
  const night = r.jobs.find((j) => j.name === day3)!;
  const start = 2 * 24 * H + 22 * H;
  assert.is(night.status, 'failed');
  assert.is(night.end, start + 3 * H);
  assert.match(night.reason!, /cancelled: its backup window closed/);
  assert.equal(night.window, { end: start + 3 * H, verdict: 'missed', missedBy: null });
  assert.is(r.metrics.windows_missed, 1);
  // Its transfer was cancelled, not delivered: only 8 whole nights reached the server, and part of this one.
  const carried = r.links.find((l) => l.name === 'lan')!.bytes;
  assert.ok(carried < 9 * B + (3 * H - 40 * 60) * R + 1 && carried > 8 * B, `carried ${carried}`);

  const failed = run(nightly('      schedule: daily 22:00\n      window: 3 h\n      retries: 0', { faults: outage }));
  const f = failed.jobs.find((j) => j.name === day3)!;
  assert.is(f.status, 'failed');
  assert.is(f.end, start);
  assert.is(f.window!.verdict, 'failed');
  assert.is(failed.metrics.windows_missed, 0);
  assert.is(failed.metrics.jobs_failed, 1);
});

test('in worker threads the nights, their retries and a cancel at the close give the in-process trace hash and rows', async () => {
  const text = nightly('      schedule: daily 22:00\n      window: 3 h\n      onMiss: cancel', { faults: outage });
  const here = run(text);
  const there = await withActorThreads(2, (t) => runScenarioHosted(loadScenario('nightly.yaml', text), t.host()));
  assert.is(there.traceHash, here.traceHash);
  assert.equal(there.jobs, here.jobs);
});

test('weekly and monthly schedules run on their calendar days; calendar.epoch moves time 0', () => {
  const weekly = run(nightly('      schedule: weekly Sat,Sun 01:00', { until: '30 d' }));
  assert.equal(weekly.jobs.filter((j) => j.kind === 'backup').map((j) => j.name),
    ['nightly@2026-01-10', 'nightly@2026-01-11', 'nightly@2026-01-17', 'nightly@2026-01-18', 'nightly@2026-01-24', 'nightly@2026-01-25', 'nightly@2026-01-31', 'nightly@2026-02-01']);
  // From 2026-01-20 12:00 over 60 days: the last day of January, February and March (Mar 21 .. is past).
  const monthly = run(nightly('      schedule: monthly -1 02:00', { until: '60 d', calendar: 'calendar: { epoch: 2026-01-20 12:00 }' }));
  const m = monthly.jobs.filter((j) => j.kind === 'backup');
  assert.equal(m.map((j) => j.name), ['nightly@2026-01-31', 'nightly@2026-02-28']);
  assert.equal(m.map((j) => j.start), [10 * 24 * H + 14 * H, 38 * 24 * H + 14 * H]);
});

test('malformed schedules and windows are refused at their field, saying what to write', () => {
  const at = (job: string, o: Parameters<typeof nightly>[1] = {}) => refusal(nightly(job, o), 'n.yaml');
  const bad: [string, Parameters<typeof nightly>[1], string, RegExp][] = [
    ['      schedule: daily 25:00', {}, 'workload.jobs.nightly.schedule', /25 is not an hour \(00 to 23\)/],
    ['      schedule: weekly Sun', {}, 'workload.jobs.nightly.schedule', /expected daily HH:MM, weekly DAY\[,DAY\.\.\.\] HH:MM/],
    ['      schedule: weekly Sunday 20:00', {}, 'workload.jobs.nightly.schedule', /'sunday' is not a weekday/],
    ['      schedule: monthly 32 02:00', {}, 'workload.jobs.nightly.schedule', /'32' is not a day of the month/],
    ['      schedule: daily 22:00\n      start: 1 h', {}, 'workload.jobs.nightly.start', /starts at each occurrence of its schedule: leave start out/],
    ['      window: 6 h', {}, 'workload.jobs.nightly.window', /applies to a scheduled job: add a schedule such as 'daily 22:00'/],
    ['      schedule: daily 22:00\n      onMiss: cancel', {}, 'workload.jobs.nightly.onMiss', /add a window such as '6 h'/],
    ['      schedule: daily 22:00\n      window: 0 s', {}, 'workload.jobs.nightly.window', /above zero/],
    ['      schedule: monthly 1 02:00', { until: '20 d' }, 'workload.jobs.nightly.schedule', /has no occurrence before until/],
    ['      schedule: daily 22:00', { calendar: 'calendar: { epoch: 2026-02-30 00:00 }' }, 'calendar.epoch', /2026-02-30 is not a date/],
  ];
  for (const [job, o, path, why] of bad) {
    const e = at(job, o);
    assert.is(e.path, path, job);
    assert.match(e.message, why, job);
  }
  // A schedule needs an end: the scenario's until.
  const e = refusal(nightly('      schedule: daily 22:00').replace(/^until: .*$/m, ''), 'n.yaml');
  assert.is(e.path, 'workload.jobs.nightly.schedule');
  assert.match(e.message, /set until/);
});

test.run();
