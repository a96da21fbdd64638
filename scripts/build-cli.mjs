// Builds the shipped command: sim/cli.ts and everything it imports, bundled by
// esbuild into build/cli/ (one entry, a chunk per command, loaded when it runs),
// with the list of source files it was built from; and the entries the
// command's worker threads run (WORKERS), listed in workers.json, so a worker
// starts without tsx too (sim/workers/pool.ts). bin/backlab.mjs runs it
// while it is newer than every one of those files, and the TypeScript
// sources through tsx otherwise, so an edit is never run stale. Run by npm's
// `prepare` (npm install, npm ci) and `npm run build:cli`. Plain JavaScript:
// it must run before anything is built, with no loader.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Packages bundled into the build rather than loaded from node_modules. */
const BUNDLED = new Set(['yaml', 'seedrandom', 'comlink']);
const out = `${root}build/cli`;
const tmp = `${root}build/.cli-new-${process.pid}`;

/** Worker-thread entries, by the name of their built file: each a source spawnTsWorker starts. */
const WORKERS = {
  'sweep-worker': 'sim/cli/sweep-worker.ts',
  'fuzz-worker': 'sim/cli/fuzz-worker.ts',
  'worker-thread': 'sim/cli/worker-thread.ts',
  'actor-thread': 'sim/workers/actor-thread.ts',
};

rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { cli: 'sim/cli.ts', ...WORKERS },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Every package stays external but yaml, which validate and run load at start: as a package it is some
  // 40 CommonJS files resolved and wrapped one by one, a sixth of `backlab validate`'s time; bundled, one chunk.
  // A bundled CommonJS package requires Node's own modules (yaml: 'process'): an ESM chunk has no require but this one.
  banner: { js: "import { createRequire as __backlabRequire } from 'node:module'; const require = __backlabRequire(import.meta.url);" },
  external: Object.keys(JSON.parse(readFileSync(`${root}package.json`, 'utf8')).dependencies).filter((p) => !BUNDLED.has(p)),
  outdir: tmp,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunk-[hash]',
  metafile: true,
  logLevel: 'warning',
});
const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.split('/').includes('node_modules')).sort();
writeFileSync(`${tmp}/inputs.json`, `${JSON.stringify(inputs, null, 1)}\n`);
// source -> built file, for bin/entry.mjs's builtWorker
const workers = Object.fromEntries(Object.entries(WORKERS).map(([name, source]) => [source, `${name}.mjs`]));
writeFileSync(`${tmp}/workers.json`, `${JSON.stringify(workers, null, 1)}\n`);
// Swapped in whole, so a run that starts meanwhile finds the old build or the new one.
rmSync(out, { recursive: true, force: true });
renameSync(tmp, out);
console.log(`backlab: built build/cli/ from ${inputs.length} source files`);
