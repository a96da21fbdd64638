import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deepMerge, parseSetting } from '../sim/scenario/overrides.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';

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
  { name: 'a duration past the simulator\'s range', file: 'long.yaml', text: good.replace('seed: 1', 'seed: 1\nuntil: 200000 d'), says: /until[\s\S]*292 years/ },
  { name: 'a start past the 1 ns clock with no until', file: 'late.yaml', text: good.replace('bytes: 500 MB }', 'bytes: 500 MB, start: 200 d }'), says: /workload\.flows\.B\.start[\s\S]*horizon of 104\.2 days[\s\S]*longer `until` widens it/ },
  { name: 'a negative size', file: 'neg.yaml', text: good.replace('bytes: 1 GB', 'bytes: -1 GB'), says: /bytes/ },
  { name: 'a huge number', file: 'huge.yaml', text: good.replace('bytes: 1 GB', `bytes: 1${'0'.repeat(400)} GB`), says: /flows\.A\.bytes[\s\S]*too large to be a size/ },
  { name: 'unicode names', file: 'uni.yaml', text: good.replace(/\bl1\b/g, 'лінк☃'), says: /лінк☃|name/ },
  { name: 'deeply nested', file: 'deep.json', text: `{"name":"d","topology":${'['.repeat(5000)}${']'.repeat(5000)}}`, says: /deep\.json[\s\S]*nested 5001 levels deep/ },
  { name: 'an hour past 23 in a schedule', file: 'sched.yaml', text: 'name: s\nuntil: 2 d\ntopology:\n  links: { l: { bandwidth: 1 GB/s } }\nworkload:\n  jobs:\n    nightly: { schedule: daily 25:00, steps: [ { transfer: { route: [l], bytes: 1 GB } } ] }\n', says: /sched\.yaml:7:\d+\s+workload\.jobs\.nightly\.schedule\n\s+25 is not an hour \(00 to 23\)/ },
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

// The corpus in tests/bad-input/: a scenario file whose first line says `# expect CODE [COMMAND]: REGEX` (run by
// default), or NAME.case.json giving argv (`{dir}`: the case's own folder, `{scenarios}`: the bundled ones), files
// to write there, the exit code and a regex the output (stderr, then stdout) must match. Each runs in a fresh
// folder as its working directory, which must hold nothing new afterwards (the default out/ included).
const corpusDir = new URL('./bad-input/', import.meta.url).pathname;
const scenarios = new URL('../scenarios', import.meta.url).pathname;
interface Case { argv: string[]; files?: Record<string, string>; exit: number; says: string }

function caseOf(entry: string): Case {
  const text = readFileSync(join(corpusDir, entry), 'utf8');
  if (entry.endsWith('.case.json')) return JSON.parse(text) as Case;
  const m = /^# expect (\d+)(?: (\w+))?: (.*)$/m.exec(text.split('\n')[0]);
  if (m === null) throw new Error(`${entry}: the first line must be '# expect CODE [COMMAND]: REGEX'`);
  return { argv: [m[2] ?? 'run', `{dir}/${entry}`], files: { [entry]: text }, exit: Number(m[1]), says: m[3] };
}

for (const entry of readdirSync(corpusDir).sort()) {
  test(`bad-input corpus, ${entry}: the exit code and message, no stack trace, nothing written`, () => {
    const c = caseOf(entry);
    const dir = mkdtempSync(join(tmpdir(), 'backlab-corpus-'));
    for (const [name, text] of Object.entries(c.files ?? {})) writeFileSync(join(dir, name), text);
    const before = readdirSync(dir).sort();
    const argv = c.argv.map((a) => a.replace('{dir}', dir).replace('{scenarios}', scenarios));
    const r = spawnSync(process.execPath, [bin, ...argv], { encoding: 'utf8', env, cwd: dir, timeout: 60_000 });
    const said = `${r.stderr}${r.stdout}`;
    assert.is(r.status, c.exit, `${entry}: ${said}`);
    assert.match(said, new RegExp(c.says), entry);
    assert.match(r.stderr, /^backlab: /, entry);
    assert.not.match(said, /\n {4}at /, 'no stack trace');
    assert.equal(readdirSync(dir).sort(), before, 'nothing written');
    rmSync(dir, { recursive: true });
  });
}

test('a --set or a variant that names __proto__ changes no prototype in the process', () => {
  assert.throws(() => parseSetting('__proto__.polluted=1'), /'__proto__' is not a scenario field/);
  assert.throws(() => parseSetting('a.constructor.prototype.polluted=1'), /'constructor' is not a scenario field/);
  const doc = JSON.parse('{"name": "x", "variants": {"v": {"__proto__": {"polluted": 1}}}}') as { variants: { v: unknown } };
  const merged = deepMerge({ name: 'x' }, doc.variants.v) as Record<string, unknown>;
  assert.ok(Object.hasOwn(merged, '__proto__'), 'kept as a field, which the schema refuses');
  assert.is(({} as Record<string, unknown>).polluted, undefined);
  assert.is(Object.getPrototypeOf(merged), Object.prototype);
});

test('legitimate YAML naming one anchor 200 times is read, each alias its own copy', () => {
  const flows = Array.from({ length: 200 }, (_, i) => `    f${i}: { <<: null, route: [l], bytes: *size }`).join('\n').replace(/<<: null, /g, '');
  const text = `name: many\ntopology:\n  links: { l: { bandwidth: &rate 1 GB/s } }\nworkload:\n  flows:\n    f: { route: [l], bytes: &size 1 GB }\n${flows}\n`;
  const s = loadScenario('many.yaml', text);
  assert.is(s.flows.length, 201);
  assert.ok(s.flows.every((f) => f.bytes === 1e9));
  const shared = loadScenario('many.yaml', 'name: m\ntopology:\n  links:\n    a: &l { bandwidth: 1 GB/s }\n    b: *l\nworkload:\n  flows: { f: { route: [a], bytes: 1 GB } }\n', { sets: [parseSetting('topology.links.a.bandwidth=2 GB/s')] });
  assert.equal(shared.links.map((l) => [l.name, l.bandwidth]), [['a', 2e9], ['b', 1e9]], 'a --set through one alias leaves the other');
});

test('bad input, a 50 MB file: refused with exit 2 within the time limit, not a hang', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backlab-bad-'));
  const file = join(dir, 'big.yaml');
  writeFileSync(file, `${good}\n# ${'x'.repeat(50 * 1024 * 1024)}\nnot: [valid`);
  const r = spawnSync(process.execPath, [bin, 'run', file, '--out', join(dir, 'out')], { encoding: 'utf8', env, timeout: 60_000 });
  assert.is(r.status, 2, r.stderr.slice(0, 500));
  assert.match(r.stderr, /big\.yaml[\s\S]*larger than 16\.78 MB[\s\S]*--max-file-size/);
  assert.equal(readdirSync(dir), ['big.yaml']);
  rmSync(dir, { recursive: true });
});

test.run();
