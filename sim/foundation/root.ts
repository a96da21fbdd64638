/**
 * The project's root folder, for the files the code reads or starts beside
 * it (package.json, the bundled scenarios, worker entries, report assets).
 * This file and the bundled command (build/cli/, scripts/build-cli.mjs) both
 * sit two folders down, so one URL is right from either; a path relative to
 * each module's own import.meta.url would not be, once modules are bundled.
 */
export const ROOT = new URL('../../', import.meta.url);

/** A file of the project by its path from the root: fromRoot('sim/workers/ts-worker.mjs'). */
export const fromRoot = (path: string): URL => new URL(path, ROOT);
