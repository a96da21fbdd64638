import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { builtEntry, builtWorker } from '../bin/entry.mjs';

/** A root with sources a.ts, b.ts and a build of them, every file at the given seconds. */
function tree(times: { a: number; b: number; built: number }, inputs: unknown = ['a.ts', 'b.ts']): URL {
  const dir = mkdtempSync(join(tmpdir(), 'backlab-entry-'));
  mkdirSync(join(dir, 'build/cli'), { recursive: true });
  for (const [f, t] of [['a.ts', times.a], ['b.ts', times.b], ['build/cli/cli.mjs', times.built]] as const) {
    writeFileSync(join(dir, f), '');
    utimesSync(join(dir, f), t, t);
  }
  writeFileSync(join(dir, 'build/cli/inputs.json'), JSON.stringify(inputs));
  return pathToFileURL(`${dir}/`);
}

test('backlab runs its build only while the build is newer than every source it was built from', () => {
  const fresh = tree({ a: 1000, b: 1000, built: 2000 });
  assert.is((builtEntry(fresh) as URL | null)?.href, new URL('build/cli/cli.mjs', fresh).href);
  assert.is(builtEntry(tree({ a: 1000, b: 3000, built: 2000 })), null, 'b.ts edited after the build: the sources run');
  assert.is(builtEntry(tree({ a: 1000, b: 1000, built: 2000 }, ['a.ts', 'gone.ts'])), null, 'a source the build names is gone');
  assert.is(builtEntry(tree({ a: 1000, b: 1000, built: 2000 }, [])), null, 'an empty list proves nothing');
  const none = tree({ a: 1000, b: 1000, built: 2000 });
  rmSync(new URL('build', none), { recursive: true });
  assert.is(builtEntry(none), null, 'no build');
});

test('a worker thread runs its build only when the build lists it and is fresh', () => {
  const withWorker = (times: { a: number; b: number; built: number }): URL => {
    const r = tree(times);
    writeFileSync(new URL('build/cli/w.mjs', r), '');
    utimesSync(new URL('build/cli/w.mjs', r), times.built, times.built);
    writeFileSync(new URL('build/cli/workers.json', r), JSON.stringify({ 'w.ts': 'w.mjs' }));
    return r;
  };
  const fresh = withWorker({ a: 1000, b: 1000, built: 2000 });
  assert.is(builtWorker(fresh, 'w.ts')?.href, new URL('build/cli/w.mjs', fresh).href);
  assert.is(builtWorker(fresh, 'other.ts'), null, 'a source the build does not list');
  assert.is(builtWorker(withWorker({ a: 1000, b: 3000, built: 2000 }), 'w.ts'), null, 'b.ts edited after the build');
  assert.is(builtWorker(tree({ a: 1000, b: 1000, built: 2000 }), 'w.ts'), null, 'a build from before workers were built');
});

const root = new URL('../', import.meta.url);
const { FORCE_COLOR: _force, ...env } = process.env;
const hashOf = (extra: Record<string, string>) => {
  const r = spawnSync(process.execPath, [new URL('bin/backlab.mjs', root).pathname, 'run', new URL('scenarios/vmdr-student.yaml', root).pathname, '--out', mkdtempSync(join(tmpdir(), 'backlab-entry-out-'))], { encoding: 'utf8', env: { ...env, ...extra } });
  assert.is(r.status, 0, r.stderr);
  return /trace ([0-9a-f]{64})/.exec(r.stdout)?.[1];
};

test('the built command (npm install builds it) and the TypeScript sources give one trace hash', () => {
  if (builtEntry(root) === null) {
    // .ci/run builds it on npm ci and sets BACKLAB_REQUIRE_BUILD=1, so there a missing or stale build fails.
    assert.not.ok(process.env.BACKLAB_REQUIRE_BUILD === '1', 'build/cli/ is missing or older than a source: npm run build:cli');
    console.warn('\n  SKIPPED: build/cli/ is missing or older than a source (npm run build:cli builds it); the sources alone were checked\n');
    return;
  }
  const built = hashOf({});
  assert.ok(built);
  assert.is(hashOf({ BACKLAB_FROM_SOURCE: '1' }), built);
});

/** Every .ts file under a folder of the project. */
const sources = (dir: string): string[] =>
  readdirSync(new URL(dir, root), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => `${dir}${f}`);

test('the command names files beside its code from the root, not from its own module (a module\'s URL is the bundle\'s once bundled)', () => {
  const allowed = new Set(['sim/foundation/root.ts', 'sim/workers/web-actors.ts']); // web-actors: the browser's workers, bundled by vite, not esbuild
  const offenders = [...sources('sim/'), ...sources('reports/')]
    .filter((f) => !allowed.has(f))
    .filter((f) => /new URL\([^)]*import\.meta\.url/.test(readFileSync(new URL(f, root), 'utf8')));
  assert.equal(offenders, [], 'use fromRoot() from sim/foundation/root.ts');
});

test.run();
