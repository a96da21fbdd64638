import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findingsText, type RunFinding } from '../sim/foundation/findings.ts';

test('one formatter words the findings as backlab run prints them; the data stays unrounded', () => {
  const findings: RunFinding[] = [
    { kind: 'design', text: 'automated DR services' },
    { kind: 'heaviest', resource: 'node70.cpu', seconds: 12.345 },
    { kind: 'vm-recovered', vm: 'web', rpo: 412.04, rpoBytes: 1.23456e9, rto: 95.96, host: 'esx-b', snapshot: 'vmdr-hv-a-2', metadataHost: 'esx-a', againOn: null },
    { kind: 'vm-lost', vm: 'db', why: 'no backup reached the secondary', rpoBytes: 5e8 },
    { kind: 'wan', link: 'wan', bytes: 1.2345e12, busySeconds: 7200 },
  ];
  assert.equal(findingsText(findings), {
    design: 'automated DR services',
    busiest: 'node70.cpu: 12.35 s of work at its full rate, the most of any link or device',
    'vm web': 'RPO 412.0 s (1.235 GB), RTO 96.0 s: restored on esx-b from vmdr-hv-a-2, whose metadata names esx-a',
    'vm db': 'lost (no backup reached the secondary); 0.500 GB written in the run gone',
    'wan (WAN)': 'carried 1235 GB, busy 2.000 h',
  });
  // A finding is plain data: it survives a worker's structured clone as it is.
  assert.equal(structuredClone(findings), findings);
});

test.run();
