import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';

// Every file a user finds in scenarios/ must load, run and pass its own checks: they are the examples people copy,
// and `npm start` runs one of them. Its variants must load and run; a variant may miss the base's checks, since
// showing which design misses an objective (a copy window, an RPO) is what a comparison is for.
const dir = new URL('../scenarios/', import.meta.url);
const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f) && f !== 'schema.json').sort();

test('there are bundled scenarios, the flagship among them', () => {
  assert.ok(files.includes('lan-vs-lanfree.yaml'));
});

for (const f of files) {
  test(`scenarios/${f} passes its checks, and each of its variants runs`, () => {
    const text = readFileSync(new URL(f, dir), 'utf8');
    const base = loadScenario(`scenarios/${f}`, text);
    const r = runScenario(base);
    assert.equal(r.checks.filter((c) => !c.pass).map((c) => `${c.check} (measured ${c.measured})`), [], f);
    assert.ok(r.checks.length > 0, `${f} states what must hold`);
    for (const variant of base.variants) {
      const v = runScenario(loadScenario(`scenarios/${f}`, text, { variant }));
      assert.ok(v.events > 0, `${f} [${variant}] runs`);
    }
  });
}

test.run();
