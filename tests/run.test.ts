import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { parseSetting } from '../sim/scenario/overrides.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { randomSchedule } from '../sim/scenario/random-faults.ts';
import { refusal } from './support/refusal.ts';

const parkingLot = readFileSync(new URL('../scenarios/parking-lot.yaml', import.meta.url), 'utf8');
const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

test('parking lot: flow times, link bytes, utilisation samples and checks', () => {
  const r = runScenario(loadScenario('p.yaml', parkingLot));
  assert.equal(r.flows.map((f) => [f.name, f.end, f.status]), [['A', 20, 'done'], ['B', 10, 'done'], ['C', 20, 'done'], ['D', 30, 'done']]);
  assert.is(r.metrics.makespan, 30);
  assert.is(r.metrics.end_time, 30);
  assert.is(r.stopReason, 'idle');
  assert.equal(r.links.map((l) => [l.name, l.bytes, l.busy]), [['l1', 1.5e9, 20], ['l2', 2e9, 20], ['l3', 3e9, 30]]);
  close(r.links[2].meanUtilisation, 3e9 / (1e8 * 30), 'l3 mean utilisation');
  // l1 carries A and B at 5e7 each for 10 s, then A alone at 5e7 until 20 s; l3 runs at 1e8 the whole time.
  const at = (name: string, t: number) => {
    const s = r.timeseries.series.find((x) => x.name === name)!;
    return s.rate[r.timeseries.t.indexOf(t)];
  };
  close(at('l1', 5), 1e8, 'l1 at 5 s');
  close(at('l1', 15), 5e7, 'l1 at 15 s');
  close(at('l3', 25) / 1e8, 1, 'l3 utilisation at 25 s');
  assert.is(r.interval, 1);
  assert.equal(r.timeseries.t, Array.from({ length: 30 }, (_, i) => i));
  assert.equal(r.timeseries.series.map((s) => [s.kind, s.name, s.bandwidth, s.rate.length]), [['link', 'l1', 1e8, 30], ['link', 'l2', 1e8, 30], ['link', 'l3', 1e8, 30]]);
  assert.ok(r.checks.every((c) => c.pass));
  assert.match(r.traceHash, /^[0-9a-f]{64}$/);
});

const faulty = (faults: string, extra = '') => `name: faults
topology:
  sites: { dc1: {} }
  hosts: { a: { site: dc1 }, b: {} }
  links:
    ab: { between: [a, b], bandwidth: 100 MB/s }
    ba: { between: [b, a], bandwidth: 100 MB/s }
workload:
  flows:
    f: { route: [ab], bytes: 1 GB }
    g: { route: [ba], bytes: 500 MB, start: 8 s }
faults:
${faults}
${extra}`;

test('a link that fails mid-transfer fails its flow, loses the rest, and fails the check', () => {
  const r = runScenario(loadScenario('f.yaml', faulty('  - { at: 4 s, link-down: ab }', 'checks: ["bytes_lost == 0", "flows_failed == 1"]')));
  const f = r.flows[0];
  assert.equal([f.status, f.end, f.delivered], ['failed', 4, 4e8]);
  assert.match(f.reason!, /link 'ab' went down/);
  assert.is(r.metrics.bytes_lost, 6e8);
  assert.equal(r.checks.map((c) => [c.check, c.pass, c.measured]), [['bytes_lost == 0', false, 6e8], ['flows_failed == 1', true, 1]]);
});

test('a host failure takes down its links until it recovers; a site failure fails its hosts', () => {
  const r = runScenario(loadScenario('f.yaml', faulty('  - { at: 2 s, host-fails: a }\n  - { at: 7 s, host-recovers: a }')));
  // f fails at 2 s; g starts at 8 s on a recovered link and takes 5 s.
  assert.equal(r.flows.map((f) => [f.status, f.end]), [['failed', 2], ['done', 13]]);
  const s = runScenario(loadScenario('f.yaml', faulty('  - { at: 11 s, site-fails: dc1 }')));
  assert.equal(s.flows.map((f) => [f.status, f.end]), [['done', 10], ['failed', 11]]);
});

test('random link flaps come from the seed alone: same seed same schedule and hash, another seed another', () => {
  const text = faulty('  - random: { kind: link-flap, targets: [ab, ba], mtbf: 3 s, mttr: 500 ms }', 'until: 60 s');
  const a = runScenario(loadScenario('f.yaml', text));
  const b = runScenario(loadScenario('f.yaml', text));
  const c = runScenario(loadScenario('f.yaml', text), { seed: 2 });
  assert.is(a.traceHash, b.traceHash);
  assert.is.not(a.traceHash, c.traceHash);
  // The schedule's up times are exponential with the stated mean (an independent answer: the sample mean).
  const s = loadScenario('f.yaml', faulty('  - random: { kind: link-flap, targets: [ab], mtbf: 6 min, mttr: 1 min }', 'until: 2000 h'));
  const sched = [...randomSchedule(s.faults[0] as never, 7)];
  const ups: number[] = [];
  for (let i = 0, last = 0; i < sched.length; i += 2) { ups.push(sched[i].t - last); last = sched[i + 1]?.t ?? 0; }
  const mean = ups.reduce((x, y) => x + y, 0) / ups.length / 3.6e11;
  assert.ok(ups.length > 15000 && Math.abs(mean - 1) < 0.03, `mean up time ${mean} h over ${ups.length}`);
});

test('until stops the clock: unfinished flows are reported running', () => {
  const r = runScenario(loadScenario('p.yaml', parkingLot, { sets: [parseSetting('until=15 s')] }));
  assert.is(r.stopReason, 'until');
  assert.is(r.metrics.end_time, 15);
  assert.is(r.metrics.makespan, 15);
  assert.equal(r.flows.map((f) => f.status), ['running', 'done', 'running', 'running']);
  assert.is(r.metrics.flows_running, 3);
});

test('the sampling interval changes the report, never the run', () => {
  const fine = runScenario(loadScenario('p.yaml', parkingLot, { sets: [parseSetting('report.interval=100 ms')] }));
  const coarse = runScenario(loadScenario('p.yaml', parkingLot, { sets: [parseSetting('report.interval=7 s')] }));
  assert.is(fine.traceHash, coarse.traceHash);
  assert.is(fine.timeseries.t.length, 300);
  // 7 s intervals: 0-7, 7-14, 14-21, 21-28, 28-30 (the last one short).
  assert.equal(coarse.timeseries.t, [0, 7, 14, 21, 28]);
  const l3 = coarse.timeseries.series.find((s) => s.name === 'l3')!;
  l3.rate.forEach((rate, k) => close(rate, 1e8, `l3 from ${coarse.timeseries.t[k]} s`));
});

test('workload jobs run their steps in order; a failed step fails the job with its reason', () => {
  const text = `name: jobs
topology:
  links:
    lan: { bandwidth: 100 MB/s, latency: 1 ms }
    san: { bandwidth: 100 MB/s }
workload:
  jobs:
    nightly:
      kind: backup
      start: 10 s
      steps:
        - mark: "FIG. 3 step 1: start"
        - transfer: { route: [lan], bytes: 1 GB }
        - sleep: 2 s
        - transfer: { route: [lan], bytes: 500 MB, cap: 10 MB/s }
    broken:
      steps:
        - sleep: 30 s
        - transfer: { route: [san], bytes: 1 GB }
faults:
  - { at: 35 s, link-down: san }
checks: ["jobs_failed == 1", "jobs_completed == 1"]
`;
  const r = runScenario(loadScenario('j.yaml', text));
  const nightly = r.jobs.find((j) => j.name === 'nightly')!;
  // 10 s start + (1 ms + 10 s) + 2 s + (1 ms + 50 s at the 10 MB/s cap)
  assert.equal([nightly.kind, nightly.status, nightly.start, nightly.end, nightly.bytes], ['backup', 'completed', 10, 72.002, 1.5e9]);
  const broken = r.jobs.find((j) => j.name === 'broken')!;
  assert.equal([broken.status, broken.end], ['failed', 35]);
  assert.match(broken.reason!, /link 'san' went down/);
  assert.ok(r.checks.every((c) => c.pass), JSON.stringify(r.checks));
  assert.match(errorOfRun(text.replace('route: [lan], bytes: 1 GB }\n        - sleep', 'route: [wan], bytes: 1 GB }\n        - sleep')), /workload\.jobs\.nightly\.steps\[1\]\.transfer\.route\[0\]\n {2}no link named 'wan'/);
  assert.match(errorOfRun(text.replace('- sleep: 2 s', '- sleep: { duration: 2 s }')), /workload\.jobs\.nightly\.steps\[2\]\.sleep\n {2}expected a string/);
  assert.match(errorOfRun(text.replace('- sleep: 2 s', '- nap: 2 s')), /steps\[2\]\.nap\n {2}unknown field 'nap'; expected one of: sleep, mark, transfer/);
});

const errorOfRun = (text: string): string => refusal(text, 'j.yaml').message;

test('a long run keeps at most 1000 samples per link', () => {
  const r = runScenario(loadScenario('p.yaml', parkingLot, { sets: [parseSetting('workload.flows.D.bytes=2 TB'), parseSetting('report.interval=1 s')] }));
  const { t } = r.timeseries;
  const l3 = r.timeseries.series.find((s) => s.name === 'l3')!.rate;
  assert.ok(l3.length <= 1000 && l3.length > 500, `${l3.length} samples`);
  assert.is(r.interval, 32);
  const total = l3.reduce((s, rate, i) => s + rate * ((t[i + 1] ?? r.endTime) - t[i]), 0);
  close(total, r.links[2].bytes, 'samples integrate to the bytes carried');
});

test.run();
