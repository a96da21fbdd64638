import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LAYERS, importsAgainstLayers, layerOf } from './support/layers.ts';

const root = resolve(new URL('..', import.meta.url).pathname);

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(join(root, p)).isDirectory()) return sources(p);
    return /\.(ts|mjs)$/.test(n) && !n.endsWith('.d.ts') ? [p] : [];
  });
}
const files = ['sim', 'reports', 'viz'].flatMap(sources);

test('every source file under sim/, reports/ and viz/ belongs to a layer', () => {
  assert.equal(files.filter((f) => layerOf(f) === undefined), []);
});

test('no import runs against the layers (ARCHITECTURE.md, "Layers")', () => {
  const wrong = files.flatMap((f) => importsAgainstLayers(f, readFileSync(join(root, f), 'utf8')));
  assert.equal(wrong, []);
});

test('the rule catches an import against the direction: the engine importing a tape library, foundation importing the engine', () => {
  const engine = "import { TapeLibrary } from '../model/libraries/tape-library.ts';\nimport { Heap } from '../net/heap.ts';\n";
  assert.equal(importsAgainstLayers('sim/engine/kernel.ts', engine), ["sim/engine/kernel.ts imports sim/model/libraries/tape-library.ts: engine may not import model"]);
  const foundation = "import type { Kernel } from '../engine/kernel.ts';\n";
  assert.equal(importsAgainstLayers('sim/foundation/units.ts', foundation), ['sim/foundation/units.ts imports sim/engine/kernel.ts: foundation may not import engine']);
  const dynamic = "const m = await import('../../scenario/run.ts');\n";
  assert.equal(importsAgainstLayers('sim/protocols/lanfree/client.ts', dynamic).length, 1, 'a dynamic import counts too');
});

test('each layer names only layers that exist', () => {
  const names = new Set(LAYERS.map((l) => l.name));
  for (const l of LAYERS) for (const d of l.may) assert.ok(names.has(d), `${l.name} may import ${d}`);
});

test.run();
