import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'csv-parse/sync';
import { vlanCopy } from './support/vlan-copy.ts';

const bin = new URL('../bin/backlab.mjs', import.meta.url).pathname;

// Two identical designs and one with half the virtual LAN: 10 GB over 50 Gb/s is 1.6 s, over 25 Gb/s 3.2 s.
const PAIR = vlanCopy('pair', `variants:
  one: {}
  two: {}
  slow: { topology: { servers: { s: { vlan: { bandwidth: 25 Gb/s } } } } }
`);

function withPair(f: (file: string, dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'compare-'));
  try {
    const file = join(dir, 'pair.yaml');
    writeFileSync(file, PAIR);
    f(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const compare = (args: string[]) => spawnSync(process.execPath, [bin, 'compare', ...args], { encoding: 'utf8' });

test('compare --sensitivity prints the verdict, identical designs tied, and adds it to the report', () => withPair((file, dir) => {
  const r = compare([file, '--sensitivity', '4', '--range', '40%', '--jobs', '1', '--out', dir]);
  assert.is(r.status, 0, r.stderr);
  const verdict = r.stdout.slice(r.stdout.indexOf('sensitivity of makespan:'));
  assert.match(verdict, /^slow: makespan 3\.2 s at the base; moved most by servers\.\*\.vlan\.bandwidth \(5\.333 s at 1\.88 GB\/s \(25 Gb\/s × 0\.6\)/m);
  assert.match(verdict, /^ranking at the base: one = two > slow \(lowest makespan first; within 0\.1% is a tie\)$/m);
  assert.match(verdict, /^lowest makespan over 4 Latin-hypercube samples: one = two in 4 \(100%\); the whole ranking holds in 4 \(100%\)$/m);
  assert.match(verdict, /^the ranking holds at every assumption's low and high end \(\d+\)$/m);
  assert.not.match(verdict, /one > two|two > one/);
  const out = join(dir, 'compare-pair');
  // The tornado's ends against the closed form: latency + bytes / (bandwidth × factor), each design at its own bandwidth.
  const rows = parse(readFileSync(join(out, 'tornado.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  const bw = rows.filter((x) => x.assumption === 'servers.*.vlan.bandwidth');
  assert.equal(bw.map((x) => x.design), ['one', 'two', 'slow']);
  for (const [x, gbps] of [[bw[0], 50], [bw[2], 25]] as const) {
    assert.ok(Math.abs(Number(x.low_makespan) - (20e-6 + 10e9 / ((gbps * 1e9) / 8) / 0.6)) < 1e-6, x.low_makespan);
    assert.ok(Math.abs(Number(x.high_makespan) - (20e-6 + 10e9 / ((gbps * 1e9) / 8) / 1.4)) < 1e-6, x.high_makespan);
  }
  assert.is((parse(readFileSync(join(out, 'samples.csv'), 'utf8'), { columns: true }) as unknown[]).length, 4);
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  assert.match(html, /<section id="sensitivity"><h2>Sensitivity of makespan<\/h2>/);
  assert.match(html, 'ranking at the base: one = two &gt; slow');
  assert.is(html.match(/<svg class="tornado"/g)?.length, 3);
  // The ranking at both ends of every assumption varied: one row each.
  const ends = html.slice(html.indexOf('<table class="ranking-ends"'), html.indexOf('</table>', html.indexOf('<table class="ranking-ends"')));
  assert.is(ends.match(/<tr>/g)!.length - 1, new Set(rows.map((x) => x.assumption)).size);
  assert.match(readFileSync(join(out, '.backlab-report'), 'utf8'), 'tornado.csv');
}));

test('compare --sensitivity refuses a metric the scenario lacks before any run, and writes nothing', () => withPair((file, dir) => {
  const r = compare([file, '--sensitivity', '4', '--metric', 'backup_makespan', '--out', dir]);
  assert.is(r.status, 2);
  assert.match(r.stderr, /no metric 'backup_makespan'/);
  assert.is(r.stdout, '');
  assert.not.ok(existsSync(join(dir, 'compare-pair')));
  const stray = compare([file, '--metric', 'makespan', '--out', dir]);
  assert.is(stray.status, 2);
  assert.match(stray.stderr, /--metric is a flag of --sensitivity N/);
}));

test.run();
