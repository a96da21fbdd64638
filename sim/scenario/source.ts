/**
 * A scenario file as text and as a plain document, with the position of every
 * field, so an error can say `file:line:col  field.path`. Positions come from
 * the YAML parser for both formats (YAML 1.2 is a superset of JSON); a JSON
 * file is read with JSON.parse, many times faster on big generated files, and
 * parsed for positions only when an error needs one.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { ScenarioError } from '../foundation/errors.ts';
import type { Path } from '../foundation/path.ts';
import { jsonFault } from './json-syntax.ts';

export interface ScenarioSource {
  file: string;
  doc: unknown;
  /** Line and column (1-based) of the value at a path, if the file has it. */
  position(path: Path): { line: number; col: number } | undefined;
}

/**
 * Deeper than any scenario needs, and shallow enough that the YAML parser
 * (which a JSON file also meets when an error needs a position) never
 * exhausts memory on thousands of nested brackets.
 */
const MAX_DEPTH = 64;

/**
 * The most values (scalars, lists, maps) a YAML document may hold once its
 * aliases are expanded. A thousand-partition generated scenario holds tens of
 * thousands; a "billion laughs" file, nine anchors each aliasing the last
 * ten times, holds a billion and exhausts memory. The budget is on the
 * expanded size, not on how often an anchor is used, so a file that names
 * one anchor hundreds of times is fine.
 */
const MAX_VALUES = 2_000_000;

export function parseScenarioText(file: string, text: string): ScenarioSource {
  const json = /\.json$/i.test(file);
  const depth = bracketDepth(text);
  if (depth > MAX_DEPTH) throw new ScenarioError(file, '', `nested ${depth} levels deep; a scenario needs a handful, and more than ${MAX_DEPTH} is refused`);
  const doc = json ? parseJson(file, text) : undefined;
  let parsed: ReturnType<typeof parseYaml> | undefined = json ? undefined : parseYaml(file, text);
  const positions = () => (parsed ??= parseYaml(file, text));
  return {
    file,
    doc: json ? doc : expanded(file, parsed!.doc.toJS({ maxAliasCount: -1 })),
    position(path) {
      let found: ReturnType<typeof parseYaml>;
      try { found = positions(); } catch { return undefined; } // JSON the YAML parser reads otherwise: no position, the file is still named
      const { doc: yamlDoc, lines } = found;
      // A field's name, or a list item itself; a field that is not there points at its parent.
      let node: unknown = yamlDoc.contents;
      let at: Node | null | undefined = node as Node;
      for (const key of path) {
        if (isMap(node)) {
          const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
          if (pair === undefined) break;
          at = pair.key as Node;
          node = pair.value;
        } else if (isSeq(node) && typeof key === 'number' && key < node.items.length) {
          node = node.items[key];
          at = node as Node;
        } else break;
      }
      const range = at?.range;
      if (!range) return undefined;
      const p = lines.linePos(range[0]);
      return { line: p.line, col: p.col };
    },
  };
}

/** The deepest nesting of [ ] and { } outside quoted strings (comments may hold brackets: an overestimate errs on the safe side). */
function bracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== '') {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"') quote = c;
    else if (c === '[' || c === '{') max = Math.max(max, ++depth);
    else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return max;
}

/**
 * The first key given twice in one map, by a set per map: the parser's own
 * check (uniqueKeys) compares each key with every earlier one, and a
 * generated scenario of 16,000 flows then spent 5 s in it, 100,000 minutes.
 * Keys compare as the parser compares them: scalars by value, others by node.
 */
function repeatedKey(doc: Document): Node | undefined {
  let found: Node | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        const k = isScalar(key) ? key.value : key;
        if (seen.has(k)) { found = key as Node; return visit.BREAK; }
        seen.add(k);
      }
      return undefined;
    },
  });
  return found;
}

function parseYaml(file: string, text: string) {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  // An unknown tag (`!foo 5`) would otherwise be dropped without a word and its value read as plain text.
  const e = doc.errors[0] ?? doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED') ?? duplicate(repeatedKey(doc));
  if (e !== undefined) {
    const at = lines.linePos(e.pos[0]);
    const why = e.code === 'TAG_RESOLVE_FAILED' ? `${e.message.split('\n')[0]}; a scenario uses no tags but YAML's own (!!str, !!int, ...)` : e.message.split('\n')[0];
    throw new ScenarioError(`${file}:${at.line}:${at.col}`, '', `cannot be read as ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${why}`);
  }
  return { doc, lines };
}

/** A repeated key as the parser reports an error: where the second one starts, in the words of the JSON check. */
const duplicate = (key: Node | undefined) =>
  key?.range ? { pos: [key.range[0]], code: 'DUPLICATE_KEY', message: `the field ${JSON.stringify(String(isScalar(key) ? key.value : key))} is given twice` } : undefined;

/**
 * The document as a tree: toJS gives an alias the anchor's own object, so a
 * --set through one alias would change every place that names it, and a walk
 * over the shared parts (the schema check, a deep copy) would take time
 * exponential in the file's size. Copying counts the values as it goes.
 */
function expanded(file: string, doc: unknown): unknown {
  let values = 0;
  const copy = (v: unknown, depth: number): unknown => {
    if (++values > MAX_VALUES) throw new ScenarioError(file, '', `its aliases expand to more than ${MAX_VALUES.toLocaleString('en-US')} values; a scenario needs far fewer (an anchor may be named any number of times, but not expand without bound, as in a "billion laughs" file)`);
    if (depth > MAX_DEPTH) throw new ScenarioError(file, '', `nested more than ${MAX_DEPTH} levels deep; a scenario needs a handful`);
    if (Array.isArray(v)) return v.map((x) => copy(x, depth + 1));
    if (typeof v !== 'object' || v === null || !isPlain(v)) return v;
    const out: Record<string, unknown> = {};
    // defineProperty, not assignment: a field named __proto__ stays a field (the schema refuses it) instead of becoming a prototype.
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: copy(x, depth + 1), writable: true, enumerable: true, configurable: true });
    return out;
  };
  return copy(doc, 0);
}

function isPlain(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * JSON's own grammar (YAML would read some broken JSON as YAML), checked by
 * json-syntax.ts first: JSON.parse gives no position for most faults and
 * keeps the last of a repeated key without a word.
 */
function parseJson(file: string, text: string): unknown {
  const fault = jsonFault(text);
  if (fault !== undefined) {
    const at = linePos(text, fault.offset);
    throw new ScenarioError(`${file}:${at.line}:${at.col}`, '', `cannot be read as JSON: ${fault.message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ScenarioError(file, '', `cannot be read as JSON: ${oneLine(String(e))}`);
  }
}

/** A message with its line breaks as spaces: V8 quotes the JSON text, raw newlines and all. */
function oneLine(message: string): string {
  return message.split(/\s+/).join(' ');
}

/** 1-based line and column of an offset. */
function linePos(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) { line++; start = i + 1; }
  return { line, col: offset - start + 1 };
}
