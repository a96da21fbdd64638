// Host and site failures reach the equipment attached to them (sim/model families' nodeDown / siteFails).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';

const fc = readFileSync(new URL('../scenarios/fc.yaml', import.meta.url), 'utf8');

test('a host failure takes its HBA ports down: its SAN transfer fails; after recovery a new one runs', () => {
  const text = fc.replace('checks:', `faults:
  - { at: 100 s, host-fails: host2 }
  - { at: 200 s, host-recovers: host2 }
checks:`).replace(/checks:\n(  - .*\n?)+$/, 'checks: []\n').replace('    stray-host1:', `    late-host2:
      start: 300 s
      steps:
        - san.transfer: { fabric: san-a, from: host2-hba0, to: disk-p0, bytes: 8 GB }
    stray-host1:`);
  const r = runScenario(loadScenario('fc.yaml', text));
  const job = (n: string) => r.jobs.find((j) => j.name === n)!;
  assert.equal([job('backup-host2').status, job('backup-host2').end], ['failed', 100]);
  assert.equal([job('restore-host2').status, job('restore-host2').end], ['failed', 100]);
  // host1's backup shares the ISL at 400 MB/s until 100 s (40 GB), has it alone at 800 MB/s until 300 s (160 GB),
  // shares it again with host2's late 8 GB for 20 s (8 GB each), then alone for the last 192 GB: 240 s more.
  assert.ok(Math.abs(job('backup-host1').end! - 560) < 1e-3, String(job('backup-host1').end));
  // host2 is back: its 8 GB at 400 MB/s take 20 s, plus the path's 1.5 us of latency.
  assert.equal(job('late-host2').status, 'completed');
  assert.ok(Math.abs(job('late-host2').end! - 320) < 1e-3, String(job('late-host2').end));
});

test('a site failure fails the storage systems placed in it', () => {
  // storage.yaml puts the primary array in dc1; failing dc1 early fails the mirror baseline it was sending.
  const text = readFileSync(new URL('../scenarios/storage.yaml', import.meta.url), 'utf8');
  assert.match(text, /\nfaults:\n/);
  const r = runScenario(loadScenario('storage.yaml', text.replace(/\nfaults:\n/, '\nfaults:\n  - { at: 1 s, site-fails: dc1 }\n')));
  const mirror = r.jobs.find((j) => j.name === 'snapmirror')!;
  assert.equal([mirror.status, mirror.end], ['failed', 1]);
  assert.match(mirror.reason!, /storage system 'primary' failed at 1 s/);
});

test.run();
