#!/usr/bin/env node
// Runs the built command (build/cli/, built on npm install) while it is newer
// than its sources; otherwise registers tsx so the TypeScript sources run as
// they are. BACKLAB_FROM_SOURCE=1 always runs the sources.
import { builtEntry } from './entry.mjs';

const root = new URL('../', import.meta.url);
const built = process.env.BACKLAB_FROM_SOURCE === '1' ? null : builtEntry(root);
if (built !== null) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../sim/cli.ts');
}
