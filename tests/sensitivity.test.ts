import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'csv-parse/sync';
import { vlanCopy } from './support/vlan-copy.ts';
import { latinHypercube } from '../sim/cli/sensitivity-plan.ts';

test('the Latin hypercube is the same for a seed, and puts one point in each stratum of each dimension', () => {
  const a = latinHypercube(20, 3, 7);
  assert.equal(a, latinHypercube(20, 3, 7));
  assert.not.equal(a, latinHypercube(20, 3, 8));
  for (let d = 0; d < 3; d++) {
    const strata = a.map((p) => Math.floor(p[d] * 20)).sort((x, y) => x - y);
    assert.equal(strata, Array.from({ length: 20 }, (_, i) => i), `dimension ${d}`);
  }
});

test('one transfer over a virtual LAN whose bandwidth is varied: the tornado ends are bytes / bandwidth', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sensitivity-'));
  try {
    const file = join(dir, 'one.yaml');
    writeFileSync(file, vlanCopy('one'));
    const bin = new URL('../bin/backlab.mjs', import.meta.url).pathname;
    const r = spawnSync(process.execPath, [bin, 'sensitivity', file, '--metric', 'makespan', '--only', 'vlan.bandwidth', '--range', '40%', '--samples', '5', '--jobs', '1', '--out', dir], { encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
    // Read as the rest of the command writes numbers: 10 GB over 50 Gb/s is 1.6 s, over 60% of it 2.667 s.
    assert.match(r.stdout, /^one: makespan 1\.6 s at the base; moved most by servers\.\*\.vlan\.bandwidth \(2\.667 s at 3\.75 GB\/s \(50 Gb\/s × 0\.6\) … 1\.143 s at 8\.75 GB\/s \(50 Gb\/s × 1\.4\)\)$/m);
    assert.not.match(r.stdout, /\d\.\d{5,}/, 'no raw floats');
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
