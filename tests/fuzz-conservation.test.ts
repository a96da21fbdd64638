import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkedRun } from '../sim/fuzz/checked-run.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';

test('regression (fuzz vmdr seed 7 none): bytes a flow moved before the clock stopped at until are conserved, not missing', () => {
  // 1 GB over 10 MB/s stopped at 10 s: 100 MB delivered so far, 900 MB in flight.
  const text = `name: cut short\nuntil: 10 s\ntopology:\n  hosts: { a: {}, b: {} }\n  links: { l: { between: [a, b], bandwidth: 10 MB/s, latency: 0 s } }\nworkload:\n  flows: { f: { from: a, to: b, route: [l], bytes: 1 GB } }\n`;
  const { result, violations } = checkedRun(loadScenario('t.yaml', text));
  assert.is(result.stopReason, 'until');
  assert.equal(violations, []);
});

test.run();
