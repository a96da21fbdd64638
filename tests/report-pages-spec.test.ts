/**
 * `report:` as a scenario writes it (issue 24): what the report is for is
 * carried to the run's result, and bad input is refused at its field.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { refusal } from './support/refusal.ts';

const sweep = readFileSync(new URL('../scenarios/lanfree-sweep.yaml', import.meta.url), 'utf8');
const withReport = (report: string) => sweep.replace(/^report: .*$/m, `report: ${report}`);

test('lanfree-sweep says its report is for backup_throughput along the partitions, on a log2 axis', () => {
  assert.equal(loadScenario('scenarios/lanfree-sweep.yaml', sweep).report, { headline: ['backup_throughput'], x: 'protocol.backup.clients', scale: 'log2' });
});

test('without report: no headline, the sweep\'s own axis, linear', () => {
  assert.equal(loadScenario('s.yaml', sweep.replace(/^report: .*$/m, '')).report, { headline: [], x: null, scale: 'linear' });
});

test('a headline that is no metric of the scenario is refused at its place in the list, with the metrics it has', () => {
  const e = refusal(withReport('{ headline: [backup_throughput, backup_thruput] }'));
  assert.is(e.path, 'report.headline[1]');
  assert.match(e.message, /'backup_thruput' is not a metric of this scenario; it reports: .*backup_throughput/);
});

test('a scale other than linear or log2 is refused at report.scale', () => {
  const e = refusal(withReport('{ headline: [backup_throughput], scale: log10 }'));
  assert.is(e.path, 'report.scale');
  assert.match(e.message, /linear.*log2|log2.*linear/);
});

test.run();
