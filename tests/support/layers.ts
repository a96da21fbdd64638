/**
 * The layers of backlab and which may import which: the rule ARCHITECTURE.md
 * states, as data the layer test reads. A layer is a folder (or one file);
 * the most specific match wins. Imports of packages are not checked.
 */
import { dirname, join, normalize } from 'node:path';

export interface Layer {
  name: string;
  /** path prefixes, from the repository root */
  paths: string[];
  /** the layers this one may import, besides itself */
  may: string[];
}

export const LAYERS: Layer[] = [
  { name: 'foundation', paths: ['sim/foundation/'], may: [] },
  { name: 'trace', paths: ['sim/trace/'], may: ['foundation'] },
  { name: 'net', paths: ['sim/net/'], may: ['foundation', 'trace'] },
  { name: 'engine', paths: ['sim/engine/'], may: ['foundation', 'trace', 'net'] },
  { name: 'model', paths: ['sim/model/'], may: ['foundation', 'trace', 'net', 'engine'] },
  { name: 'protocols', paths: ['sim/protocols/'], may: ['foundation', 'trace', 'net', 'engine', 'model'] },
  { name: 'registry', paths: ['sim/registry.ts'], may: ['foundation', 'net', 'engine', 'model', 'protocols'] },
  { name: 'workers', paths: ['sim/workers/'], may: ['foundation', 'trace', 'net', 'engine', 'registry'] },
  { name: 'scenario', paths: ['sim/scenario/'], may: ['foundation', 'trace', 'net', 'engine', 'model', 'protocols', 'registry'] },
  { name: 'fuzz', paths: ['sim/fuzz/'], may: ['foundation', 'trace', 'net', 'engine', 'model', 'protocols', 'registry', 'workers', 'scenario'] },
  { name: 'docs', paths: ['sim/docs/'], may: ['foundation', 'model', 'protocols', 'registry'] },
  { name: 'reports', paths: ['reports/'], may: ['foundation', 'trace', 'engine'] },
  { name: 'cli', paths: ['sim/cli/', 'sim/cli.ts'], may: ['foundation', 'trace', 'net', 'engine', 'model', 'protocols', 'registry', 'workers', 'scenario', 'fuzz', 'reports'] },
  { name: 'viz', paths: ['viz/'], may: ['foundation', 'trace', 'engine', 'registry', 'workers', 'scenario', 'reports'] },
];

export function layerOf(file: string): Layer | undefined {
  let best: Layer | undefined;
  let len = -1;
  for (const l of LAYERS) for (const p of l.paths) if (file.startsWith(p) && p.length > len) { best = l; len = p.length; }
  return best;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|new URL\(\s*['"](\.[^'"]+)['"]\s*,\s*import\.meta\.url/g;

/** The imports of `file` (its text given) that run against the layers, as sentences. */
export function importsAgainstLayers(file: string, text: string): string[] {
  const from = layerOf(file);
  if (from === undefined) return [];
  const wrong: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = (m[1] ?? m[2] ?? m[3]).replace(/\?.*$/, '');
    if (!spec.startsWith('.')) continue;
    const target = normalize(join(dirname(file), spec));
    const to = layerOf(target);
    if (to === undefined || to === from || from.may.includes(to.name)) continue;
    wrong.push(`${file} imports ${target}: ${from.name} may not import ${to.name}`);
  }
  return wrong;
}
