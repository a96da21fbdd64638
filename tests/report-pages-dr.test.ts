/**
 * DR metrics as a reader takes them (issue 24): a lost VM has no RTO, the
 * bytes lost are the data the site lost, and a backup that failed the moment
 * it started on the dead site does not set the makespan. The expected
 * numbers are the scenario's own arithmetic (scenarios/vmdr-student.yaml's
 * description), not the code's.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { renderRunReport } from '../reports/html.ts';
import { metric } from '../sim/cli/table.ts';
import { readableReason } from '../reports/format.ts';

const MB = 1e6;
const student = readFileSync(new URL('../scenarios/vmdr-student.yaml', import.meta.url), 'utf8');
const run = (variant: string) => runScenario(loadScenario('scenarios/vmdr-student.yaml', student, { variant }));
const primaryOnly = run('primary-only');
const automated = run('automated');

test('primary-only: both VMs lost, and no RTO at all (not 0 s)', () => {
  const m = primaryOnly.metrics;
  assert.is(m.vms_lost, 2);
  assert.is(m.vms_recovered, 0);
  for (const k of ['rto_instant', 'rto_p50', 'rto_p90', 'rto_p99', 'rto_max', 'rto_mean']) assert.ok(Number.isNaN(m[k]), `${k} = ${m[k]}, a lost VM has no RTO`);
  // What a reader sees: the CLI's table and the report's metrics table say none, never 0 s.
  assert.is(metric(m.rto_max, 's'), 'none');
  const html = renderRunReport(primaryOnly);
  const row = /<tr><td><code>rto_max<\/code><\/td><td[^>]*>([^<]*)<\/td>/.exec(html);
  assert.ok(row, 'the report lists rto_max');
  assert.is(row![1], 'none');
  // A check on the RTO of lost VMs fails: they never come back.
  const checked = runScenario(loadScenario('s.yaml', student.replace('      - vms_lost == 2', '      - vms_lost == 2\n      - rto_max < 1 h'), { variant: 'primary-only' }));
  assert.equal(checked.checks.find((c) => c.metric === 'rto_max'), { check: 'rto_max < 1 h', metric: 'rto_max', op: '<', expected: 3600, measured: null, pass: false });
});

test('primary-only: the RPO over the cycle is no better than at the instant: lost VMs are lost at every instant', () => {
  // The disaster at 910.5 s takes every copy: at each instant t of the cycle, all written since 0 is gone (RPO = t).
  // (the worst is taken a tick before the disaster's own instant)
  assert.ok(Math.abs(primaryOnly.metrics.rpo_max - 910.5) < 1e-6, `${primaryOnly.metrics.rpo_max}`);
  assert.ok(primaryOnly.metrics.rpo_max >= primaryOnly.metrics.rpo_p50);
});

test('bytes_lost is the data the site lost, the same as rpo_bytes, not the bytes of a transfer cut short', () => {
  // Everything web and db wrote in the 910 whole seconds before the disaster: 910 x (4.096 + 8.192) MB.
  assert.is(primaryOnly.metrics.bytes_lost, 910 * (4.096 + 8.192) * MB);
  assert.is(primaryOnly.metrics.bytes_lost, primaryOnly.metrics.rpo_bytes);
  // Automated: the writes of the 310 s after the 600 s freeze, 3.80928 GB; the update cut on the wire (2.50 GB) is not data lost.
  assert.ok(Math.abs(automated.metrics.bytes_lost - 310 * (4.096 + 8.192) * MB) < 1, `${automated.metrics.bytes_lost}`);
  const cut = automated.flows.filter((f) => f.status === 'failed').reduce((s, f) => s + f.bytes - f.delivered, 0);
  assert.ok(cut > 0 && Math.abs(cut - automated.metrics.bytes_lost) > 1e9, 'the cut transfer is another number');
});

test('the makespan is not a backup that failed on the dead site at its start', () => {
  const backup4 = primaryOnly.jobs.find((j) => j.name === 'backup esx-a #4')!;
  assert.is(backup4.status, 'failed');
  assert.is(backup4.start, 1200);
  // The work ends with the failover (916 s + 30 s offline/online): 15 min 46 s.
  const failover = primaryOnly.jobs.find((j) => j.kind === 'failover')!;
  assert.is(primaryOnly.metrics.makespan, failover.end);
  assert.ok(primaryOnly.metrics.makespan < 1200);
});

test('a reason\'s byte counts read as sizes', () => {
  assert.is(readableReason('write failed after 593124999.9999983 of 1228047847.9214537 bytes: link down'), 'write failed after 593 MB of 1.23 GB: link down');
  assert.is(readableReason('transfer of 2454592615.177696 bytes failed after 0 bytes'), 'transfer of 2.45 GB failed after 0 B');
});

test.run();
