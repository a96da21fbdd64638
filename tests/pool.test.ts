import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtWorker } from '../bin/entry.mjs';
import { fromRoot, ROOT } from '../sim/foundation/root.ts';
import { withoutTsx, workerFile } from '../sim/workers/pool.ts';
import { flappingNet } from './support/flapping-net.ts';

test('a worker thread gets its process\'s Node options, less those that load tsx', () => {
  assert.equal(withoutTsx(['--import', 'tsx', '--expose-gc']), ['--expose-gc']);
  assert.equal(withoutTsx(['--import=tsx', '--loader', 'tsx/esm', '-r', 'tsx/cjs', '--enable-source-maps']), ['--enable-source-maps']);
  assert.equal(withoutTsx(['--import', './other.mjs', '--require', 'tsxlike']), ['--import', './other.mjs', '--require', 'tsxlike'], 'another module is kept');
  assert.equal(withoutTsx(['--max-old-space-size=4096', '--import']), ['--max-old-space-size=4096', '--import'], 'a flag without its value is left to Node');
  assert.equal(withoutTsx([]), []);
});

const SWEEP_WORKER = fromRoot('sim/cli/sweep-worker.ts');
const fresh = builtWorker(ROOT, 'sim/cli/sweep-worker.ts') !== null;

test('a sweep worker (and an actor thread) starts from the build while it is fresh, from the sources through tsx otherwise', () => {
  if (!fresh) {
    assert.not.ok(process.env.BACKLAB_REQUIRE_BUILD === '1', 'build/cli/ is missing or older than a source: npm run build:cli');
    assert.is(workerFile(SWEEP_WORKER).href, fromRoot('sim/workers/ts-worker.mjs').href);
    return;
  }
  assert.is(workerFile(SWEEP_WORKER).href, fromRoot('build/cli/sweep-worker.mjs').href);
  assert.is(workerFile(fromRoot('sim/workers/actor-thread.ts')).href, fromRoot('build/cli/actor-thread.mjs').href, 'the actor threads too');
  assert.is(workerFile(fromRoot('tests/support/dying-actor-thread.ts')).href, fromRoot('sim/workers/ts-worker.mjs').href, 'an entry the build does not list');
});

test('a sweep gives the same runs.csv with built workers and with the sources', () => {
  if (!fresh) {
    console.warn('\n  SKIPPED: build/cli/ is missing or older than a source (npm run build:cli builds it)\n');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'backlab-pool-'));
  const file = join(dir, 'net.yaml');
  writeFileSync(file, flappingNet('pool test'));
  const { FORCE_COLOR: _force, ...env } = process.env;
  const sweep = (out: string, extra: Record<string, string>): string => {
    const r = spawnSync(process.execPath, [fromRoot('bin/backlab.mjs').pathname, 'sweep', file, '--set', 'topology.links.wan.bandwidth=[100 MB/s, 200 MB/s]', '--seeds', '1..3', '--jobs', '2', '--out', join(dir, out)], { encoding: 'utf8', env: { ...env, ...extra }, timeout: 60_000 });
    assert.is(r.status, 0, r.stderr);
    return readFileSync(join(dir, out, 'sweep-net', 'runs.csv'), 'utf8');
  };
  const built = sweep('built', {});
  assert.is(built.trimEnd().split('\n').length, 7);
  assert.is(sweep('source', { BACKLAB_FROM_SOURCE: '1' }), built);
});

test.run();
