/**
 * Network models against SimGrid itself: tests/fixtures/simgrid/expected.json
 * holds the completion times SimGrid 3.32 (its default LV08 model) gives for
 * the platforms of cases.json, expected-cm02.json those of its CM02 model
 * (run_simgrid.py made them; see its README). The tests read the fixtures and
 * need no SimGrid.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { flowWorld, type FlowSpec } from './support/world.ts';
import { MODELS, MAXMIN, type NetworkModel } from '../sim/net/model.ts';
import { TICKS_PER_SECOND } from '../sim/foundation/time.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { refusal } from './support/refusal.ts';

interface Case {
  name: string;
  links: { name: string; bandwidth: number; latency: number }[];
  flows: { name: string; route: string[]; bytes: number; start: number }[];
}

const dir = new URL('./fixtures/simgrid/', import.meta.url);
const cases = JSON.parse(readFileSync(new URL('cases.json', dir), 'utf8')) as Case[];
type Times = Record<string, Record<string, number>>;
const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as Times;
const expectedCm02 = JSON.parse(readFileSync(new URL('expected-cm02.json', dir), 'utf8')) as Times;

/** Runs a case under a model; each flow's completion time in seconds. */
function run(c: Case, model: NetworkModel | null): Record<string, number> {
  const links = Object.fromEntries(c.links.map((l) => [l.name, { bandwidth: l.bandwidth, latency: Math.round(l.latency * TICKS_PER_SECOND) }]));
  const flows: FlowSpec[] = c.flows.map((f) => ({ name: f.name, route: f.route, bytes: f.bytes, start: Math.round(f.start * TICKS_PER_SECOND) }));
  const { kernel, outcomes } = flowWorld(links, flows);
  if (model !== null) kernel.net.useModel(model);
  kernel.run();
  return Object.fromEntries(Object.entries(outcomes).map(([n, o]) => [n, o.result!.end / TICKS_PER_SECOND]));
}

for (const [model, times] of [['simgrid-lv08', expected], ['simgrid-cm02', expectedCm02]] as const) for (const c of cases) {
  test(`${model} matches SimGrid within 1e-3: ${c.name}`, () => {
    const got = run(c, MODELS[model]);
    const want = times[c.name];
    assert.equal(Object.keys(got).sort(), Object.keys(want).sort());
    for (const [flow, t] of Object.entries(want)) {
      assert.ok(Math.abs(got[flow] - t) <= 1e-3 * t, `${c.name}/${flow}: SimGrid ${t} s, backlab ${got[flow]} s`);
    }
  });
}

test('the SimGrid model differs from max-min where it should (the fixtures can tell them apart)', () => {
  const c = cases.find((k) => k.name === 'wan-two-rtts')!;
  const plain = run(c, MAXMIN);
  // Pure max-min: both flows share the 1.25e8 B/s bottleneck equally and end together after 16 s.
  assert.ok(Math.abs(plain.short - plain.long) < 0.05, `max-min: ${JSON.stringify(plain)}`);
  assert.ok(Math.abs(expected[c.name].short - plain.short) > 1, 'SimGrid gives the short-RTT flow the larger share');
});

test('model maxmin gives exactly the answers of a network that names no model', () => {
  for (const c of cases) {
    assert.equal(run(c, MAXMIN), run(c, null), c.name);
  }
});

test('parking lot under max-min: the figures of scenarios/parking-lot.yaml (B 10 s, A and C 20 s, D 30 s)', () => {
  const got = run(cases.find((k) => k.name === 'parking-lot')!, MAXMIN);
  assert.equal(got, { A: 20, B: 10, C: 20, D: 30 });
});

test('simgrid-lv08: a flow that arrives on a stopped link (0 B/s) waits, then moves once the link runs', () => {
  const { kernel, outcomes } = flowWorld({ l: { bandwidth: 0, latency: 1e6 } }, [{ name: 'x', route: ['l'], bytes: 1e8 }]);
  kernel.net.useModel(MODELS['simgrid-lv08']);
  kernel.at(10 * TICKS_PER_SECOND, () => kernel.net.setBandwidth(kernel.net.linkId('l'), 1e8));
  kernel.run();
  // Alone on the link: 0.97 of its bandwidth, of which the ACKs' cross-traffic takes 1 part in 1.05.
  const want = 10 + 1e8 / (0.97e8 / 1.05);
  const got = outcomes.x.result!.end / TICKS_PER_SECOND;
  assert.ok(Math.abs(got - want) <= 1e-9 * want, `ended at ${got} s, expected ${want} s`);
});

const parkingLot = readFileSync(new URL('../scenarios/parking-lot.yaml', import.meta.url), 'utf8');
const withNetwork = (section: string) => parkingLot.replace('\ntopology:', `\nnetwork: ${section}\ntopology:`);
const flowEnds = (text: string) => Object.fromEntries(runScenario(loadScenario('p.yaml', text)).flows.map((f) => [f.name, f.end ?? NaN]));

test('a scenario selects simgrid-lv08 with network.model and gets SimGrid\'s parking lot', () => {
  const got = flowEnds(withNetwork('{ model: simgrid-lv08 }'));
  for (const [flow, t] of Object.entries(expected['parking-lot'])) assert.ok(Math.abs(got[flow] - t) <= 1e-3 * t, `${flow}: SimGrid ${t} s, backlab ${got[flow]} s`);
});

test('each factor of a model can be overridden: no cross-traffic and no bandwidth factor is max-min on this latency-free lot', () => {
  const got = flowEnds(withNetwork('{ model: simgrid-lv08, crossTraffic: 0, bandwidthFactor: 1 }'));
  assert.equal(got, { A: 20, B: 10, C: 20, D: 30 });
  assert.equal(loadScenario('p.yaml', withNetwork('{ model: simgrid-cm02, tcpGamma: 1 MiB }')).network, { ...MODELS['simgrid-cm02'], tcpGamma: 1048576 });
});

test('no network section: pure max-min, the scenario\'s documented answers', () => {
  assert.equal(loadScenario('p.yaml', parkingLot).network, MAXMIN);
  assert.equal(flowEnds(parkingLot), { A: 20, B: 10, C: 20, D: 30 });
});

test('an unknown model is refused naming network.model and the models there are', () => {
  const e = refusal(withNetwork('{ model: reno }'));
  assert.match(e.message, /network\.model/);
  assert.match(e.message, /simgrid-lv08/);
});

test.run();
