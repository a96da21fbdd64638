import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = new URL('../bin/backlab.mjs', import.meta.url).pathname;
const scenario = new URL('../scenarios/parking-lot.json', import.meta.url).pathname;
const backlab = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

test('run prints the table, the seed and the trace hash, and writes the report', () => {
  const out = mkdtempSync(join(tmpdir(), 'backlab-cli-'));
  const r = backlab('run', scenario, '--out', out);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /makespan 0:00:30\.000000000/);
  const hash = /seed 1 {2}trace ([0-9a-f]{64})/.exec(r.stdout)?.[1];
  assert.ok(hash, r.stdout);
  const summary = JSON.parse(readFileSync(join(out, 'parking-lot', 'summary.json'), 'utf8'));
  assert.is(summary.traceHash, hash);
  assert.is(summary.makespanSeconds, 30);
  assert.equal(summary.flows.map((f: { end: number }) => f.end), [20, 10, 20, 30]);
  // A rerun is byte-identical; another seed still runs (this scenario draws no random numbers).
  assert.match(backlab('run', scenario, '--out', out).stdout, new RegExp(hash!));
  assert.match(backlab('run', scenario, '--out', out, '--seed', '7').stdout, /seed 7 {2}trace/);
  rmSync(out, { recursive: true });
});

test('a malformed scenario exits 2 naming the file and the field path, and writes nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backlab-cli-'));
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ name: 'x', links: { l1: { bandwidth: '20 Gbs' } }, flows: { a: { route: ['l1'], bytes: '1 GB' } } }));
  const r = backlab('run', bad, '--out', join(dir, 'out'));
  assert.is(r.status, 2);
  assert.match(r.stderr, /bad\.json {2}links\.l1\.bandwidth/);
  assert.match(r.stderr, /"20 Gbs" is not a rate/);
  assert.not.match(r.stderr, /\bat \S+:\d+/, 'no stack trace');
  assert.not.ok(existsSync(join(dir, 'out')));
  writeFileSync(bad, JSON.stringify({ name: 'x', links: { l1: { bandwidth: '1 Gb/s' } }, flows: { a: { route: ['l9'], bytes: '1 GB' } } }));
  const r2 = backlab('run', bad, '--out', join(dir, 'out'));
  assert.is(r2.status, 2);
  assert.match(r2.stderr, /flows\.a\.route\[0\]\n {2}no link named "l9"/);
  assert.is(backlab('run', join(dir, 'missing.json')).status, 2);
  assert.is(backlab('frobnicate').status, 2);
  rmSync(dir, { recursive: true });
});

test.run();
