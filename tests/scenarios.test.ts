import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';

// Every file a user finds in scenarios/ must load, run and pass its own checks, in every variant: they are the
// examples people copy, and `npm start` runs one of them.
const dir = new URL('../scenarios/', import.meta.url);
const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f) && f !== 'schema.json').sort();

test('there are bundled scenarios, the flagship among them', () => {
  assert.ok(files.includes('lan-vs-lanfree.yaml'));
});

for (const f of files) {
  test(`scenarios/${f} passes its checks in every variant`, () => {
    const text = readFileSync(new URL(f, dir), 'utf8');
    const base = loadScenario(`scenarios/${f}`, text);
    for (const variant of [undefined, ...base.variants]) {
      const r = runScenario(variant === undefined ? base : loadScenario(`scenarios/${f}`, text, { variant }));
      const failed = r.checks.filter((c) => !c.pass).map((c) => `${c.check} (measured ${c.measured})`);
      assert.equal(failed, [], `${f}${variant ? ` [${variant}]` : ''}`);
      assert.ok(r.checks.length > 0, `${f} states what must hold`);
    }
  });
}

test.run();
