import { map, maybe, notation, pair, withRows } from '../sim/foundation/declare-forms.ts';
import { mandatory } from '../sim/foundation/declare-forms.ts';
import { exactlyOne } from '../sim/foundation/declare-forms.ts';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { duration, integer, named, object, oneOf, rate, resolveField, size, type FieldContext } from '../sim/foundation/declare.ts';
import { docRows, list } from '../sim/foundation/declare.ts';
import type { Path } from '../sim/foundation/path.ts';
import { familyRows, familySchema, type Family } from '../sim/model/family.ts';
import { paramTable } from '../sim/docs/model-readme.ts';

class Refused extends Error {
  constructor(readonly path: Path, readonly expected: string) { super(expected); }
}
const ctx: FieldContext = { fail: (path, expected) => { throw new Refused(path, expected); } };

/** A family of one device whose buffer default is the fixture's parameter: the default is stated once, here. */
function fixtureFamily(buffer: string): Family<{ name: string; buffer: number; rate: number | undefined; count: number }[]> {
  const section = named(object({
    buffer: size({ description: 'Data buffer.', default: buffer, source: 'HP LTO-3 white paper' }),
    rate: rate({ description: 'Top rate.', defaultText: "the generation's", source: 'spec sheet' }),
    count: integer({ description: 'How many.', default: 1, minimum: 1 }),
  }), { description: 'Gadgets by name.' });
  return {
    key: 'gadgets', title: 'fixture', declares: { section }, ops: {},
    resolve: (topology, c, path) => resolveField(section, topology.gadgets, [...path, 'gadgets'], c as FieldContext),
    build: () => undefined,
  };
}

test('a default changed in the declaration moves the schema description, the README row and the resolved value together', () => {
  for (const buffer of ['64 MB', '256 MiB']) {
    const f = fixtureFamily(buffer);
    const schema = familySchema(f).section as { additionalProperties: { properties: { buffer: { description: string } } } };
    assert.is(schema.additionalProperties.properties.buffer.description, `Data buffer. Default ${buffer}.`);
    const row = paramTable(familyRows(f)).find((r) => r.includes('gadgets.*.buffer'));
    assert.is(row, `| \`gadgets.*.buffer\` | ${buffer} | bytes | HP LTO-3 white paper |`);
    const def = f.resolve({ gadgets: { g1: {} } }, { ...ctx, names: undefined as never, until: null }, ['topology']);
    assert.is(def[0].buffer, buffer === '64 MB' ? 64e6 : 256 * 2 ** 20);
  }
});

test('a derived default is said in the docs and left for the code (undefined); a given value is parsed', () => {
  const f = fixtureFamily('64 MB');
  assert.ok(paramTable(familyRows(f)).some((r) => r === "| `gadgets.*.rate` | the generation's | bytes/s | spec sheet |"));
  const def = f.resolve({ gadgets: { a: {}, b: { rate: '300 MB/s' } } }, { ...ctx, names: undefined as never, until: null }, ['topology']);
  assert.equal(def.map((d) => [d.name, d.rate, d.count]), [['a', undefined, 1], ['b', 300e6, 1]], 'in the order written');
});

test('problems are reported at their field path with what was expected', () => {
  const f = object({ pause: duration({ description: 'Pause.', required: true }), link: rate({ description: 'Link.', positive: true }), mode: oneOf(['pause', 'fail'], { description: 'Mode.', default: 'pause' }) });
  const err = (w: unknown) => { try { resolveField(f, w, ['lpm'], ctx); } catch (e) { return e as Refused; } return undefined; };
  assert.equal(err({})?.path, ['lpm', 'pause']);
  assert.equal(err({ pause: '2 parsecs' })?.path, ['lpm', 'pause']);
  assert.match(err({ pause: '2 s', link: '0 B/s' })!.expected, /above zero/);
  assert.equal(resolveField(f, { pause: '2 s' }, ['lpm'], ctx), { pause: 2e9, link: undefined, mode: 'pause' });
});

test('an UNSOURCED default says so in the schema description', () => {
  const f = duration({ description: 'Back-hitch time', default: '2 s', source: 'UNSOURCED: no published figure' });
  assert.is((f.schema as { description: string }).description, 'Back-hitch time. Default 2 s (UNSOURCED).');
});

// ---- added on branch declare-a ----

test('maybe: an absent part stays absent (no defaults filled in), a written one resolves with its defaults', () => {
  const f = maybe(object({ pause: duration({ description: 'Pause.', default: '2 s' }) }));
  assert.is(resolveField(f, undefined, ['vios'], ctx), undefined);
  assert.equal(resolveField(f, {}, ['vios'], ctx), { pause: 2e9 });
  assert.ok(f.optional);
});

test('notation: a default and a written text are parsed alike; a refused text is reported at its path with the refusal', () => {
  const km = notation({ description: 'Length.', default: '5 km', examples: ['500 km'], parse: (t: string) => (/^\d+ km$/.test(t) ? Number(t.split(' ')[0]) : undefined), refused: (w: unknown) => `${JSON.stringify(w)} is not a distance` });
  assert.is(resolveField(km, undefined, ['d'], ctx), 5);
  assert.is(resolveField(km, '500 km', ['d'], ctx), 500);
  try { resolveField(km, '5 miles', ['w', 'd'], ctx); assert.unreachable(); } catch (e) {
    assert.equal((e as Refused).path, ['w', 'd']);
    assert.is((e as Refused).expected, '"5 miles" is not a distance');
  }
  assert.equal((km.schema as { examples: string[] }).examples, ['500 km']);
  assert.throws(() => notation({ description: 'x', default: 'far', parse: () => undefined, refused: () => '' }), /not in its own notation/);
});

test('withRows: a table the field indexes gets a README row per entry after the field\'s own', () => {
  const f = withRows(oneOf(['a', 'b'], { description: 'Kind.' }), (n) => [{ name: `${n}: a`, default: '1 MB/s', unit: 'bytes/s', source: 'sheet A' }]);
  assert.equal(docRows(f, 'links.*.kind').map((r) => [r.name, r.source]), [['links.*.kind', 'configuration'], ['links.*.kind: a', 'sheet A']]);
  assert.is(resolveField(f, 'b', ['k'], ctx), 'b');
});

test('pair: exactly two items in the schema, each resolved at its index', () => {
  const f = pair(size({ description: 'End.' }), { description: 'Ends.' });
  assert.equal(f.schema, { type: 'array', description: 'Ends.', items: size({ description: 'End.' }).schema, minItems: 2, maxItems: 2 });
  assert.equal(resolveField(f, ['1 kB', '2 kB'], ['b'], ctx), [1e3, 2e3]);
  try { resolveField(f, ['1 kB', 'x'], ['b'], ctx); assert.unreachable(); } catch (e) { assert.equal((e as Refused).path, ['b', 1]); }
});

test('map: values that are not objects, by name, in the order written', () => {
  const f = map(list(size({ description: 'Member.' }), { description: 'Members.', minItems: 1 }), { description: 'Zones.', names: true });
  assert.equal(Object.entries(resolveField(f, { z2: ['1 B'], z1: ['2 B', '3 B'] }, ['zones'], ctx) ?? {}), [['z2', [1]], ['z1', [2, 3]]]);
  assert.is(resolveField(f, undefined, ['zones'], ctx), undefined);
  assert.is((f.schema as { additionalProperties: { minItems: number } }).additionalProperties.minItems, 1);
});

// Appended on branch declare-c (imports are hoisted).
import { text } from '../sim/foundation/declare.ts';

test('a mandatory field with no bound of its own is required by its object: absent is refused at its path, empty resolves', () => {
  const f = object({ host: text({ description: 'Host.', required: true }), vms: mandatory(named(object({ memory: size({ description: 'Memory.' }) }), { description: 'VMs.' })) });
  assert.equal((f.schema as { required: string[] }).required, ['host', 'vms']);
  let refused: Refused | undefined;
  try { resolveField(f, { host: 'h' }, ['hv'], ctx); } catch (e) { refused = e as Refused; }
  assert.equal(refused?.path, ['hv', 'vms']);
  assert.equal(resolveField(f, { host: 'h', vms: {} }, ['hv'], ctx), { host: 'h', vms: [] });
});

test.run();

// ---- declare-b: optional and exactlyOne -------------------------------------
import { suite } from 'uvu';

const declareB = suite('declare-b');

declareB('optional: a part with required fields may be left out (undefined, not required by the schema); given, its fields are checked', () => {
  const f = object({ replicate: maybe(object({ to: text({ description: 'Target.', required: true }), route: list(text({ description: 'A link.' }), { description: 'Links.', minItems: 1, required: true }) })) });
  assert.is((f.schema as { required?: string[] }).required, undefined, 'replicate is not required');
  assert.equal(resolveField(f, {}, ['v'], ctx), { replicate: undefined });
  assert.equal(resolveField(f, { replicate: { to: 'b', route: ['wan'] } }, ['v'], ctx), { replicate: { to: 'b', route: ['wan'] } });
  const err = (() => { try { resolveField(f, { replicate: { route: ['wan'] } }, ['v'], ctx); } catch (e) { return e as Refused; } return undefined; })();
  assert.equal(err?.path, ['v', 'replicate', 'to']);

  const plex = exactlyOne({ disk: object({ rate: rate({ description: 'Rate.', required: true }) }), network: object({ route: list(text({ description: 'A link.' }), { description: 'Links.', minItems: 1 }) }) });
  const schema = plex.schema as { minProperties: number; maxProperties: number; required?: string[] };
  assert.equal([schema.minProperties, schema.maxProperties, schema.required], [1, 1, undefined]);
  const d = resolveField(plex, { disk: { rate: '100 MB/s' } }, ['p'], ctx);
  assert.equal([d.disk?.rate, d.network], [100e6, undefined]);
  assert.equal(resolveField(plex, { network: { route: ['a'] } }, ['p'], ctx).network, { route: ['a'] });
});

declareB.run();

// ---- declare-p: optional, textList, map, either ----------------------------
import { either, textList } from '../sim/foundation/declare-forms.ts';

const more = suite('declare-p builders');

more('an optional object may be absent though its own fields are required once it is written', () => {
  const f = object({ s: maybe(object({ clients: textList({ description: 'Who.', required: true, minItems: 1 }) })) });
  assert.equal((f.schema as { required?: string[] }).required, undefined, 'the section does not require it');
  assert.equal(resolveField(f, {}, ['p'], ctx), { s: undefined });
  assert.equal(resolveField(f, { s: { clients: ['a'] } }, ['p'], ctx), { s: { clients: ['a'] } });
  try { resolveField(f, { s: {} }, ['p'], ctx); assert.unreachable(); } catch (e) { assert.equal((e as Refused).path, ['p', 's', 'clients']); }
});

more('a list of text keeps its bounds in the schema and its default in the row', () => {
  const f = textList({ description: 'Links crossed.', default: [], unit: 'link names', minItems: 1 });
  assert.equal(f.schema, { type: 'array', items: { type: 'string' }, minItems: 1, description: 'Links crossed. Default none.' });
  assert.equal(f.rows('protocol.route'), [{ name: 'protocol.route', default: 'none', unit: 'link names', source: 'configuration' }]);
  assert.equal(resolveField(f, undefined, [], ctx), []);
  assert.equal(resolveField(f, ['l1'], [], ctx), ['l1']);
});

more('a map resolves each value at its own key path', () => {
  const f = map(size({ description: 'Bytes.', positive: true }), { description: 'Per client.', names: true });
  assert.equal((f.schema as { propertyNames: object }).propertyNames, { $ref: '#/definitions/name' });
  assert.equal(resolveField(f, { a: '1 kB' }, ['d'], ctx), { a: 1000 });
  try { resolveField(f, { a: '0 B' }, ['d'], ctx); assert.unreachable(); } catch (e) { assert.equal((e as Refused).path, ['d', 'a']); }
  assert.equal((map(text({ description: 'Port.' }), { description: 'Ports.' }).schema as { propertyNames: object }).propertyNames, { type: 'string' });
});

more('either resolves through the branch that accepts the written value, and its written default through its branch', () => {
  const f = either([
    { when: (w: unknown) => w === 'after-backup', field: oneOf(['after-backup'], { description: 'After each backup.' }) },
    { when: (w: unknown) => typeof w === 'string', field: duration({ description: 'Interval.', positive: true }) },
  ], { description: 'Replication.', keyword: 'anyOf', default: 'after-backup' });
  assert.ok('anyOf' in f.schema);
  assert.is((f.schema as unknown as { description: string }).description, 'Replication. Default after-backup.');
  assert.is(resolveField(f, undefined, [], ctx), 'after-backup');
  assert.is(resolveField(f, '2 min', [], ctx), 120e9);
  try { resolveField(f, '0 s', ['r'], ctx); assert.unreachable(); } catch (e) { assert.equal((e as Refused).path, ['r']); }
});

more.run();
