import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = new URL('../bin/backlab.mjs', import.meta.url).pathname;
const backlab = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 300_000 });
const dir = mkdtempSync(join(tmpdir(), 'backlab-sweep-instant-'));

interface Metric { metric: string; p50: number; p90: number; p99: number; max: number; at: number }
interface Report { instants: number; runs: number; metrics: Metric[]; goals: { goal: string; met: boolean }[]; worst: { at: number; seed: number; traceHash: string; replay: string } }

// vmdr-sweep's disaster is at 11250.5 s; its plan's cycle is 5 min. The protocol itself evaluates RPO over
// the disaster instant from one run's records (sim/protocols/vmdr/instants.ts) at N instants of that cycle;
// --sweep-instant runs the disaster at each of the same N instants. The two must agree.
const N = 10;
const ARGS = ['scenarios/vmdr-sweep.yaml', '--sweep-instant', 'site-fails:primary', '--window', '10950.5 s..11250.5 s', '--instants', String(N), '--set', `protocol.measure.instants=${N}`, '--jobs', '2'];
let swept: Report | undefined;
const sweep = (): Report => (swept ??= JSON.parse(backlab('size', ...ARGS, '--goal', 'rpo_instant <= 15 min', '--json').stdout) as Report);

test('RPO over the disaster instant, found by running the disaster at each instant, equals the protocol\'s own percentiles from the records', () => {
  const r = sweep();
  const out = join(dir, 'one');
  assert.is(backlab('run', 'scenarios/vmdr-sweep.yaml', '--set', `protocol.measure.instants=${N}`, '--out', out).status, 0);
  const own = (JSON.parse(readFileSync(join(out, 'vmdr-sweep', 'summary.json'), 'utf8')) as { metrics: Record<string, number> }).metrics;
  const rpo = r.metrics.find((m) => m.metric === 'rpo_instant')!;
  assert.is(r.instants, N);
  assert.is(r.runs, N);
  assert.is(rpo.p50, own.rpo_p50);
  assert.is(rpo.p90, own.rpo_p90);
  assert.is(rpo.p99, own.rpo_p99);
  // Sampled, the worst is at most the exact worst (taken on both sides of every step), and close to it.
  assert.ok(rpo.max <= own.rpo_max && rpo.max > own.rpo_max - 300 / N, `${rpo.max} against ${own.rpo_max}`);
  assert.equal(r.goals, [{ goal: 'rpo_instant <= 15 min', met: true }]);
});

test('the worst instant is a replayable run: its printed line gives the same trace hash', () => {
  const w = sweep().worst;
  const r = spawnSync('sh', ['-c', `${w.replay.replace(/^backlab /, `'${process.execPath}' '${bin}' `)} --out '${join(dir, 'replay')}'`], { encoding: 'utf8' });
  assert.match(r.stdout, new RegExp(`trace ${w.traceHash}`));
  assert.match(w.replay, new RegExp(`at: ${w.at} s`));
});

test('a goal missed at some instant exits 1 and says FAIL; the table gives worst and percentiles', () => {
  const r = backlab('size', ...ARGS, '--goal', 'rpo_instant <= 5 min');
  assert.is(r.status, 1, r.stderr);
  assert.match(r.stdout, /FAIL {2}rpo_instant <= 5 min at every instant/);
  assert.match(r.stdout, /metric +worst +p50 +p90 +p99 +worst at/);
  assert.match(r.stdout, /replay: backlab run scenarios\/vmdr-sweep\.yaml/);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
