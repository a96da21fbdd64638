import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { ScenarioError } from '../sim/foundation/errors.ts';
import { parseSetting } from '../sim/scenario/overrides.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { refusal } from './support/refusal.ts';
import { modelOf } from '../sim/model/models.ts';

const parkingLot = readFileSync(new URL('../scenarios/parking-lot.yaml', import.meta.url), 'utf8');

/** The error a scenario text gives, as the CLI prints it. */
const errorOf = (text: string, file = 'bad.yaml', opts = {}): string => refusal(text, file, opts).message;

const base = (extra = '') => `name: t
topology:
  hosts: { a: {}, b: {}, c: {} }
  links:
    ab: { between: [a, b], bandwidth: 1 Gb/s, latency: 1 ms }
    bc: { between: [b, c], bandwidth: 10 Gb/s }
workload:
  flows:
    f: { from: a, to: c, route: [ab, bc], bytes: 1 GiB }
${extra}`;

test('a YAML scenario resolves to bytes, bytes/s and ticks', () => {
  const s = loadScenario('t.yaml', base('until: 2 h\nchecks: ["makespan < 10 s"]'));
  assert.equal(s.links.map((l) => [l.name, l.bandwidth, l.latency]), [['ab', 1.25e8, 1e6], ['bc', 1.25e9, 0]]);
  assert.equal(s.flows[0], { name: 'f', from: 'a', to: 'c', route: ['ab', 'bc'], bytes: 2 ** 30, start: 0, cap: undefined });
  assert.is(s.until, 7.2e12);
  assert.equal(s.checks[0], { text: 'makespan < 10 s', metric: 'makespan', op: '<', value: 10 });
  assert.is(s.seed, 1);
});

test('JSON scenarios load through the same path', () => {
  const json = JSON.stringify({ name: 'j', topology: { links: { l: { bandwidth: '1 MB/s' } } }, workload: { flows: { f: { route: ['l'], bytes: '1 MB' } } } });
  assert.is(loadScenario('j.json', json).flows[0].bytes, 1e6);
});

test('a bad unit names file, line, column and field, and says how to write one', () => {
  const msg = errorOf(base().replace('bandwidth: 1 Gb/s', 'bandwidth: 20 Gbs'));
  assert.match(msg, /^bad\.yaml:5:28 {2}topology\.links\.ab\.bandwidth\n/);
  assert.match(msg, /"20 Gbs" is not a rate\. Write a number and a unit such as "20 Gb\/s"/);
});

test('schema errors: unknown field, missing field, wrong type, with positions in JSON too', () => {
  assert.match(errorOf(base().replace('latency: 1 ms', 'latncy: 1 ms')), /bad\.yaml:5:47 {2}topology\.links\.ab\.latncy\n {2}unknown field 'latncy'; expected one of: between, bandwidth, latency, flowCap/);
  assert.match(errorOf(base().replace(', bytes: 1 GiB', '')), /workload\.flows\.f\n {2}missing field 'bytes'/);
  assert.match(errorOf(base('seed: many')), /bad\.yaml:10:1 {2}seed\n {2}expected an integer, got "many"/);
  const json = '{\n  "name": "j",\n  "topology": { "links": { "l": { "bandwidth": 5 } } }\n}';
  assert.match(errorOf(json, 'j.json'), /^j\.json:3:35 {2}topology\.links\.l\.bandwidth\n {2}5 has no unit: a rate needs its unit: write "5 MB\/s", "5 Gb\/s" or "5 B\/s"/);
});

test('a bare number where a quantity belongs says how to write it; every problem is listed at its own line (issue 20)', () => {
  const msg = errorOf(base().replace('bandwidth: 1 Gb/s', 'bandwidth: 100').replace(', bytes: 1 GiB', ', bytes: 0').replace('latency: 1 ms', 'latency: 2'));
  assert.match(msg, /^bad\.yaml:5:\d+ {2}topology\.links\.ab\.bandwidth\n {2}100 has no unit: a rate needs its unit/);
  assert.match(msg, /\nand 2 more problems:\nbad\.yaml:5:\d+ {2}topology\.links\.ab\.latency\n {2}2 has no unit: a duration needs its unit: write "2 s"/);
  assert.match(msg, /\nbad\.yaml:\d+:\d+ {2}workload\.flows\.f\.bytes\n {2}0 has no unit: a size needs its unit: write "0 B"/);
  const many = errorOf(base().replace('links:', `links:\n${Array.from({ length: 30 }, (_, i) => `    x${i}: { bandwidth: ${i + 1} }`).join('\n')}`));
  // 30 bare bandwidths: the first, then 20 more at their lines, then the count of the other 9.
  assert.match(many, /and 29 more problems:/);
  assert.is(many.split('\n').filter((l) => /^bad\.yaml:\d+:\d+ {2}topology\.links\.x\d+\.bandwidth$/.test(l)).length, 21);
  assert.match(many, /\n\.\.\. and 9 more$/);
});

test('syntax errors say where', () => {
  assert.match(errorOf('name: [unclosed\n'), /^bad\.yaml:\d+:\d+ {2}\(top level\)\n {2}cannot be read as YAML/);
  assert.match(errorOf('{"name": }', 'x.json'), /^x\.json:1:\d+ .*cannot be read as JSON/s);
});

test('semantic errors: unknown link in a route, links that do not connect, zero capacity, a fault naming nothing', () => {
  assert.match(errorOf(base().replace('route: [ab, bc]', 'route: [ab, cd]')), /workload\.flows\.f\.route\[1\]\n {2}no link named 'cd'; links are: ab, bc/);
  assert.match(errorOf(base().replace('route: [ab, bc]', 'route: [bc, ab]')), /workload\.flows\.f\.route\[0\]\n {2}link 'bc' joins b and c, but the route is at a there: the links do not connect/);
  assert.match(errorOf(base().replace('to: c', 'to: b')), /the route ends at c, not at b/);
  assert.match(errorOf(base().replace('bandwidth: 10 Gb/s', 'bandwidth: 0 Gb/s')), /topology\.links\.bc\.bandwidth\n {2}a link needs a bandwidth above zero/);
  assert.match(errorOf(base('faults:\n  - { at: 5 s, link-down: nope }')), /faults\[0\]\.link-down\n {2}no link named 'nope'; links are: ab, bc/);
  assert.match(errorOf(base('faults:\n  - { at: 5 s }')), /faults\[0\]\n {2}a fault needs one action/);
  assert.match(errorOf(base('faults:\n  - { at: 5 s, host-fails: a, link-up: ab }')), /one action per fault, got link-up and host-fails|one action per fault, got host-fails and link-up/);
  assert.match(errorOf(base('until: 1 s\nfaults:\n  - { at: 5 s, host-fails: a }')), /faults\[0\]\.at\n {2}the fault at 5 s comes at or after the scenario's until/);
  assert.match(errorOf(base('faults:\n  - random: { kind: link-flap, targets: [ab], mtbf: 1 h, mttr: 1 min }')), /random faults need an end/);
  assert.match(errorOf(base().replace('between: [a, b]', 'between: [a, z]')), /topology\.links\.ab\.between\[1\]\n {2}no host or switch named 'z'/);
  assert.match(errorOf(base('checks: ["rpo < 20 min"]')), /checks\[0\]\n {2}"rpo" is not a metric of this scenario; it reports: .*makespan/);
  assert.match(errorOf(base('checks: ["makespan < 20 GB"]')), /checks\[0\]\n {2}"20 GB" is not a duration/);
  assert.match(errorOf(base('protocol: { name: lanfre }')), /protocol\.name\n {2}expected one of: "lanfree"/);
  assert.match(errorOf(base('protocol: { name: lanfree }')), /protocol\n {2}missing field 'design'/);
});

test('--set changes a field before the checks, and errors in it say so', () => {
  const s = loadScenario('t.yaml', base(), { sets: [parseSetting('topology.links.ab.bandwidth=2 GB/s'), parseSetting('workload.flows.f.start=5 s'), parseSetting('seed=9')] });
  assert.is(s.links[0].bandwidth, 2e9);
  assert.is(s.flows[0].start, 5e9);
  assert.is(s.seed, 9);
  assert.equal(s.settings, ['topology.links.ab.bandwidth=2 GB/s', 'workload.flows.f.start=5 s', 'seed=9']);
  const msg = errorOf(base(), 'bad.yaml', { sets: [parseSetting('topology.links.ab.bandwidth=fast')] });
  assert.match(msg, /^bad\.yaml \(--set\) {2}topology\.links\.ab\.bandwidth\n {2}"fast" is not a rate/);
  assert.throws(() => parseSetting('no-equals-sign'), /path=value/);
  assert.throws(() => parseSetting('a..b=1'), /not a field path/);
  assert.equal(parseSetting('faults[0].at=5 s').path, ['faults', 0, 'at']);
});

test('--set on a list takes an index: a field name or a far index is refused, not lost', () => {
  const text = base('faults:\n  - { at: 5 s, link-down: ab }');
  assert.is((loadScenario('t.yaml', text, { sets: [parseSetting('faults.0.at=7 s')] }).faults[0] as { at: number }).at, 7e9, 'faults.0.at is faults[0].at');
  assert.match(errorOf(text, 'bad.yaml', { sets: [parseSetting('faults.at=7 s')] }), /^bad\.yaml \(--set\) {2}faults\n {2}--set faults\.at=7 s: faults is a list of 1; name an entry by its index \(faults\.0\.at\)/);
  assert.match(errorOf(text, 'bad.yaml', { sets: [parseSetting('faults[3].at=7 s')] }), /faults has 1 entry \(index 0\); 3 is past its end/);
});

test('variants merge over the base scenario', () => {
  const text = base(`variants:
  fast: { topology: { links: { ab: { bandwidth: 40 Gb/s } } } }
  late: { workload: { flows: { f: { start: 1 h } } } }`);
  const fast = loadScenario('t.yaml', text, { variant: 'fast' });
  assert.equal(fast.variants, ['fast', 'late']);
  assert.is(fast.links[0].bandwidth, 5e9);
  assert.is(fast.links[0].latency, 1e6, 'fields the variant does not name are kept');
  assert.is(loadScenario('t.yaml', text, { variant: 'late' }).flows[0].start, 3.6e12);
  assert.match(errorOf(text, 'bad.yaml', { variant: 'slow' }), /no variant named 'slow'; it has: fast, late/);
});

test('the bundled parking lot scenario is valid', () => {
  const s = loadScenario('scenarios/parking-lot.yaml', parkingLot);
  assert.is(s.flows.length, 4);
});

test('modelOf gives a family\'s resolved section, typed, from a plain (cloneable) scenario', () => {
  const s = loadScenario('scenarios/lan-vs-lanfree.yaml', readFileSync(new URL('../scenarios/lan-vs-lanfree.yaml', import.meta.url), 'utf8'));
  const copy = structuredClone(s);
  assert.equal(modelOf(copy, 'libraries').libraries.map((l) => l.name), ['lib1']);
  assert.ok(modelOf(copy, 'servers').servers.length > 0);
  assert.throws(() => modelOf({ models: new Map() }, 'fabrics'), /no resolved 'fabrics' models/);
});

test('a name written as SimGrid platforms write them is refused with the name to write instead (issue 20)', () => {
  const msg = errorOf(base().replace('links:', 'links:\n    "client0->server": { bandwidth: 1 Gb/s }'));
  assert.match(msg, /topology\.links\.client0->server\n {2}'client0->server' is not a usable name: use letters, digits and _ \. : - \(not starting with \. : -\); write 'client0-server' instead/);
  assert.match(errorOf(base().replace('links:', 'links:\n    "-a b": { bandwidth: 1 Gb/s }')), /write 'a-b' instead/);
});

test.run();
