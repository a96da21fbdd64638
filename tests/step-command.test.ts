import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { opsOf, stepCommand } from '../sim/engine/step-command.ts';
import { stepSchema } from '../sim/scenario/ops.ts';
import { FAMILIES } from '../sim/registry.ts';
import * as fabrics from '../sim/model/fabrics/commands.ts';
import * as hypervisors from '../sim/model/hypervisors/commands.ts';
import * as libraries from '../sim/model/libraries/commands.ts';
import * as servers from '../sim/model/servers/commands.ts';
import * as storage from '../sim/model/storage/commands.ts';
import * as volumes from '../sim/model/volumes/commands.ts';
import * as vtls from '../sim/model/vtls/commands.ts';
import * as pools from '../sim/model/pools/commands.ts';

const probe = stepCommand('probe.run', {
  description: 'A fixture step.',
  params: {
    host: { kind: 'name', ref: 'host', required: true, description: 'where' },
    bytes: { kind: 'size', required: true, description: 'how much' },
    route: { kind: 'names', ref: 'link', description: 'links' },
    fast: { kind: 'boolean', description: 'hurry' },
  },
}).returns<{ done: number }>();

test('one declaration gives the constructor, the handler\'s op and view, and the step\'s spec', () => {
  assert.equal(probe({ host: 'h', bytes: 5, label: 'p' }), { op: 'probe.run', host: 'h', bytes: 5, label: 'p' });
  assert.is(probe.op, 'probe.run');
  assert.equal(probe.args({ op: 'probe.run', host: 'h', bytes: 1 }).bytes, 1);
  assert.equal(Object.keys(probe.spec.params), ['host', 'bytes', 'route', 'fast']);
  // The arguments are the parameters: required ones required, each of its kind's type.
  const ok = probe({ host: 'h', bytes: 1, route: ['l1'], fast: true });
  void ok;
  // @ts-expect-error: a required parameter left out fails the typecheck
  void probe({ host: 'h' });
  // @ts-expect-error: a size is a number once resolved
  void probe({ host: 'h', bytes: '5 GB' });
  // @ts-expect-error: a parameter the spec does not declare
  void probe({ host: 'h', bytes: 1, colour: 'red' });
});

test('the job-step schema comes from the same declaration, in its parameter order', () => {
  const s = stepSchema(opsOf([probe])['probe.run']) as { required: string[]; properties: Record<string, unknown> };
  assert.equal(s.required, ['host', 'bytes']);
  assert.equal(Object.keys(s.properties), ['host', 'bytes', 'route', 'fast']);
  assert.equal(Object.keys(opsOf([probe, stepCommand('a.b', { description: '', params: {} }).returns()])), ['probe.run', 'a.b'], 'the table keeps the order given');
});

test('every family op is the spec of one of its step commands, not a second copy', () => {
  const kinds = [fabrics, hypervisors, libraries, servers, storage, volumes, vtls, pools].flatMap((m) => Object.values(m) as { op?: string; spec?: object }[]);
  let seen = 0;
  for (const f of FAMILIES) {
    for (const [op, spec] of Object.entries(f.ops)) {
      const k = kinds.find((c) => c.op === op);
      assert.ok(k !== undefined && k.spec === spec, `${f.key}: ${op} is not declared by a step command`);
      seen++;
    }
  }
  assert.ok(seen >= 30, `families' ops: ${seen}`);
});

test.run();
