/**
 * A scenario file as text and as a plain document, with the position of every
 * field, so an error can say `file:line:col  field.path`. Positions come from
 * the YAML parser for both formats (YAML 1.2 is a superset of JSON); a JSON
 * file is read with JSON.parse, many times faster on big generated files, and
 * parsed for positions only when an error needs one.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { ScenarioError } from '../foundation/errors.ts';
import type { Path } from '../foundation/path.ts';

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

export function parseScenarioText(file: string, text: string): ScenarioSource {
  const json = /\.json$/i.test(file);
  const depth = bracketDepth(text);
  if (depth > MAX_DEPTH) throw new ScenarioError(file, '', `nested ${depth} levels deep; a scenario needs a handful, and more than ${MAX_DEPTH} is refused`);
  const doc = json ? parseJson(file, text) : undefined;
  let parsed: ReturnType<typeof parseYaml> | undefined = json ? undefined : parseYaml(file, text);
  const positions = () => (parsed ??= parseYaml(file, text));
  return {
    file,
    doc: json ? doc : parsed!.doc.toJS({ maxAliasCount: 100 }),
    position(path) {
      let found: ReturnType<typeof parseYaml>;
      try { found = positions(); } catch { return undefined; } // e.g. JSON with a repeated key, which JSON.parse allows
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

function parseYaml(file: string, text: string) {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const at = lines.linePos(e.pos[0]);
    throw new ScenarioError(`${file}:${at.line}:${at.col}`, '', `cannot be read as ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${e.message.split('\n')[0]}`);
  }
  return { doc, lines };
}

/**
 * JSON's own verdict (YAML would read some broken JSON as YAML). JSON tells
 * where it broke only inside its message's words, so the position comes from
 * the YAML parser in its JSON schema, which finds the same fault with a line
 * and column (all but a trailing comma, which only JSON refuses).
 */
function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const lines = new LineCounter();
    const fault = parseDocument(text, { lineCounter: lines, schema: 'json', prettyErrors: false }).errors[0];
    const at = fault === undefined ? undefined : lines.linePos(fault.pos[0]);
    const where = at === undefined ? file : `${file}:${at.line}:${at.col}`;
    throw new ScenarioError(where, '', `cannot be read as JSON: ${(e as Error).message.split('\n')[0]}`);
  }
}
