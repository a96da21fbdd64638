import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { buildSchema } from '../sim/scenario/schema.ts';
import { modelReadme } from '../sim/docs/model-readme.ts';
import { protocolsReadme } from '../sim/docs/protocols-readme.ts';
import { validatorSource } from '../sim/scenario/validator-source.ts';
import { ScenarioError } from '../sim/foundation/errors.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';

test('scenarios/schema.json is the schema the loader checks against (run `npm run schema` after changing it)', () => {
  const committed = JSON.parse(readFileSync(new URL('../scenarios/schema.json', import.meta.url), 'utf8'));
  assert.equal(committed, buildSchema());
});

test('sim/model/README.md lists every family parameter as the code has it (run `npm run schema`)', () => {
  assert.is(readFileSync(new URL('../sim/model/README.md', import.meta.url), 'utf8'), modelReadme());
});

test('sim/protocols/README.md lists every protocol parameter and metric as the code has it (run `npm run schema`)', () => {
  assert.is(readFileSync(new URL('../sim/protocols/README.md', import.meta.url), 'utf8'), protocolsReadme());
});

test('sim/scenario/schema-validator.js is ajv\'s code for today\'s schema (run `npm run schema`), and checks quantities\' range too', () => {
  assert.is(readFileSync(new URL('../sim/scenario/schema-validator.js', import.meta.url), 'utf8'), validatorSource());
  const text = readFileSync(new URL('../scenarios/parking-lot.yaml', import.meta.url), 'utf8');
  assert.throws(() => loadScenario('p.yaml', text.replace('bytes: 1 GB', 'bytes: 1e400 GB')), (e: unknown) => e instanceof ScenarioError && e.path === 'workload.flows.A.bytes' && !/not a quantity/.test(e.expected));
});

test('every job step op has a schema entry, and ops with a short form take the bare value', () => {
  const step = (buildSchema().definitions as Record<string, any>).step;
  assert.ok(step.properties.transfer.required.includes('route'));
  assert.equal(step.properties.sleep.$ref, '#/definitions/duration');
});

test.run();
