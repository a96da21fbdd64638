/**
 * Every registered protocol runs with only its required fields, its
 * documented defaults filling the rest (issue 20: consistentsnap's default
 * `route: []` passed validate, then crashed the run). The document is derived
 * from the protocol's declaration (tests/support/minimal-scenario.ts), run
 * through the real command, and must end with exit 0 and the protocol's
 * jobs. A field the protocol needs only in some configurations (lanfree's
 * shared design needs its LAN-free servers) may be given back, but only when
 * the command refused without it as bad input: exit 2, naming the file and
 * the field, no stack trace.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { PROTOCOLS } from '../sim/registry.ts';
import { bundledFor, minimalScenario, optionalGiven } from './support/minimal-scenario.ts';

const bin = new URL('../bin/backlab.mjs', import.meta.url).pathname;
const { FORCE_COLOR: _force, ...env } = process.env;

for (const p of PROTOCOLS) {
  test(`${p.name} runs with only its required fields and its documented defaults`, () => {
    const bundled = bundledFor(p);
    assert.ok(bundled, `${p.name}: a bundled scenario in scenarios/ runs it (the minimal one is derived from it)`);
    const dir = mkdtempSync(join(tmpdir(), 'backlab-defaults-'));
    const file = join(dir, `${p.name}-minimal.yaml`);
    try {
      const extra: string[] = [];
      for (;;) {
        const doc = minimalScenario(p, bundled!.doc, extra);
        writeFileSync(file, stringify(doc));
        const r = spawnSync(process.execPath, [bin, 'run', file, '--out', join(dir, 'out')], { encoding: 'utf8', env });
        if (r.status === 0) break;
        // Refused as bad input, at a field of the section: give back the field it names, or, naming the section, its next optional field.
        assert.is(r.status, 2, `${p.name} with ${JSON.stringify(doc.protocol)}: exit ${r.status}\n${r.stderr}`);
        assert.not.match(r.stderr, /\n\s+at /, 'no stack trace');
        const at = new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+\\s+protocol(?:\\.(\\w+))?`).exec(r.stderr);
        assert.ok(at, `the refusal names the file and a field of the protocol section:\n${r.stderr}`);
        const named = at![1];
        const back = named !== undefined && !(named in (doc.protocol as object)) ? named : optionalGiven(p, bundled!.doc, doc.protocol as Record<string, unknown>)[0];
        assert.ok(back !== undefined && !extra.includes(back), `${p.name}: refused, and nothing left to give back:\n${r.stderr}`);
        extra.push(back!);
      }
      const jobs = readFileSync(join(dir, 'out', `${p.name}-minimal`, 'jobs.csv'), 'utf8').trimEnd().split('\n').slice(1);
      assert.ok(jobs.length > 0, `${p.name} ran its jobs`);
      assert.ok(jobs.some((l) => l.split(',')[3] === 'completed'), `${p.name}: a job completed:\n${jobs.join('\n')}`);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
}

test.run();
