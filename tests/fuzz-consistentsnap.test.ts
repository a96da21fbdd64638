import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { checkedRun } from '../sim/fuzz/checked-run.ts';
import { CONSISTENTSNAP_INVARIANTS } from '../sim/protocols/consistentsnap/invariants.ts';
import type { Plan } from '../sim/protocols/consistentsnap/plan.ts';
import type { RunResult } from '../sim/foundation/result.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { fuzzClean, generated } from './support/fuzz.ts';
import { findingsText } from '../sim/foundation/findings.ts';

test('generated consistentsnap scenarios load and break no invariant: 40 seeds heavy, 10 light, 10 none', () => {
  const runs = [...fuzzClean('consistentsnap', 1, 40, 'heavy'), ...fuzzClean('consistentsnap', 41, 50, 'light'), ...fuzzClean('consistentsnap', 51, 60, 'none')];
  const backups = runs.flatMap((r) => r.result.jobs);
  // The seeds reach both designs, completed and failed backups, and aborted attempts.
  assert.ok(backups.some((j) => j.status === 'completed') && backups.some((j) => j.status === 'failed'), 'no completed or no failed backup');
  assert.ok(runs.some((r) => r.result.metrics.aborted_attempts > 0), 'no aborted attempt');
  assert.ok(runs.some((r) => findingsText(r.result.findings).design.startsWith('one freeze')) && runs.some((r) => findingsText(r.result.findings).design.startsWith('VSS for')), 'not both designs');
});

test('a consistentsnap seed replays exactly: the same trace hash', () => {
  for (const seed of [4, 21]) assert.is(checkedRun(generated('consistentsnap', seed, 'heavy')).result.traceHash, checkedRun(generated('consistentsnap', seed, 'heavy')).result.traceHash);
});

// ---------------------------------------------------------------- each invariant can fail

const text = readFileSync(new URL('../scenarios/consistentsnap.yaml', import.meta.url), 'utf8');
const scn = loadScenario('consistentsnap.yaml', text, { variant: 'patented' });
const plan = scn.protocol!.def as Plan;
/** The patented run: one freeze of 1.002 s, no torn write, the job completed at the first attempt. */
const base = (): RunResult => structuredClone(runScenario(scn));
const verdict = (name: string, r: RunResult, p: Plan = plan) => CONSISTENTSNAP_INVARIANTS.find((i) => i.name.startsWith(name))!.check(p, r);

test('consistentsnap invariants hold on the bundled scenario', () => {
  const r = base();
  for (const inv of CONSISTENTSNAP_INVARIANTS) assert.is(inv.check(plan, r), null, inv.name);
});

test('consistentsnap invariant: a completed patented backup with torn writes or skew is caught; a set leaving out the log is not held to it', () => {
  const r = base();
  r.metrics.torn_writes = 3;
  assert.match(verdict('the patented design', r) ?? '', /3 torn writes/);
  const s = base();
  s.metrics.image_skew = 0.5;
  assert.match(verdict('the patented design', s) ?? '', /0.5 s apart/);
  assert.is(verdict('the patented design', r, { ...plan, targets: ['c', 'd'] }), null);
});

test('consistentsnap invariant: a hold longer than the writer\'s freeze, past the window, or too many attempts are caught', () => {
  const r = base();
  r.metrics.write_stall = 0.5;
  assert.match(verdict('no write lands', r) ?? '', /frozen only 0.5 s/);
  const s = base();
  s.metrics.hold_window = 10.5;
  assert.match(verdict('every hold ends', s) ?? '', /past 10 s/);
  const t = base();
  t.metrics.snapshot_attempts = 4;
  assert.match(verdict('the attempts stay', t) ?? '', /4 snapshot sets/);
  const u = base();
  u.metrics.aborted_attempts = 3;
  assert.match(verdict('the attempts stay', u) ?? '', /completed backup after 3 aborted attempts/);
});

// ---------------------------------------------------------------- regressions found by fuzzing

test('regression (fuzz consistentsnap seed 123 heavy): an answer lost on a down link fails the backup after retry.timeout, and the run ends', () => {
  // The LAN goes down for good just after the client asks the virtual center (no until: a hang would never return).
  const cut = `${text.replace('  start: 60 s\n', '  start: 60 s\n  retry: { timeout: 2 min }\n')}faults:\n  - { at: 60.0005 s, link-down: lan }\n`;
  const { result, violations } = checkedRun(loadScenario('t.yaml', cut, { variant: 'patented' }));
  assert.equal(violations, []);
  const job = result.jobs.find((j) => j.name === 'backup sql')!;
  assert.is(job.status, 'failed');
  assert.match(job.reason ?? '', /no answer from vc1\/vcenter within 120 s/);
  assert.is(job.end, 180);
  // The application learns the backup failed even though the LAN is down, so it stops: the run goes idle.
  assert.is(result.stopReason, 'idle');
  assert.is(result.endTime, 180);
});

test.run();
