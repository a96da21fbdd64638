import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { browserTest, openPage, withBrowser } from './support/browser.ts';
import { assertRefused } from './support/refusal.ts';

const bin = new URL('../bin/backlab.mjs', import.meta.url).pathname;
const backlab = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });

// Two transfers, each over its own trunk of N parallel 100 MB/s links (a trunk of N is one link of N x 100 MB/s).
const BYTES_A = 10e9, BYTES_B = 6e9, LANE = 100e6, WINDOW = 30;
const SCENARIO = `name: parallel links
topology:
  links:
    a: { bandwidth: 100 MB/s }
    b: { bandwidth: 100 MB/s }
workload:
  flows:
    f: { route: [a], bytes: 10 GB }
    g: { route: [b], bytes: 6 GB }
`;
const lanes = (n: number): string => `[${Array.from({ length: n }, (_, i) => `${(i + 1) * 100} MB/s`).join(', ')}]`;

const dir = mkdtempSync(join(tmpdir(), 'backlab-size-'));
const file = join(dir, 'par.yaml');
writeFileSync(file, SCENARIO);
const ARGS = [file, '--goal', `makespan <= ${WINDOW} s`, '--vary', `topology.links.a.bandwidth=${lanes(6)}`, '--vary', `topology.links.b.bandwidth=${lanes(4)}`, '--json', '--jobs', '1'];

let searched: Answer | undefined;
/** The search over the trunks, run once for the tests that read it. */
const answer = (): Answer => (searched ??= JSON.parse(backlab('size', ...ARGS).stdout) as Answer);

interface Answer { frontier: { values: Record<string, string>; cost: number; margin: number }[]; chosen: { values: Record<string, string> } | null; configurationsRun: number; gridConfigurations: number; failing: { goal: string; margin: number; bottleneck: string | null }[] }

test('the least trunks meeting a makespan goal are ceil(bytes / (lane rate x window)), found with fewer runs than the grid', () => {
  const a = answer();
  const need = (bytes: number) => `${Math.ceil(bytes / (LANE * WINDOW)) * 100} MB/s`;
  assert.equal(a.frontier.map((c) => c.values), [{ 'topology.links.a.bandwidth': need(BYTES_A), 'topology.links.b.bandwidth': need(BYTES_B) }]);
  assert.equal(a.chosen?.values, a.frontier[0].values);
  assert.is(a.frontier[0].cost, 3 + 1); // 4 lanes and 2 lanes: 3 + 1 added
  assert.is(a.gridConfigurations, 24);
  assert.ok(a.configurationsRun < 24, `${a.configurationsRun} runs`);
  // Every cheaper one that failed says which goal it missed and by how much.
  assert.ok(a.failing.length > 0);
  for (const f of a.failing) { assert.is(f.goal, `makespan <= ${WINDOW} s`); assert.ok(f.margin < 0); assert.ok(f.bottleneck !== null); }
});

test('the full grid finds the same frontier, in every configuration', () => {
  const search = answer();
  const full = JSON.parse(backlab('size', ...ARGS, '--full-grid').stdout) as Answer;
  assert.is(full.configurationsRun, 24);
  assert.equal(full.frontier, search.frontier);
});

test('a cost file weighs the axes: with lanes on b dear, the frontier is the same, its cost price x value', () => {
  const cost = join(dir, 'cost.yaml');
  writeFileSync(cost, `topology.links.a.bandwidth: { price: 1, per: 100 MB/s }\ntopology.links.b.bandwidth: { price: 10, per: 100 MB/s }\n`);
  const a = JSON.parse(backlab('size', ...ARGS, '--cost', cost).stdout) as Answer;
  assert.is(a.frontier[0].cost, 4 * 1 + 2 * 10);
});

test('an integer axis (mount points of the LAN-free library) gives the full grid\'s frontier with fewer runs', () => {
  const args = ['scenarios/lanfree-sweep.yaml', '--variant', 'shared', '--goal', 'makespan <= 12 min', '--vary', 'protocol.mountLimit=4..8', '--json', '--jobs', '1'];
  const search = JSON.parse(backlab('size', ...args).stdout) as Answer;
  const full = JSON.parse(backlab('size', ...args, '--full-grid').stdout) as Answer;
  assert.equal(search.frontier, full.frontier);
  assert.equal(search.chosen?.values, { 'protocol.mountLimit': '8' });
  assert.ok(search.configurationsRun < full.configurationsRun);
});

test('--out writes report.html with the frontier chart, size.csv with every run, and the chosen configuration\'s run report', () => {
  const out = join(dir, 'out');
  const r = backlab('size', ...ARGS.filter((x) => x !== '--json'), '--out', out);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /chosen: topology\.links\.a\.bandwidth=400 MB\/s, topology\.links\.b\.bandwidth=200 MB\/s/);
  const html = readFileSync(join(out, 'size-par', 'report.html'), 'utf8');
  assert.match(html, /<div id="frontier-chart"/);
  assert.match(html, /<a href="chosen\/report.html">its run report<\/a>/);
  // The chosen run is what `backlab run` writes for it: its flows ran at the chosen trunks.
  const summary = JSON.parse(readFileSync(join(out, 'size-par', 'chosen', 'summary.json'), 'utf8')) as { metrics: Record<string, number> };
  assert.is(summary.metrics.makespan, Math.max(BYTES_A / (4 * LANE), BYTES_B / (2 * LANE)));
  const csv = readFileSync(join(out, 'size-par', 'size.csv'), 'utf8').trim().split('\n');
  assert.match(csv[0], /configuration_met_goals/);
  assert.is(csv.length - 1, answer().configurationsRun);
});

browserTest(test, 'the size report draws every configuration run on the d3 chart, the frontier filled', 'size report browser test', async () => {
  const out = join(dir, 'out');
  await withBrowser(async (ctx) => {
    const { page, problems } = await openPage(ctx, pathToFileURL(join(out, 'size-par', 'report.html')).href);
    assert.equal(problems, []);
    assert.is(await page.locator('#frontier-chart svg circle.config').count(), answer().configurationsRun);
    assert.is(await page.locator('#frontier-chart svg circle.frontier').count(), answer().frontier.length);
    assert.ok(await page.locator('#frontier-chart svg circle.failed').count() > 0);
  });
});

test('three trunks (a 6 x 6 x 6 grid): the search finds the full grid\'s frontier, each trunk ceil(bytes / (lane x window)), with at least 3x fewer runs', () => {
  const tri = join(dir, 'tri.yaml');
  writeFileSync(tri, SCENARIO.replace('    b: { bandwidth: 100 MB/s }', '    b: { bandwidth: 100 MB/s }\n    c: { bandwidth: 100 MB/s }') + '    h: { route: [c], bytes: 14 GB }\n');
  const args = [tri, '--goal', `makespan <= ${WINDOW} s`, ...['a', 'b', 'c'].flatMap((l) => ['--vary', `topology.links.${l}.bandwidth=${lanes(6)}`]), '--json', '--jobs', '2'];
  const search = JSON.parse(backlab('size', ...args).stdout) as Answer;
  const full = JSON.parse(backlab('size', ...args, '--full-grid').stdout) as Answer;
  const need = (bytes: number) => `${Math.ceil(bytes / (LANE * WINDOW)) * 100} MB/s`;
  assert.equal(full.frontier.map((c) => c.values), [{ 'topology.links.a.bandwidth': need(BYTES_A), 'topology.links.b.bandwidth': need(BYTES_B), 'topology.links.c.bandwidth': need(14e9) }]);
  assert.equal(search.frontier, full.frontier);
  assert.is(full.configurationsRun, 216);
  assert.ok(search.configurationsRun * 3 <= 216, `${search.configurationsRun} runs of 216`);
});

test('bad input exits 2 before any run, saying what to write, and writes nothing', () => {
  const out = join(dir, 'bad');
  const cases: [string[], RegExp][] = [
    [['--goal', 'nosuch <= 3 s'], /"nosuch" is not a metric/],
    [['--goal', 'makespan == 30 s'], /write it with <, <=, > or >=/],
    [['--vary', 'topology.links.a.bandwidth=1..3'], /not a number; a range LO..HI varies a count/],
    [['--vary', 'topology.links.zz.nope=1..3'], /zz|nope/],
    [['--vary', 'workload.flows.f.bytes=5..2'], /LO 5 is above HI 2/],
    [['--vary', '__proto__.x=1..2'], /object machinery/],
    [['--vary', 'x=[]'], /not a list of values/],
    [['--hostile'], /unknown option --hostile/],
  ];
  for (const [extra, want] of cases) {
    const base = extra[0] === '--goal' ? [file, ...extra, '--vary', 'topology.links.a.bandwidth=[1 GB/s]'] : extra[0] === '--vary' ? [file, '--goal', 'makespan <= 30 s', ...extra] : [file, ...extra];
    const r = backlab('size', ...base, '--out', out);
    assertRefused(r, want, out, extra.join(' '));
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
