/**
 * Changing a scenario document before it is checked: `--set path=value`
 * overrides and variants. Both act on the plain document, so the checks that
 * follow see the changed scenario and name the changed field if it is wrong.
 */
import { formatPath, parsePath, type Path } from '../foundation/path.ts';
import { parse as parseYaml } from 'yaml';

export interface Setting {
  path: Path;
  /** as typed, for reports */
  text: string;
  value: unknown;
}

/** `topology.links.l1.bandwidth=1 GB/s`; the value is read as YAML, so 5 is a number and [a, b] a list. */
export function parseSetting(arg: string): Setting {
  const eq = arg.indexOf('=');
  if (eq <= 0) throw new Error(`--set needs path=value, got '${arg}'`);
  const pathText = arg.slice(0, eq).trim();
  const raw = arg.slice(eq + 1).trim();
  let value: unknown;
  try {
    value = parseYaml(raw);
  } catch {
    value = raw;
  }
  const path = parsePath(pathText);
  const bad = path.find((k) => typeof k === 'string' && OBJECT_MACHINERY.has(k));
  if (bad !== undefined) throw new Error(`--set ${pathText}: '${bad}' is not a scenario field (it names JavaScript's object machinery, which --set must not reach)`);
  return { path, text: `${pathText}=${raw}`, value };
}

/** Names that would reach Object.prototype through a plain assignment. */
const OBJECT_MACHINERY = new Set(['__proto__', 'constructor', 'prototype']);

/** A --set that cannot land where it says: the path through the document it stopped at, and why. */
export class SettingError extends Error {
  constructor(readonly at: string, message: string) { super(message); }
}

/**
 * A list entry is reached by its index, and only an existing one or the next:
 * a field name on a list (`faults.at`) would become a property the scenario
 * never reads, and a far index a list with holes, both silently.
 */
function checkListStep(node: unknown, k: string | number, s: Setting, i: number): void {
  if (!Array.isArray(node)) return;
  const at = formatPath(s.path.slice(0, i)) || '(top level)';
  const index = typeof k === 'number' ? k : /^[0-9]+$/.test(k) ? Number(k) : undefined;
  if (index === undefined) throw new SettingError(at, `--set ${s.text}: ${at} is a list of ${node.length}; name an entry by its index (${at}.0.${formatPath(s.path.slice(i))}), not by field`);
  if (index > node.length) throw new SettingError(at, `--set ${s.text}: ${at} has ${node.length} ${node.length === 1 ? 'entry' : 'entries'} (index 0${node.length > 1 ? `..${node.length - 1}` : ''}); ${index} is past its end (${node.length} adds one)`);
}

/** A copy of doc with value placed at path, creating objects along the way. */
export function applySetting(doc: unknown, s: Setting): unknown {
  const root = structuredClone(doc) as Record<string | number, unknown>;
  if (typeof root !== 'object' || root === null) return root; // not a scenario at all: the schema says so
  let node: Record<string | number, unknown> = root;
  for (let i = 0; i < s.path.length - 1; i++) {
    const k = s.path[i];
    checkListStep(node, k, s, i);
    const next = Object.hasOwn(node, k) ? node[k] : undefined;
    if (typeof next !== 'object' || next === null) node[k] = typeof s.path[i + 1] === 'number' ? [] : {};
    node = node[k] as Record<string | number, unknown>;
  }
  checkListStep(node, s.path[s.path.length - 1], s, s.path.length - 1);
  setOwn(node, s.path[s.path.length - 1], s.value);
  return root;
}

/** Objects merge key by key; anything else in `over` replaces what `base` had. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return structuredClone(over);
  const out: Record<string, unknown> = { ...structuredClone(base) };
  for (const [k, v] of Object.entries(over)) setOwn(out, k, Object.hasOwn(out, k) ? deepMerge(out[k], v) : structuredClone(v));
  return out;
}

/** An own field even when it is named __proto__ (the schema then refuses it as unknown, rather than it becoming a prototype). */
function setOwn(obj: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
