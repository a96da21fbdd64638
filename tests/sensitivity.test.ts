import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'csv-parse/sync';
import { latinHypercube, rankingVerdict } from '../sim/cli/sensitivity-plan.ts';

test('the Latin hypercube is the same for a seed, and puts one point in each stratum of each dimension', () => {
  const a = latinHypercube(20, 3, 7);
  assert.equal(a, latinHypercube(20, 3, 7));
  assert.not.equal(a, latinHypercube(20, 3, 8));
  for (let d = 0; d < 3; d++) {
    const strata = a.map((p) => Math.floor(p[d] * 20)).sort((x, y) => x - y);
    assert.equal(strata, Array.from({ length: 20 }, (_, i) => i), `dimension ${d}`);
  }
});

test('the verdict counts the samples where the best design stays best, and names an end that flips it', () => {
  const designs = [
    { label: 'lan', base: 10, ends: new Map([['x', [9, 11] as [number, number]]]), samples: [10, 12, 9, 11] },
    { label: 'shared', base: 5, ends: new Map([['x', [5, 12] as [number, number]]]), samples: [5, 6, 10, 4] },
  ];
  assert.equal(rankingVerdict(designs, ['x'], () => ['1 s', '3 s'], true, 'makespan'), [
    'shared lowest makespan in 75% of 4 samples; the whole ranking (shared > lan) holds in 75%',
    'ranking flips when x = 3 s: lan lowest makespan',
  ]);
});

test('one transfer over a virtual LAN whose bandwidth is varied: the tornado ends are bytes / bandwidth', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sensitivity-'));
  try {
    const file = join(dir, 'one.yaml');
    writeFileSync(file, `name: one
topology:
  servers:
    s:
      cores: 4
      partitions: { a: { cores: 1, memory: 1 GB }, b: { cores: 1, memory: 1 GB } }
workload:
  jobs:
    copy: { kind: copy, steps: [ { transfer: { route: [a@s, s.vlan, b@s], bytes: 10 GB } } ] }
`);
    const bin = new URL('../bin/backlab.mjs', import.meta.url).pathname;
    const r = spawnSync(process.execPath, [bin, 'sensitivity', file, '--metric', 'makespan', '--only', 'vlan.bandwidth', '--range', '40%', '--samples', '5', '--jobs', '1', '--out', dir], { encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
    const rows = parse(readFileSync(join(dir, 'sensitivity-one', 'tornado.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    assert.equal(rows.map((x) => x.assumption), ['servers.*.vlan.bandwidth']);
    const bw = 50e9 / 8, latency = 20e-6; // the declared default: 50 Gb/s, 20 us
    assert.ok(Math.abs(Number(rows[0].low_makespan) - (latency + 10e9 / (bw * 0.6))) < 1e-6, rows[0].low_makespan);
    assert.ok(Math.abs(Number(rows[0].high_makespan) - (latency + 10e9 / (bw * 1.4))) < 1e-6, rows[0].high_makespan);
    const samples = parse(readFileSync(join(dir, 'sensitivity-one', 'samples.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    assert.is(samples.length, 5);
    for (const s of samples) {
      const f = Number(s['factor_servers.*.vlan.bandwidth']);
      assert.ok(f >= 0.6 && f <= 1.4);
      assert.ok(Math.abs(Number(s.makespan_one) - (latency + 10e9 / (bw * f))) < 1e-6);
    }
    assert.match(readFileSync(join(dir, 'sensitivity-one', 'report.html'), 'utf8'), '<svg class="tornado"');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
