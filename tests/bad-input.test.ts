import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A corpus of malformed scenario files: each must be refused with exit 2, a message naming the file (and, where
// there is one, the field), no stack trace, no hang, and nothing written.
const { FORCE_COLOR: _force, ...env } = process.env;
const bin = new URL('../bin/backlab.mjs', import.meta.url).pathname;
const good = readFileSync(new URL('../scenarios/parking-lot.yaml', import.meta.url), 'utf8');
const goodJson = JSON.stringify({ name: 'j', topology: { links: { l: { bandwidth: '1 GB/s' } } }, workload: { flows: { f: { route: ['l'], bytes: '1 GB' } } } });

const corpus: { name: string; file: string; text: string; says: RegExp }[] = [
  { name: 'truncated JSON', file: 'cut.json', text: goodJson.slice(0, 40), says: /cut\.json/ },
  { name: 'a word where a number goes', file: 'types.yaml', text: good.replace('seed: 1', 'seed: one'), says: /types\.yaml:\d+:\d+\s+seed/ },
  { name: 'an unknown unit', file: 'unit.yaml', text: good.replace('bandwidth: 100 MB/s', 'bandwidth: 100 MB/fortnight'), says: /topology\.links\.l1\.bandwidth[\s\S]*is not a rate/ },
  { name: 'a duration past the simulator\'s range', file: 'long.yaml', text: good.replace('seed: 1', 'seed: 1\nuntil: 200 d'), says: /until[\s\S]*104 days/ },
  { name: 'a negative size', file: 'neg.yaml', text: good.replace('bytes: 1 GB', 'bytes: -1 GB'), says: /bytes/ },
  { name: 'a huge number', file: 'huge.yaml', text: good.replace('bytes: 1 GB', `bytes: 1${'0'.repeat(400)} GB`), says: /flows\.A\.bytes[\s\S]*too large to be a size/ },
  { name: 'unicode names', file: 'uni.yaml', text: good.replace(/\bl1\b/g, 'лінк☃'), says: /лінк☃|name/ },
  { name: 'deeply nested', file: 'deep.json', text: `{"name":"d","topology":${'['.repeat(5000)}${']'.repeat(5000)}}`, says: /deep\.json[\s\S]*nested 5001 levels deep/ },
  { name: 'not a scenario at all', file: 'bin.yaml', text: '\u0000\u0001\u0002 %%% ---\n- [', says: /bin\.yaml/ },
];

for (const c of corpus) {
  test(`bad input, ${c.name}: exit 2, the file named, no stack trace, nothing written`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'backlab-bad-'));
    const file = join(dir, c.file);
    writeFileSync(file, c.text);
    const out = join(dir, 'out');
    const r = spawnSync(process.execPath, [bin, 'run', file, '--out', out], { encoding: 'utf8', env, timeout: 30_000 });
    assert.is(r.status, 2, `${c.name}: ${r.stderr}`);
    assert.match(r.stderr, c.says);
    assert.match(r.stderr, /^backlab: /);
    assert.not.match(r.stderr, /\n\s+at .+:\d+:\d+/, 'no stack trace');
    assert.equal(readdirSync(dir), [c.file], 'nothing written');
    rmSync(dir, { recursive: true });
  });
}

test('bad input, a 50 MB file: refused with exit 2 within the time limit, not a hang', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backlab-bad-'));
  const file = join(dir, 'big.yaml');
  writeFileSync(file, `${good}\n# ${'x'.repeat(50 * 1024 * 1024)}\nnot: [valid`);
  const r = spawnSync(process.execPath, [bin, 'run', file, '--out', join(dir, 'out')], { encoding: 'utf8', env, timeout: 60_000 });
  assert.is(r.status, 2, r.stderr.slice(0, 500));
  assert.match(r.stderr, /big\.yaml/);
  assert.equal(readdirSync(dir), ['big.yaml']);
  rmSync(dir, { recursive: true });
});

test.run();
