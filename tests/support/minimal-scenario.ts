/**
 * A protocol's minimal scenario, derived from its declaration rather than
 * written by hand, so a protocol added tomorrow is covered: a bundled
 * scenario's topology, and of its protocol section only what the section's
 * schema requires (entries of named maps, such as backups, are the user's
 * choice of what to run, so they stay, each cut to its own required fields).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Protocol } from '../../sim/protocols/protocol.ts';
import { protocolSchema } from '../../sim/protocols/protocol.ts';

type Doc = Record<string, unknown>;
interface Schema { properties?: Record<string, Schema>; required?: string[]; items?: Schema; additionalProperties?: Schema | boolean }

const SCENARIOS = new URL('../../scenarios/', import.meta.url).pathname;

/** `value` cut to what `schema` requires, recursively. */
export function required(schema: Schema | undefined, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || schema === undefined) return value;
  if (Array.isArray(value)) return schema.items === undefined ? value : value.map((x) => required(schema.items, x));
  const entries = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  if (schema.properties === undefined) return entries === undefined ? value : Object.fromEntries(Object.entries(value).map(([k, x]) => [k, required(entries, x)]));
  const need = new Set(schema.required ?? []);
  const isMap = (s: Schema | undefined) => typeof s?.additionalProperties === 'object' && s.additionalProperties.properties !== undefined;
  return Object.fromEntries(Object.entries(value).filter(([k]) => need.has(k) || isMap(schema.properties![k])).map(([k, x]) => [k, required(schema.properties![k], x)]));
}

/** The smallest bundled scenario that runs `p`, as a document. */
export function bundledFor(p: Protocol): { file: string; doc: Doc } | undefined {
  return readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml')).sort()
    .map((file) => ({ file, text: readFileSync(SCENARIOS + file, 'utf8') }))
    .map(({ file, text }) => ({ file, size: text.length, doc: parse(text) as Doc }))
    .filter((x) => (x.doc.protocol as Doc | undefined)?.name === p.name)
    .sort((a, b) => a.size - b.size)[0];
}

/** The minimal document: the bundled topology (and clock), the protocol's required fields, plus `extra` fields of the bundled section. */
export function minimalScenario(p: Protocol, bundled: Doc, extra: readonly string[] = []): Doc {
  const { properties, required: need } = protocolSchema(p);
  const section = bundled.protocol as Doc;
  const schema: Schema = { properties: properties as Record<string, Schema>, required: [...need, ...extra] };
  return {
    name: `${p.name} with only its required fields`,
    ...(bundled.seed === undefined ? {} : { seed: bundled.seed }),
    ...(bundled.until === undefined ? {} : { until: bundled.until }),
    topology: bundled.topology,
    protocol: { name: p.name, ...(required(schema, section) as Doc) },
  };
}

/** The optional fields of the bundled section, in declaration order: what a refusal may ask back. */
export function optionalGiven(p: Protocol, bundled: Doc, kept: Doc): string[] {
  const section = bundled.protocol as Doc;
  return Object.keys(protocolSchema(p).properties).filter((k) => k in section && !(k in kept));
}
