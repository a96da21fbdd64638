import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
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

/** Every .ts file under a folder. */
const sources = (dir: string): string[] => readdirSync(dir).flatMap((n) => {
  const f = join(dir, n);
  return statSync(f).isDirectory() ? sources(f) : f.endsWith('.ts') ? [f] : [];
});

/**
 * The UNSOURCED assumptions of a source file that no declaration states: an
 * UNSOURCED in a comment whose code is a constant of its own (a field's
 * source, a source text built for one, or a step parameter's description
 * is a declaration, and a comment may explain a declared field).
 */
function hiddenConstants(text: string): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (!/UNSOURCED/.test(line) || /source|SOURCE|description:/.test(line.replace(/UNSOURCED/g, ''))) return;
    let end = i;
    if (/^\s*\/\//.test(line)) while (/^\s*\/\//.test(lines[end + 1] ?? '')) end++;
    else while (end < lines.length - 1 && !/\*\//.test(lines[end])) end++;
    const next = lines[end + 1] ?? '';
    if (/^\s*(export\s+)?const\s+[A-Za-z_0-9]+\s*(:[^=]*)?=/.test(next)) out.push(`line ${i + 1}: ${next.trim()}`);
  });
  return out;
}

test('no UNSOURCED constant hides in code: each UNSOURCED of sim/model and sim/protocols is declared', () => {
  const hidden = [...sources('sim/model'), ...sources('sim/protocols')].flatMap((f) => hiddenConstants(readFileSync(f, 'utf8')).map((h) => `${f} ${h}`));
  assert.equal(hidden, [], 'an UNSOURCED constant in code: declare it as a field (sim/foundation/declare.ts) with its default and source');
  const declared = [...sources('sim/model'), ...sources('sim/protocols')].reduce((n, f) => n + (readFileSync(f, 'utf8').match(/source: ['`]UNSOURCED/g) ?? []).length, 0);
  assert.ok(declared > 30, `${declared} declared UNSOURCED sources`);
});

test('the check refuses the constants byte-cost.ts and precopy.ts used to hide', () => {
  const old = `/**
 * Cycles of one SCSI I/O through an FC HBA.
 * UNSOURCED: its table of cycles per operation was not captured.
 */
export const FC_IO_CYCLES = 50_000;
/** Bytes of one tape write: UNSOURCED assumption, a 256 KiB block. */
export const TAPE_IO_BYTES = 256 * 1024;
// UNSOURCED: half
const target = 0.5;
export const SIZING = { source: 'UNSOURCED: why' };`;
  assert.equal(hiddenConstants(old).map((h) => h.replace(/:.*/, '')), ['line 3', 'line 6', 'line 8']);
  assert.equal(hiddenConstants("  backhitch: duration({ default: '2 s', source: 'UNSOURCED: sweep 1-5 s' }),"), []);
});

test('the flagship lists the cost law\'s per-I/O figures, SDPS\'s share and the table-derived LTO figures with today\'s values', () => {
  const list = load(FLAGSHIP).assumptions;
  const value = (path: string) => at(list, path)?.value;
  // the constants byte-cost.ts and precopy.ts used to hold: 50,000 cycles per I/O, a 256 KiB tape block, half the copy rate
  for (const path of ['topology.hosts.tsm1.ioCycles', 'topology.servers.p1.ioCycles', 'topology.servers.p2.vios.ioCycles']) {
    assert.equal([value(path), at(list, path)!.unsourced], [50_000, true], path);
  }
  assert.is(value('topology.servers.p1.ioSize'), 256 * 1024);
  assert.is(value('topology.servers.p1.vios.ioSize'), 256 * 1024);
  assert.is(value('topology.servers.p1.lpm.slowdownShare'), 0.5);
  // a derived default has its number: IBM's SEA rule at MTU 1500 (1.65 GHz per 948 Mb/s), an LTO-8's native rate
  assert.ok(Math.abs((value('topology.servers.p1.vios.cyclesPerByte') as number) - 1.65e9 / (948e6 / 8)) < 1e-9);
  assert.is(value('topology.libraries.lib1.drives.d2.nativeRate'), 360e6);
  assert.is(value('topology.libraries.lib1.drives.d2.load'), 15e9);
  // a published spread travels with its figure, resolved around the value
  const locate = at(list, 'topology.libraries.lib1.drives.d1.locate')!;
  assert.equal([locate.spread?.low, locate.spread?.high], [45e9, 73e9]);
  assert.equal(at(list, 'topology.libraries.lib1.drives.d1.compression')!.bounds, { min: 1, above: undefined, max: undefined });
});

test.run();
