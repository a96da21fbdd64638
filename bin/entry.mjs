// Which code `backlab` runs: the build in build/cli/ (scripts/build-cli.mjs)
// when it is newer than every source file it was built from, or null: then
// the TypeScript sources themselves, through tsx. A stat per source file
// (about 250, a few milliseconds) is what it costs never to run a stale build.
import { readFileSync, statSync } from 'node:fs';

/** The built entry's URL under `root` (a folder URL ending in /), or null when there is none or it is older than a source. */
export function builtEntry(root) {
  return freshBuild(root, new URL('build/cli/cli.mjs', root));
}

/**
 * The built file of a worker-thread entry (`source`: its path from the
 * root, e.g. sim/cli/sweep-worker.ts), or null when the build has none or
 * is older than a source. One build holds the command and its workers, so
 * a worker never runs other code than the command that starts it.
 */
export function builtWorker(root, source) {
  try {
    const file = JSON.parse(readFileSync(new URL('build/cli/workers.json', root), 'utf8'))[source];
    return typeof file === 'string' ? freshBuild(root, new URL(`build/cli/${file}`, root)) : null;
  } catch {
    return null; // a build from before workers were built, or an unreadable list
  }
}

function freshBuild(root, entry) {
  try {
    const built = statSync(entry).mtimeMs;
    const inputs = JSON.parse(readFileSync(new URL('build/cli/inputs.json', root), 'utf8'));
    if (!Array.isArray(inputs) || inputs.length === 0) return null;
    for (const p of inputs) if (statSync(new URL(p, root)).mtimeMs > built) return null;
    return entry;
  } catch {
    return null; // no build, a source gone, an unreadable list: the sources are the truth
  }
}
