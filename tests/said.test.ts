import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { saidOf } from '../reports/said.ts';
import { runFixture } from './support/fixtures.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { loadScenarioFile } from '../sim/cli/scenario-file.ts';

test('each phase\'s bottleneck comes first, then the protocol\'s findings', () => {
  const said = saidOf(runFixture());
  assert.equal(Object.keys(said), ['bottleneck', 'backup bottleneck', 'design']);
  assert.is(said['backup bottleneck'], 'vios1.sea<i>: 75.0 % of the 4.00 TB moved');
});

test('the flagship\'s LAN design without its migration: both VIOS SEAs hold the backup (saturated: a drive that back-hitches leaves its share of the bridge to the other streams)', () => {
  const lan = loadScenarioFile('scenarios/lan-vs-lanfree.yaml', { variant: 'lan', sets: [{ path: ['protocol', 'startOrder'], value: 'name', text: 'protocol.startOrder=name' }] }) // p1's four first: the SEA waves;
  const said = saidOf(runScenario({ ...lan, faults: lan.faults.filter((f) => f.kind !== 'migrate') }));
  assert.match(said['backup bottleneck'], /^2 seas \(vios1\.sea, vios2\.sea\): 9\d\.\d %/);
  assert.match(said['restore bottleneck'], /^tape drive lib1\/d3: 100\.0 % of the 400 GB moved$/);
});

test.run();
