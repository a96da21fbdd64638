import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { ScenarioError } from '../sim/foundation/errors.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { refusal } from './support/refusal.ts';

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

const wan = (link: string, bytes = '1 GB', extra = '') => `name: wan
topology:
  hosts: { a: {}, b: {} }
  links:
    w: { between: [a, b], ${link} }
workload:
  flows:
    f: { from: a, to: b, route: [w], bytes: ${bytes} }
${extra}`;

const errorOf = (text: string): string => refusal(text, 'w.yaml').message;

test('a 1 MiB TCP window over a 40 ms RTT caps a flow at 1048576 / 0.04 B/s; it takes bytes / that + the one-way latency', () => {
  const s = loadScenario('w.yaml', wan('wan: { rate: 1 Gb/s, rtt: 40 ms, window: 1 MiB }', '100 MB'));
  const l = s.links[0];
  const cap = 1048576 / 0.04;
  close(l.flowCap!, cap, 'flowCap');
  assert.is(l.latency, 20e6);
  close(l.bandwidth, (1e9 / 8) * 0.66, 'bandwidth = nominal × 0.66');
  const r = runScenario(s);
  close(r.flows[0].end!, 0.02 + 1e8 / cap, 'window-limited transfer');
});

test('an OC-3 at 0.66 efficiency moves 1 GB in 1e9 / (155.52e6 / 8 × 0.66) s', () => {
  const r = runScenario(loadScenario('w.yaml', wan('wan: { carrier: OC-3 }')));
  close(r.flows[0].end!, 1e9 / ((155.52e6 / 8) * 0.66), 'OC-3');
  // The other carriers, by their nominal line rates (bits/s).
  for (const [c, bps] of [['T1', 1.544e6], ['T3', 44.736e6], ['OC-12', 622.08e6], ['OC-48', 2488.32e6], ['OC-192', 9953.28e6]] as const) {
    close(loadScenario('w.yaml', wan(`wan: { carrier: ${c}, efficiency: 1 }`)).links[0].bandwidth, bps / 8, c);
  }
});

test('a distance gives the latency (5 us/km one way) and the RTT the window divides by; the link\'s own fields win', () => {
  const l = loadScenario('w.yaml', wan('wan: { rate: 155 Mb/s, efficiency: 0.8, distance: 500 km, window: 64 KiB }')).links[0];
  assert.is(l.latency, 2.5e6);
  close(l.bandwidth, (155e6 / 8) * 0.8, 'bandwidth');
  close(l.flowCap!, 65536 / 0.005, '64 KiB over a 5 ms round trip');
  // Explicit fields are measurements: they beat what the circuit implies.
  const o = loadScenario('w.yaml', wan('wan: { carrier: T3, rtt: 40 ms, window: 1 MiB }, bandwidth: 2 MB/s, latency: 5 ms, flowCap: 1 MB/s')).links[0];
  assert.equal([o.bandwidth, o.latency, o.flowCap], [2e6, 5e6, 1e6]);
  // No rtt or distance: the window divides by twice the link's latency.
  close(loadScenario('w.yaml', wan('wan: { carrier: T3, window: 1 MiB }, latency: 10 ms')).links[0].flowCap!, 1048576 / 0.02, 'rtt from latency');
});

test('scenarios/wan.yaml: one stream window-limited, the same circuit filled by two, the OC-3 bandwidth-limited', () => {
  const r = runScenario(loadScenario('wan.yaml', readFileSync(new URL('../scenarios/wan.yaml', import.meta.url), 'utf8')));
  const end = (n: string) => r.flows.find((f) => f.name === n)!.end!;
  const window = 1048576 / 0.04;
  const oc3 = (155.52e6 / 8) * 0.66, oc12 = (622.08e6 / 8) * 0.66;
  assert.ok(window > oc3 && window < oc12 && 2 * window > oc12, 'the set-up the scenario relies on');
  // 4000 km: 20 ms one way; the 10GbE LANs are far faster than either circuit.
  close(end('oc3-one-stream'), 0.02 + 1e9 / oc3, 'OC-3: bandwidth-limited');
  close(end('oc12-one-stream'), 0.02 + 1e9 / window, 'OC-12, one stream: window-limited');
  close(end('oc12-stream-a'), 60 + 0.02 + 1e9 / (oc12 / 2), 'OC-12, two streams: bandwidth-limited, half each');
  close(end('oc12-stream-b'), end('oc12-stream-a'), 'the two streams share equally');
  assert.ok(r.checks.every((c) => c.pass), JSON.stringify(r.checks));
});

test('bad input: a window with no round trip, an impossible efficiency, no rate, two rates, an unknown carrier, a bad distance', () => {
  assert.match(errorOf(wan('wan: { rate: 1 Gb/s, window: 1 MiB }')), /topology\.links\.w\.wan\.window\n {2}a TCP window caps a flow at window \/ round trip, so it needs one/);
  assert.match(errorOf(wan('wan: { rate: 1 Gb/s, efficiency: 1.5 }')), /topology\.links\.w\.wan\.efficiency\n {2}the link efficiency is the share of the line rate data gets: above 0 and at most 1, got 1\.5/);
  assert.match(errorOf(wan('wan: { rtt: 10 ms }')), /topology\.links\.w\.wan\n {2}a WAN needs its line rate: 'rate' \(e\.g\. "155 Mb\/s"\) or 'carrier'/);
  assert.match(errorOf(wan('wan: { rate: 1 Gb/s, carrier: T3 }')), /topology\.links\.w\.wan\n {2}give 'rate' or 'carrier', not both/);
  assert.match(errorOf(wan('wan: { carrier: OC-7 }')), /topology\.links\.w\.wan\.carrier\n {2}expected one of: "T1", "T3", "OC-3", "OC-12", "OC-48", "OC-192"; got "OC-7"/);
  assert.match(errorOf(wan('wan: { carrier: T1, distance: 500 miles }')), /topology\.links\.w\.wan\.distance\n {2}"500 miles" is not a distance\. Write a number and km, such as "500 km"/);
  assert.match(errorOf(wan('wan: { carrier: T1, distance: 500 km, rtt: 5 ms }')), /topology\.links\.w\.wan\n {2}give 'rtt' or 'distance', not both/);
  assert.match(errorOf(wan('wan: { carrier: T1, rtt: 0 s, window: 64 KiB }')), /topology\.links\.w\.wan\.window\n/);
  assert.match(errorOf(wan('wan: { rate: 0 Mb/s }')), /topology\.links\.w\.wan\.rate\n {2}expected a rate above zero, got "0 Mb\/s"/);
  assert.match(errorOf(wan('wan: { carrier: T1, rtt: 5 ms, window: 0 KiB }')), /topology\.links\.w\.wan\.window\n {2}expected a size above zero/);
});

test.run();
