import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTrace } from '../sim/trace/reader.ts';

const bin = new URL('../bin/backlab.mjs', import.meta.url).pathname;
const scenario = new URL('../scenarios/parking-lot.yaml', import.meta.url).pathname;
const { FORCE_COLOR: _force, ...env } = process.env;
const backlab = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env });
const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const hashOf = (stdout: string): string | undefined => /seed \d+ {2}trace ([0-9a-f]{64})/.exec(stdout)?.[1];

test('--trace-file streams the whole trace: the file\'s SHA-256 is the printed hash, it reads back, and a rerun replaces it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backlab-trace-file-'));
  const file = join(dir, 'run.trace');
  const r = backlab('run', scenario, '--out', join(dir, 'out'), '--trace-file', file);
  assert.is(r.status, 0, r.stderr);
  const hash = hashOf(r.stdout);
  assert.ok(hash, r.stdout);
  assert.is(sha256(file), hash);
  assert.ok([...readTrace(readFileSync(file))].some((x) => x.type === 'flow-end'), 'a trace the reader reads');
  assert.ok(r.stdout.includes(`trace: ${file}`));
  // A trace backlab wrote may be replaced; with --trace too, trace.json is made from the file.
  const again = backlab('run', scenario, '--out', join(dir, 'out'), '--trace-file', file, '--trace', '--seed', '7');
  assert.is(again.status, 0, again.stderr);
  assert.is(sha256(file), hashOf(again.stdout));
  assert.ok(JSON.parse(readFileSync(join(dir, 'out', 'parking-lot', 'trace.json'), 'utf8')).traceEvents.length > 10);
  assert.equal(readdirSync(dir).sort(), ['out', 'run.trace'], 'no partial file left');
  rmSync(dir, { recursive: true });
});

test('a run that stops on an error leaves no trace file, whole or partial', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backlab-trace-file-'));
  const r = backlab('run', scenario, '--out', join(dir, 'out'), '--trace-file', join(dir, 'run.trace'), '--max-events', '5');
  assert.is(r.status, 2, r.stderr);
  assert.match(r.stderr, /ceiling of 5 events/);
  assert.equal(readdirSync(dir), []);
  rmSync(dir, { recursive: true });
});

test('--trace-file never replaces a file backlab did not write, and refuses before the run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backlab-trace-file-'));
  const file = join(dir, 'notes.txt');
  writeFileSync(file, 'my notes');
  for (const target of [file, join(dir, 'x.trace')]) {
    if (target !== file) writeFileSync(`${target}.partial`, 'not a trace');
    const r = backlab('run', scenario, '--out', join(dir, 'out'), '--trace-file', target);
    assert.is(r.status, 2, r.stderr);
    assert.match(r.stderr, /is not a backlab trace; backlab replaces no file it did not write/);
    assert.not.match(r.stderr, /\bat \S+:\d+:\d+\)?$/m, 'no stack trace');
    assert.not.ok(hashOf(r.stdout), 'nothing ran');
  }
  assert.is(readFileSync(file, 'utf8'), 'my notes');
  assert.is(readFileSync(join(dir, 'x.trace.partial'), 'utf8'), 'not a trace');
  assert.not.ok(existsSync(join(dir, 'out')), 'no report written');
  const missing = backlab('run', scenario, '--out', join(dir, 'out'), '--trace-file', join(dir, 'nowhere', 'run.trace'));
  assert.is(missing.status, 2);
  assert.match(missing.stderr, /--trace-file: the folder .*nowhere does not exist/);
  rmSync(dir, { recursive: true });
});

test.run();
