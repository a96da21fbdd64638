import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSeeds } from '../sim/cli/sweep.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { flappingNet } from './support/flapping-net.ts';

const bin = new URL('../bin/backlab.mjs', import.meta.url).pathname;
// A hung worker must fail the test, not hang the suite.
const backlab = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 20_000 });

const SCENARIO = flappingNet('sweep test');

const dir = mkdtempSync(join(tmpdir(), 'backlab-sweep-'));
const file = join(dir, 'net.yaml');
writeFileSync(file, SCENARIO);
const BW = 'topology.links.wan.bandwidth';

// Sweep workers receive each combination's resolved Scenario as a structured clone: a class instance, a
// function or a symbol in it would arrive changed (or not at all). assert.equal compares constructors too.
test('every shipped scenario and variant resolves to plain data that survives a structured clone', () => {
  const scenarios = new URL('../scenarios/', import.meta.url);
  for (const name of readdirSync(scenarios).filter((f) => f.endsWith('.yaml'))) {
    const text = readFileSync(new URL(name, scenarios), 'utf8');
    for (const variant of [undefined, ...loadScenario(name, text).variants]) {
      const s = loadScenario(name, text, { variant });
      assert.equal(structuredClone(s), s, `${name}${variant === undefined ? '' : ` (variant ${variant})`}`);
    }
  }
});

/** RFC 4180 rows: quoted cells may hold commas and doubled quotes (no cell here holds a line break). */
function csv(path: string): string[][] {
  return readFileSync(path, 'utf8').trimEnd().split('\n').map((line) => {
    const cells: string[] = [];
    const re = /(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g;
    for (let m = re.exec(line); m !== null && m.index < line.length; m = re.exec(line)) cells.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]);
    return cells;
  });
}

test('2 values x 4 seeds: 8 runs, runs.csv and the table byte-identical for --jobs 1 and --jobs 2', () => {
  const sweep = (jobs: string) => backlab('sweep', file, '--set', `${BW}=[100 MB/s, 200 MB/s]`, '--seeds', '1..4', '--jobs', jobs, '--out', join(dir, `j${jobs}`));
  const one = sweep('1');
  const two = sweep('2');
  assert.is(one.status, 0, one.stderr);
  assert.is(two.status, 0, two.stderr);
  const a = readFileSync(join(dir, 'j1', 'sweep-net', 'runs.csv'), 'utf8');
  const b = readFileSync(join(dir, 'j2', 'sweep-net', 'runs.csv'), 'utf8');
  assert.is(a, b);
  assert.is(one.stdout.replaceAll('j1', 'jN'), two.stdout.replaceAll('j2', 'jN'));
  assert.ok(existsSync(join(dir, 'j2', 'sweep-net', 'report.html')));

  const [head, ...rows] = csv(join(dir, 'j1', 'sweep-net', 'runs.csv'));
  assert.is(rows.length, 8);
  const col = (name: string) => rows.map((r) => r[head.indexOf(name)]);
  assert.equal(col('run'), ['0', '1', '2', '3', '4', '5', '6', '7']);
  assert.equal(col(BW), ['100 MB/s', '100 MB/s', '100 MB/s', '100 MB/s', '200 MB/s', '200 MB/s', '200 MB/s', '200 MB/s']);
  assert.equal(col('seed'), ['1', '2', '3', '4', '1', '2', '3', '4']);
  // The seed matters here (the flaps differ), and each run is what `backlab run` gives for the same setting and seed.
  assert.is(new Set(col('trace_hash')).size, 8);
  const alone = backlab('run', file, '--set', `${BW}=200 MB/s`, '--seed', '3', '--out', join(dir, 'alone'));
  assert.match(alone.stdout, `seed 3  trace ${col('trace_hash')[6]}`);

  // On screen: one line per setting with n, and no per-run hashes (those are in runs.csv).
  assert.match(one.stdout, /8 runs = 2 settings × 4 seeds/);
  assert.match(one.stdout, /^\s*100 MB\/s\s+4\s/m);
  assert.match(one.stdout, /^\s*200 MB\/s\s+4\s/m);
  assert.not.match(one.stdout, /[0-9a-f]{64}/);
});

test('a bad value in a list exits 2 before anything runs, and writes no sweep folder', () => {
  const out = join(dir, 'bad');
  const r = backlab('sweep', file, '--set', `${BW}=[100 MB/s, 10 Gbs]`, '--seeds', '1..4', '--out', out);
  assert.is(r.status, 2, r.stderr);
  assert.match(r.stderr, /net\.yaml \(--set\) {2}topology\.links\.wan\.bandwidth/);
  assert.match(r.stderr, /"10 Gbs" is not a rate/);
  assert.not.match(r.stderr, /\bat \S+:\d+/, 'no stack trace');
  assert.is(r.stdout, '');
  assert.not.ok(existsSync(out));
  for (const args of [['--seeds', '4..1'], ['--seeds', '1,x'], ['--jobs', '0'], ['--set', `${BW}=[]`]]) {
    const u = backlab('sweep', file, ...args, '--out', out);
    assert.is(u.status, 2, `${args.join(' ')}: ${u.stderr}`);
    assert.match(u.stderr, /^backlab: sweep: /);
  }
  assert.not.ok(existsSync(out));
});

test('a check that fails for some values exits 1 and lists the failing seeds of each setting', () => {
  const out = join(dir, 'fail');
  // A list of one list sets `checks` in every run: here it adds bytes_lost == 0, which the flaps break for some seeds.
  const r = backlab('sweep', file, '--set', `${BW}=[100 MB/s, 10 MB/s]`, '--set', 'checks=[[makespan < 40 s, bytes_lost == 0]]', '--seeds', '1..4', '--jobs', '2', '--out', out);
  assert.is(r.status, 1, r.stderr);
  const [head, ...rows] = csv(join(out, 'sweep-net', 'runs.csv'));
  const failing = (bw: string) => rows.filter((x) => x[head.indexOf(BW)] === bw && x[head.indexOf('checks_failed')] !== '').map((x) => x[head.indexOf('seed')]);
  const slow = failing('10 MB/s');
  const fast = failing('100 MB/s');
  assert.equal(slow, ['1', '2', '3', '4'], '150 s of transfer cannot end within 40 s');
  assert.ok(fast.length > 0 && fast.length < 4, `some but not all seeds lose bytes at 100 MB/s: ${fast}`);
  // The table's last column, and one FAIL line per check naming its seeds.
  assert.match(r.stdout, new RegExp(`^\\s*100 MB/s\\s+4\\s.*\\s${fast.join(',')}$`, 'm'));
  assert.match(r.stdout, /^\s*10 MB\/s\s+4\s.*\s1,2,3,4$/m);
  assert.match(r.stdout, /^FAIL {2}topology\.links\.wan\.bandwidth=10 MB\/s: makespan < 40 s {2}\(seeds 1, 2, 3, 4\)$/m);
  assert.match(r.stdout, `FAIL  topology.links.wan.bandwidth=100 MB/s: bytes_lost == 0  (seed${fast.length > 1 ? 's' : ''} ${fast.join(', ')})`);
  assert.match(r.stdout, /bytes_lost/, 'the metrics the checks name get a column');
});

test('a run that throws in its worker names the run, exits 70 (a bug, not a failed check), and leaves no worker behind', () => {
  // Validates, but 1 PB at 1 B/s ends past the clock's range: the kernel throws inside the worker.
  const crash = join(dir, 'crash.yaml');
  writeFileSync(crash, 'name: crash\ntopology: { links: { l1: { bandwidth: 1 B/s } } }\nworkload: { flows: { A: { route: [l1], bytes: 1 kB } } }\n');
  const out = join(dir, 'crash');
  const r = backlab('sweep', crash, '--set', 'workload.flows.A.bytes=[1 kB, 1 PB]', '--seeds', '1,2', '--jobs', '2', '--out', out);
  assert.is(r.error, undefined, 'the process ended by itself');
  assert.is(r.status, 70, r.stderr);
  assert.match(r.stderr, /run [23] \(workload\.flows\.A\.bytes=1 PB, seed [12]\) failed in a worker thread/);
  assert.match(r.stderr, /to run it alone: backlab run \S+crash\.yaml --set 'workload\.flows\.A\.bytes=1 PB' --seed [12]/);
  assert.not.ok(existsSync(join(out, 'sweep-crash')));
});

// The README's lanfree sweep, cut to two designs and two sizes: each run's backup bottleneck in runs.csv,
// and the report saying where each design's moves on (issue 18).
test('the lanfree sweep names each run\'s bottleneck in runs.csv and says where it changes', () => {
  const out = join(dir, 'lanfree');
  const r = spawnSync(process.execPath, [bin, 'sweep', 'scenarios/lanfree-sweep.yaml', '--set', 'protocol.design=[lan, shared]', '--set', 'protocol.backup.clients=[1, 16]', '--out', out], { encoding: 'utf8', timeout: 120_000 });
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /backup bottleneck/);
  const [head, ...rows] = csv(join(out, 'sweep-lanfree-sweep', 'runs.csv'));
  const col = (name: string) => rows.map((x) => x[head.indexOf(name)]);
  assert.equal(col('protocol.design'), ['lan', 'lan', 'shared', 'shared']);
  // The cost law (byte-cost.ts): a client partition of half a core cannot send TCP as fast as an LTO-8 drive writes.
  // The LAN design writes to its disk pool (no drive to starve), the shared design's sessions to the drives: one client's
  // CPU feeds its drive at a speed-matching step, sixteen fill the LAN-free servers' CPUs.
  assert.equal(col('bottleneck_backup_kind'), ['link device cpu', 'link tsm1-lan', 'feed device cpu', 'link device cpu']);
  assert.equal(col('bottleneck_backup')[0], 'lpar01.cpu');
  assert.equal(col('bottleneck_backup')[1], 'tsm1-lan');
  assert.ok(col('bottleneck_backup_share').every((v) => Number(v) > 0.9), col('bottleneck_backup_share').join());
  const html = readFileSync(join(out, 'sweep-lanfree-sweep', 'report.html'), 'utf8');
  assert.match(html, /<li>lan, backup bottleneck: at protocol\.backup\.clients=1, cpus; from 16, tsm1-lan<\/li>/);
  assert.match(html, /<li>shared, backup bottleneck: at protocol\.backup\.clients=1, cpus, feeding tape drives below their top speed; from 16, cpus<\/li>/);
});

test('--seeds reads ranges, lists and single numbers', () => {
  assert.equal(parseSeeds('1..3'), [1, 2, 3]);
  assert.equal(parseSeeds('1,5,9'), [1, 5, 9]);
  assert.equal(parseSeeds('1..3,10'), [1, 2, 3, 10]);
  assert.equal(parseSeeds('7'), [7]);
  assert.throws(() => parseSeeds('3,3'), /twice/);
  assert.throws(() => parseSeeds('-1'), /whole number/);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
