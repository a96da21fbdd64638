import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fuzzOne } from '../sim/fuzz/fuzz-one.ts';
import { FUZZ_KINDS } from '../sim/fuzz/generate.ts';
import { PLACED_INVARIANT, placedCheck } from '../sim/fuzz/placed-check.ts';
import { withActorThreads } from '../sim/workers/node-actors.ts';

test('random scenarios of every kind, with heavy faults, give the in-process hash with their actors in threads', async () => {
  await withActorThreads(2, async (threads) => {
    for (const [i, kind] of FUZZ_KINDS.entries()) {
      const o = fuzzOne({ kind, seed: 1000 + i, faults: 'heavy', twice: false });
      assert.equal(o.findings, [], `${kind}: the in-process run is clean`);
      const placed = await placedCheck(o, threads);
      assert.equal(placed.findings, [], `${kind} seed ${1000 + i}`);
    }
  });
});

test('a hash that differs is reported as the placement invariant, with how to compare', async () => {
  const o = fuzzOne({ kind: 'network', seed: 3, faults: 'heavy', twice: false });
  // Planted: as if the in-process run had written another trace.
  const wrong = { ...o, traceHash: '0'.repeat(64) };
  const placed = await withActorThreads(1, (threads) => placedCheck(wrong, threads));
  assert.is(placed.findings.length, 1);
  assert.is(placed.findings[0].invariant, PLACED_INVARIANT);
  assert.match(placed.findings[0].what, `in-process ${'0'.repeat(64)}, in 1 threads ${o.traceHash}`);
  assert.match(placed.findings[0].what, 'backlab run FILE --workers 1');
});

test('backlab fuzz --placed 1 reruns every case in threads, also from its pool threads', () => {
  const out = mkdtempSync(join(tmpdir(), 'backlab-placed-'));
  const { FORCE_COLOR: _force, ...env } = process.env;
  const r = spawnSync(process.execPath, [new URL('../bin/backlab.mjs', import.meta.url).pathname, 'fuzz', '--seeds', '1..6', '--placed', '1', '--faults', 'light', '--jobs', '2', '--out', out], { encoding: 'utf8', env });
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /6 runs .*6 in worker threads/);
  assert.match(r.stdout, 'no invariant violated');
  rmSync(out, { recursive: true, force: true });
});

test.run();
