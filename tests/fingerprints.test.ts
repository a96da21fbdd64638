import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { fingerprints, FINGERPRINT_SEED, PIN_FILE } from './support/fingerprints.ts';

// Every bundled scenario and variant, at one seed, must give the trace hash pinned in tests/fingerprints.json.
// A change that moves one is either a bug or a change of behaviour its commit explains; rewrite the pins with
// `npm run fingerprints -- --update`, which prints which scenarios changed.
test(`every bundled scenario and variant gives its pinned trace hash at seed ${FINGERPRINT_SEED}`, () => {
  const pinned: Record<string, string> = JSON.parse(readFileSync(PIN_FILE, 'utf8'));
  const now = fingerprints();
  assert.equal(Object.keys(now), Object.keys(pinned), 'the pinned scenarios are the bundled ones');
  const moved = Object.keys(now).filter((k) => now[k] !== pinned[k]);
  assert.equal(moved, [], `trace hashes moved (npm run fingerprints -- --update, and say why in the commit)`);
});

test.run();
