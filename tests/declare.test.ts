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

// ---- declare-b: optional and exactlyOne -------------------------------------
import { suite } from 'uvu';
import { exactlyOne, list, optional, text } from '../sim/foundation/declare.ts';

const declareB = suite('declare-b');

declareB('optional: a part with required fields may be left out (undefined, not required by the schema); given, its fields are checked', () => {
  const f = object({ replicate: optional(object({ to: text({ description: 'Target.', required: true }), route: list(text({ description: 'A link.' }), { description: 'Links.', minItems: 1, required: true }) })) });
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
