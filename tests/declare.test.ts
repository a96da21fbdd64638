import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { duration, integer, named, object, oneOf, rate, resolveField, size, type FieldContext } from '../sim/foundation/declare.ts';
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

test.run();

// ---- declare-p: optional, textList, map, either ----------------------------
import { suite } from 'uvu';
import { either, map, optional, text, textList } from '../sim/foundation/declare.ts';

const more = suite('declare-p builders');

more('an optional object may be absent though its own fields are required once it is written', () => {
  const f = object({ s: optional(object({ clients: textList({ description: 'Who.', required: true, minItems: 1 }) })) });
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
