import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFuzzTarget, writeFuzzFile } from '../sim/cli/fuzz-file.ts';
import { OutputError } from '../reports/target.ts';

const CASE = '# backlab fuzz --protocol network --faults heavy, seed 7: run it again with backlab run fuzz-network-7.yaml\nname: x\n';

test('a failing case replaces only an earlier fuzz case; a user file of that name, and a user NAME.partial, stay as they were', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backlab-fuzzfile-'));
  const file = join(dir, 'fuzz-network-7.yaml');
  writeFuzzFile(file, CASE);
  writeFuzzFile(file, CASE.replace('name: x', 'name: y'));
  assert.match(readFileSync(file, 'utf8'), /name: y/, 'an earlier case of the same seed is replaced');
  writeFileSync(join(dir, 'fuzz-network-7.yaml.partial'), 'mine');
  const mine = join(dir, 'fuzz-lanfree-3.yaml');
  writeFileSync(mine, 'my edited scenario\n');
  assert.throws(() => writeFuzzFile(mine, CASE), (e: unknown) => e instanceof OutputError && /was not written by backlab fuzz; it is left as it is/.test((e as Error).message));
  assert.throws(() => checkFuzzTarget(dir), (e: unknown) => e instanceof OutputError, 'a folder at the name is not replaced either');
  assert.is(readFileSync(mine, 'utf8'), 'my edited scenario\n');
  writeFuzzFile(file, CASE);
  assert.is(readFileSync(join(dir, 'fuzz-network-7.yaml.partial'), 'utf8'), 'mine');
  assert.equal(readdirSync(dir).sort(), ['fuzz-lanfree-3.yaml', 'fuzz-network-7.yaml', 'fuzz-network-7.yaml.partial'], 'no temporary file left');
  rmSync(dir, { recursive: true });
});

test.run();
