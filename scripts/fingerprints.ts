/**
 * Fingerprints (OMNeT++'s idea): the trace hash of every bundled scenario and
 * variant at a fixed seed, pinned in tests/fingerprints.json. A change to the
 * simulation that moves any of them shows up as a failing test naming the
 * scenario; `npm run fingerprints -- --update` rewrites the pins and prints
 * which changed, for the commit message that must say why.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fingerprints, FINGERPRINT_SEED, PIN_FILE } from '../tests/support/fingerprints.ts';

const update = process.argv.includes('--update');
const now = fingerprints();
const pinned: Record<string, string> = JSON.parse(readFileSync(PIN_FILE, 'utf8').trim() || '{}');
let changed = 0;
for (const [key, hash] of Object.entries(now)) {
  if (pinned[key] === hash) continue;
  changed++;
  console.log(`${pinned[key] === undefined ? 'new' : 'changed'}  ${key}  ${pinned[key]?.slice(0, 16) ?? '-'} -> ${hash.slice(0, 16)}`);
}
for (const key of Object.keys(pinned)) if (!(key in now)) { changed++; console.log(`gone  ${key}`); }
console.log(`${Object.keys(now).length} fingerprints at seed ${FINGERPRINT_SEED}, ${changed} differ from the pins`);
if (update) {
  writeFileSync(PIN_FILE, JSON.stringify(now, null, 2) + '\n');
  console.log(`wrote ${PIN_FILE}`);
} else if (changed > 0) process.exitCode = 1;
