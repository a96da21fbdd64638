/**
 * A scenario file as text and as a plain document, with the position of every
 * field, so an error can say `file:line:col  field.path`. JSON is read by the
 * YAML parser too (YAML 1.2 is a superset of JSON), which gives both formats
 * positions from one code path.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { ScenarioError } from './errors.ts';

export type Path = (string | number)[];

export interface ScenarioSource {
  file: string;
  doc: unknown;
  /** Line and column (1-based) of the value at a path, if the file has it. */
  position(path: Path): { line: number; col: number } | undefined;
}

export function parseScenarioText(file: string, text: string): ScenarioSource {
  if (/\.json$/i.test(file)) checkJsonSyntax(file, text);
  const lines = new LineCounter();
  const parsed = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0];
    const at = lines.linePos(e.pos[0]);
    throw new ScenarioError(`${file}:${at.line}:${at.col}`, '', `cannot be read as ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${e.message.split('\n')[0]}`);
  }
  const doc = parsed.toJS({ maxAliasCount: 100 }) as unknown;
  return {
    file,
    doc,
    position(path) {
      // A field's name, or a list item itself; a field that is not there points at its parent.
      let node: unknown = parsed.contents;
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

/** YAML reads some broken JSON as YAML; a .json file gets JSON's own verdict first. */
function checkJsonSyntax(file: string, text: string): void {
  try {
    JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = Number(/position (\d+)/.exec(msg)?.[1] ?? text.length);
    const before = text.slice(0, pos).split('\n');
    throw new ScenarioError(`${file}:${before.length}:${before[before.length - 1].length + 1}`, '', `cannot be read as JSON: ${msg.replace(/ in JSON at position \d+.*$/, '')}`);
  }
}

/** `topology.links.l1.bandwidth`, `faults[2].at` */
export function formatPath(path: Path): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s === '' ? k : `.${k}`;
  return s;
}

/** The inverse of formatPath, for --set. */
export function parsePath(text: string): Path {
  const path: Path = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(text)) !== null) {
    const between = text.slice(last, m.index);
    if (between !== '' && between !== '.') throw new Error(`'${text}' is not a field path (write it like topology.links.l1.bandwidth or faults[0].at)`);
    path.push(m[2] !== undefined ? Number(m[2]) : m[1]);
    last = re.lastIndex;
  }
  if (path.length === 0 || last !== text.length) throw new Error(`'${text}' is not a field path (write it like topology.links.l1.bandwidth or faults[0].at)`);
  return path;
}
