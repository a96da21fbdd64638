import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { duration, named, number, object, size } from '../sim/foundation/declare.ts';
import { maybe } from '../sim/foundation/declare-forms.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { assumptionLines, assumptionTally } from '../reports/assumptions.ts';
import { parseSetting } from '../sim/scenario/overrides.ts';

const FLAGSHIP = 'scenarios/lan-vs-lanfree.yaml';
const load = (file: string, sets: string[] = [], variant?: string) => loadScenario(file, readFileSync(file, 'utf8'), { variant, sets: sets.map(parseSetting) });
const at = (list: ReturnType<typeof load>['assumptions'], path: string) => list.find((a) => a.path === path);

test('a declaration lists its figures and UNSOURCED assumptions, never the scenario\'s own choices', () => {
  const decl = named(object({
    guess: duration({ description: 'A guess.', default: '3 s', source: 'UNSOURCED: nobody measured it' }),
    spec: size({ description: 'From the sheet.', default: '64 MB', source: 'HP spec sheet' }),
    cores: number({ description: 'Chosen.', default: 2, source: 'configuration' }),
    plain: number({ description: 'No source.', default: 1 }),
    part: maybe(object({ inner: duration({ description: 'Inside.', default: '1 s', source: 'UNSOURCED: too' }) })),
  }), { description: 'Things.' });
  const figs = decl.figures({ a: { spec: '1 GB' }, b: {} }, ['topology', 'things'], 'things');
  assert.equal(figs.map((f) => [f.path, f.name, f.value, f.text, f.unsourced, f.set]), [
    ['topology.things.a.guess', 'things.*.guess', 3e9, '3 s', true, false],
    ['topology.things.a.spec', 'things.*.spec', 1e9, '1 GB', false, true],
    ['topology.things.b.guess', 'things.*.guess', 3e9, '3 s', true, false],
    ['topology.things.b.spec', 'things.*.spec', 64e6, '64 MB', false, false],
  ]);
  // a part written is walked, with its defaults
  assert.equal(decl.figures({ a: { part: {} } }, [], 'things').filter((f) => f.name === 'things.*.part.inner').length, 1);
});

test('the flagship lists its UNSOURCED constants and its published figures with their sources', () => {
  const list = load(FLAGSHIP).assumptions;
  const lpm = at(list, 'topology.servers.p1.lpm.switchover')!;
  assert.equal([lpm.value, lpm.unsourced, lpm.set, lpm.kind], [2e9, true, false, 'duration']);
  assert.ok(lpm.source.startsWith('UNSOURCED'));
  assert.equal(at(list, 'topology.libraries.lib1.drives.d3.backhitch')?.unsourced, true);
  assert.equal(at(list, 'topology.servers.p1.lpm.rounds')?.unsourced, true);
  // the dedicated design's invented reconfiguration minutes are gone (PowerVM refuses the migration instead)
  assert.not.ok(list.some((a) => a.path.startsWith('protocol.reconfiguration')));
  const vlan = at(list, 'topology.servers.p2.vlan.bandwidth')!;
  assert.equal([vlan.value, vlan.unsourced], [50e9 / 8, false]);
  assert.match(vlan.source, /IBM Techdocs WP102707/);
  assert.match(at(list, 'protocol.commTimeout')!.source, /COMMTIMEOUT/);
  // the scenario's own choices (a partition's memory, a link's bandwidth, the design) are not assumptions
  assert.not.ok(list.some((a) => /memory$|\.bandwidth$/.test(a.path) && a.path.startsWith('topology.links')));
  assert.not.ok(list.some((a) => a.path === 'protocol.design'));
  // every instance grouped once: four drives' back-hitch is one line
  const back = assumptionLines([list]).filter((l) => l.name === 'libraries.*.drives.*.backhitch');
  assert.equal(back.map((l) => [l.values[0], l.count[0]]), [[['2 s'], 4]]);
});

test('a value set by --set or a variant is this run\'s, and says it was set', () => {
  const list = load(FLAGSHIP, ['topology.servers.p1.lpm.switchover=5 s'], 'shared').assumptions;
  const p1 = at(list, 'topology.servers.p1.lpm.switchover')!;
  assert.equal([p1.value, p1.text, p1.set, p1.unsourced], [5e9, '5 s', true, true]);
  assert.equal(at(list, 'topology.servers.p2.lpm.switchover')!.value, 2e9);
});

test('every bundled scenario with a protocol states its assumptions', () => {
  for (const f of ['vmdr-student', 'feedplex-two-node', 'remotecopy', 'consistentsnap']) {
    const list = load(`scenarios/${f}.yaml`).assumptions;
    assert.ok(list.some((a) => a.path.startsWith('protocol.') && a.unsourced), f);
  }
});

test.run();
