/**
 * Checks a scenario document against the scenario schema (schema.ts), with
 * the validator ajv compiled from it ahead of time (validator-source.ts), and turns
 * its problems, in reading order, into plain sentences: the field path, what
 * was expected, and for quantities how to write one. The first is the
 * error's field; the others (up to MAX_LISTED) follow it, each at its line.
 */
import type { Path } from '../foundation/path.ts';
import { formatPath } from '../foundation/path.ts';
import type { ErrorObject } from 'ajv';
import validateDoc from './schema-validator.js';
import { quantityProblem } from './quantity-check.ts';
import { ScenarioError } from '../foundation/errors.ts';
import type { ScenarioSource } from './source.ts';

import { parseDuration, parseRate, parseSize } from '../foundation/units.ts';
import { OUTPUT_NAME_PATTERN, outputNameRule } from '../foundation/output-name.ts';

const QUANTITY: Record<string, (x: unknown) => number> = {
  '/definitions/rate/': parseRate,
  '/definitions/size/': parseSize,
  '/definitions/duration/': parseDuration,
};
/** A bare number where a quantity belongs: how to write it with its unit. */
const WITH_UNIT: Record<string, (n: string) => string> = {
  '/definitions/rate/': (n) => `a rate needs its unit: write "${n} MB/s", "${n} Gb/s" or "${n} B/s"`,
  '/definitions/size/': (n) => `a size needs its unit: write "${n} B", "${n} MB" or "${n} GB"`,
  '/definitions/duration/': (n) => `a duration needs its unit: write "${n} s", "${n} ms" or "${n} min"`,
};
/** Problems listed after the first; past this, only their number. */
const MAX_LISTED = 20;

export function validateScenario(src: ScenarioSource, where: (path: Path) => string): void {
  if (validateDoc(src.doc)) return;
  // An if/then failure (a protocol's section) only says its `then` failed; the failures inside are listed too.
  const errors = validateDoc.errors ?? [];
  // A bad property name also fails the name's own schema (e.propertyName): the propertyNames error says it better.
  // A value no branch of an anyOf takes (a step's bytes: a size or `data`) fails each branch too: the branch that says why (not a size) is enough.
  const branched = (e: ErrorObject) => (e.keyword === 'anyOf' || e.keyword === 'const') && errors.some((o) => o.instancePath === e.instancePath && o.keyword !== 'anyOf' && o.keyword !== 'const');
  const problems = errors.filter((e) => (e.keyword !== 'if' || errors.length === 1) && e.propertyName === undefined && !branched(e)).map((e) => describe(e, pointerToPath(src.doc, e.instancePath)));
  // The first problem as the reader meets them in the file; ties keep ajv's order.
  const keyed = problems.map((p, i) => {
    const pos = src.position(p.path);
    return { p, i, key: pos ? pos.line * 1e6 + pos.col : Infinity };
  });
  keyed.sort((a, b) => a.key - b.key || b.p.path.length - a.p.path.length || a.i - b.i);
  const seen = new Set<string>();
  const distinct = keyed.map((k) => k.p).filter((p) => {
    const id = `${formatPath(p.path)}: ${p.expected}`;
    return !seen.has(id) && seen.add(id) !== undefined;
  });
  const [first, ...rest] = distinct;
  const listed = rest.slice(0, MAX_LISTED).map((p) => `\n${where(p.path)}  ${formatPath(p.path) || '(top level)'}\n  ${p.expected}`).join('');
  const unlisted = rest.length - Math.min(rest.length, MAX_LISTED);
  const tail = rest.length === 0 ? '' : `\nand ${rest.length} more problem${rest.length > 1 ? 's' : ''}:${listed}${unlisted > 0 ? `\n... and ${unlisted} more` : ''}`;
  throw new ScenarioError(where(first.path), formatPath(first.path), first.expected + tail);
}

/** A JSON pointer as a path; a segment is a list index only where the document has a list. */
function pointerToPath(doc: unknown, pointer: string): Path {
  const path: Path = [];
  let node = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const step = Array.isArray(node) ? Number(key) : key;
    path.push(step);
    node = (node as Record<string | number, unknown> | undefined)?.[step];
  }
  return path;
}

function describe(e: ErrorObject, path: Path): { path: Path; expected: string } {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { path, expected: `missing field '${p.missingProperty}'` };
    case 'backlabQuantity':
      return { path, expected: quantityProblem(String(e.schema), String(e.data)) ?? 'not a quantity' };
    case 'additionalProperties': {
      const allowed = Object.keys((e.parentSchema as { properties?: object }).properties ?? {}).filter((k) => k !== '$schema');
      return { path: [...path, String(p.additionalProperty)], expected: `unknown field '${p.additionalProperty}'; expected one of: ${allowed.join(', ')}` };
    }
    case 'propertyNames': {
      const rule = (e.schema as { pattern?: string }).pattern === OUTPUT_NAME_PATTERN
        ? `it names a report folder: ${outputNameRule()}`
        : nameRule(String(p.propertyName));
      return { path: [...path, String(p.propertyName)], expected: `'${p.propertyName}' is not a usable name: ${rule}` };
    }
    case 'type': {
      const quantity = Object.keys(WITH_UNIT).find((ref) => e.schemaPath.includes(ref));
      if (quantity !== undefined && typeof e.data === 'number' && Number.isFinite(e.data)) return { path, expected: `${show(e.data)} has no unit: ${WITH_UNIT[quantity](show(e.data))}` };
      return { path, expected: `expected ${article(String(p.type))}, got ${show(e.data)}` };
    }
    case 'pattern': {
      for (const [ref, parse] of Object.entries(QUANTITY)) {
        if (e.schemaPath.includes(ref)) {
          try { parse(e.data); } catch (err) { return { path, expected: (err as Error).message }; }
        }
      }
      if (e.schemaPath.includes('/definitions/name/') && typeof e.data === 'string') return { path, expected: `'${e.data}' is not a usable name: ${nameRule(e.data)}` };
      if (path[0] === 'checks') return { path, expected: `${show(e.data)} is not a check. Write a metric, a comparison and a value, such as "makespan < 8 h" or "bytes_lost == 0".` };
      return { path, expected: `${show(e.data)} does not match ${p.pattern}` };
    }
    case 'enum':
      return { path, expected: `expected one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}; got ${show(e.data)}` };
    case 'minItems':
      return { path, expected: `expected at least ${p.limit} item${p.limit === 1 ? '' : 's'}` };
    case 'maxItems':
      return { path, expected: `expected at most ${p.limit} items` };
    default:
      return { path, expected: `${e.message ?? 'invalid'}${e.data !== undefined ? `, got ${show(e.data)}` : ''}` };
  }
}

/**
 * What a name may hold, and the name to write instead of the one given: a
 * SimGrid platform's 'client0->server' becomes 'client0-server'.
 */
function nameRule(bad: string): string {
  const instead = bad.replace(/[^A-Za-z0-9_.:-]+/g, '-').replace(/-{2,}/g, '-').replace(/^[.:-]+/, '').replace(/-+$/, '');
  const hint = instead !== '' && instead !== bad ? `; write '${instead}' instead` : '';
  return `use letters, digits and _ . : - (not starting with . : -)${hint}`;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** A value as the message quotes it: JSON, cut short, and never a stack overflow on a deeply nested one. */
function show(value: unknown): string {
  let text: string;
  try {
    // JSON has no Infinity or NaN: it would print them as null, which is not what the file says.
    const plain = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v);
    text = typeof value === 'number' ? String(value) : JSON.stringify(value, plain) ?? String(value);
  } catch {
    return 'a value nested too deeply to print';
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
