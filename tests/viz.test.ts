/**
 * The visualizer in real headless Chromium: the static site built by Vite,
 * served from a temporary directory, driven as a student and an architect
 * would drive it. Screenshots go to /tmp/backlab-viz/.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { parseSetting } from '../sim/scenario/overrides.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { failNowPlan } from '../viz/fail-now.ts';
import { stateAt } from '../viz/state.ts';
import { toSeconds } from '../sim/foundation/time.ts';
import { runForView } from '../viz/worker-run.ts';
import { browserTest, openPage, withBrowser } from './support/browser.ts';
import { explain, explainRun, parseAt } from '../sim/cli/explain.ts';
import { flowAt } from '../reports/explain.ts';
import { flowAtText } from '../reports/explain-text.ts';
import { FLAGSHIP, lanWithoutMigration } from './support/flagship.ts';
import { vizSite, waitRuns, type VizSite } from './support/viz-site.ts';

const SHOTS = '/tmp/backlab-viz';
const runs = (page: Page): Promise<number> => page.evaluate(() => Number(document.body.dataset.runs ?? 0));
/** Everything the views show at the cursor, to compare two visits of one event. */
const snapshot = (page: Page): Promise<{ narration: string; topology: string; time: string; current: string }> => page.evaluate(() => ({
  narration: document.getElementById('narration')!.innerText,
  topology: document.getElementById('topology')!.innerHTML,
  time: document.getElementById('time')!.innerText,
  current: document.querySelector('.log-row.current')?.textContent ?? '',
}));
const narration = (page: Page): Promise<string> => page.locator('#narration').innerText();

const offline = suite('visualizer without a browser');

offline('fail now is the CLI\'s run with the fault moved (same hash), and the failover follows it', async () => {
  const file = 'scenarios/vmdr-student.yaml';
  const text = readFileSync(file, 'utf8');
  const reply = await runForView({ file, text, failAt: 1500 });
  assert.ok(reply.ok);
  const cli = runScenario(loadScenario(file, text, { sets: [parseSetting('faults[0].at=1500 s')] }));
  assert.is(reply.view.result.traceHash, cli.traceHash);
  const { events, topology } = reply.view;
  const fault = events.findIndex((e) => e.kind === 'fault');
  assert.is(events[fault].t, 1500);
  assert.ok(events.some((e) => e.t > 1500 && e.text.startsWith('FIG. 3A step 4')), 'the failover follows');
  const end = stateAt(events, topology, events.length - 1);
  assert.equal(end.vms.map((v) => `${v.name}@${v.host}:${v.running}`), ['web@esx-b:true', 'db@esx-b:true']);
  assert.ok(stateAt(events, topology, fault).failed.has('primary'));
  assert.not.ok(stateAt(events, topology, fault - 1).failed.has('primary'));
});

offline('the world state reads the events\' data, never their labels', () => {
  const topo = { sites: [], nodes: [{ name: 'esx-a', site: 'primary' }, { name: 'esx-b', site: 'dr' }], edges: [], placements: [], vms: [{ name: 'web', host: 'esx-a' }] } as unknown as Parameters<typeof stateAt>[1];
  const ev = (kind: string, text: string, data?: unknown) => ({ t: 0, kind, actor: 'x', text, data }) as Parameters<typeof stateAt>[0][number];
  const events = [
    ev('fault', 'reworded: the primary site goes dark', { fault: { kind: 'site-fails', target: 'primary' } }),
    ev('mark', 'storage system array9 fails'), // a label alone says nothing
    ev('mark', 'the array is gone', { fails: 'array1' }),
    ev('step', 'FIG. 9 step 9: a label that looks like a figure'),
    ev('mark', 'restored', { vmStarted: { vm: 'web', host: 'esx-b' } }),
    ev('step', 'plain words', { figure: { protocol: 'vmdr', figure: '3B', step: '2' } }),
    ev('step', 'a later step without a figure'),
  ];
  const end = stateAt(events, topo, events.length - 1);
  assert.equal([...end.failed].sort(), ['array1', 'primary']);
  assert.equal(end.vms.map((v) => `${v.name}@${v.host}:${v.running}`), ['web@esx-b:true']);
  assert.is(end.step?.text, 'plain words', 'the figure step stays the step under way');
  assert.is(stateAt(events, topo, 3).step?.text, 'FIG. 9 step 9: a label that looks like a figure', 'without figure data it is a plain step');
});

offline('fail now without a timed fault fails the first site, or the first host', () => {
  assert.equal(failNowPlan({ topology: { sites: { east: {}, west: {} } } }, 60).setting?.value, [{ at: '60 s', 'site-fails': 'east' }]);
  assert.equal(failNowPlan({ topology: { hosts: { h1: {} } } }, 5).setting?.value, [{ at: '5 s', 'host-fails': 'h1' }]);
  assert.is(failNowPlan({}, 5).setting, null);
});

offline.run();

const vizSuite = suite('visualizer in Chromium');
let site: VizSite | null = null;

vizSuite.before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  site = await vizSite();
});

vizSuite.after(() => site?.close());

/** Opens the page (at a bundled scenario), waits for its first run, and checks no console error on the way out. */
async function withPage(query: string, fn: (page: Page) => Promise<void>): Promise<void> {
  await withBrowser(async (ctx) => {
    const { page, problems } = await openPage(ctx, `${site!.origin}/${query}`, site!.origin);
    await waitRuns(page, 1);
    await fn(page);
    assert.equal(problems, [], 'no console errors, page errors or requests elsewhere');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'fits 1280 px wide: no sideways scrolling');
  });
}

browserTest(vizSuite, 'student DR: the CLI hash; step to the disaster, back and forward; fail now; play to the end', 'the visualizer test', async () => {
  const file = 'scenarios/vmdr-student.yaml';
  const cli = runScenario(loadScenario(file, readFileSync(file, 'utf8')));
  await withPage('?scenario=vmdr-student', async (page) => {
    assert.is(await page.locator('#hash').getAttribute('data-hash'), cli.traceHash, 'the page ran the scenario to the CLI\'s hash');

    // Home, then shift+→: the first protocol step; the address follows the cursor.
    await page.locator('body').press('Home');
    await page.locator('body').press('Shift+ArrowRight');
    assert.match(await page.locator('.log-row.current').innerText(), 'FIG. 3A step 1: back up the VMs of esx-a (backup 1)');
    await page.waitForURL(/[?&]scenario=vmdr-student&t=300($|&)/, { timeout: 5000 });

    // Step to the disaster: the fault's row in the event log.
    await page.locator('.log-row', { hasText: 'fault: site-fails primary' }).click();
    await page.locator('body').press('ArrowRight'); // the consequences at the same instant: the site's host fails
    await page.locator('body').press('ArrowLeft');
    const atDisaster = await snapshot(page);
    assert.match(atDisaster.current, 'fault: site-fails primary');
    assert.match(atDisaster.narration, 'failed: primary');
    assert.is(await page.locator('g.node.failed[data-node="esx-a"]').count(), 1, 'esx-a is drawn failed');
    await page.screenshot({ path: `${SHOTS}/dr-disaster.png` });
    await page.locator('body').press('ArrowLeft');
    const before = await snapshot(page);
    assert.not.equal(before, atDisaster, 'one event back is another state');
    assert.not.match(before.narration, 'failed: primary');
    await page.locator('body').press('ArrowRight');
    assert.equal(await snapshot(page), atDisaster, 'back one event and forward again: identical state and narration');

    // Fail now, at another time: the fault moves there and the failover follows it.
    await page.locator('#jump').fill('0:25:00');
    await page.locator('#jump').press('Enter');
    await page.locator('#failnow').click();
    await waitRuns(page, 2);
    assert.match(await page.locator('#time').innerText(), '0:25:00.000');
    assert.match(await narration(page), 'failed: primary');
    assert.match(await page.locator('#failnote').innerText(), 'fail site primary: now at 0:25:00.000');
    assert.is(await page.locator('#failnow').innerText(), 'fail site primary now', 'the button names the fault');
    await page.waitForURL(/[?&]failAt=1500(&|$)/, { timeout: 5000 }); // the address keeps the moved fault
    let told = '';
    for (let i = 0; i < 40 && !told.includes('FIG. 3A step 4'); i++) {
      await page.locator('body').press('ArrowRight');
      told = await narration(page);
    }
    assert.match(told, 'FIG. 3A step 4: fail over from the primary site to the secondary site');
    assert.ok(await page.locator('.log-row', { hasText: 'VM web runs on esx-b' }).count() === 1, 'the new run restores web on esx-b');
    await page.screenshot({ path: `${SHOTS}/dr-fail-now.png` });

    // Play to the end, fast.
    await page.locator('#speed').selectOption('6000');
    await page.locator('body').press(' ');
    await page.waitForFunction(() => document.getElementById('play')!.textContent!.includes('play'), null, { timeout: 30_000 });
    assert.match(await page.locator('#time').innerText(), '2:00:00.000');
    assert.match(await narration(page), 'VM web running on esx-b');
    assert.is(await page.locator('g[data-node="esx-b"] text.vm.running[data-vm="web"]').count(), 1, 'the topology shows web running on esx-b');
    await page.screenshot({ path: `${SHOTS}/dr-end.png` });

    // Undo: the scenario as written again (its own fault time), the cursor where it was.
    await page.locator('#undo').click();
    await waitRuns(page, 3);
    assert.is(await page.locator('#hash').getAttribute('data-hash'), cli.traceHash, 'undone: the CLI\'s run as written');
    await page.waitForURL((u) => !u.search.includes('failAt='), { timeout: 5000 });
    assert.ok(await page.locator('#undo').isHidden(), 'nothing left to undo');
    assert.ok(await page.locator('#perf').isHidden(), 'the perf probe is for ?debug only');
  });
});

browserTest(vizSuite, 'LAN vs LAN-free: the three designs\' metrics and charts side by side', 'the visualizer test', async () => {
  await withPage('?scenario=lan-vs-lanfree', async (page) => {
    assert.ok(await page.locator('#chart path.series').count() > 0, 'the run\'s throughput chart');
    await page.screenshot({ path: `${SHOTS}/lanfree.png` });
    // Scrub: shift+drag along the timeline moves the cursor with the pointer.
    await page.locator('#timeline').scrollIntoViewIfNeeded();
    const box = (await page.locator('#timeline').boundingBox())!;
    await page.keyboard.down('Shift');
    await page.mouse.move(box.x + 400, box.y + 40);
    await page.mouse.down();
    await page.mouse.move(box.x + 500, box.y + 40, { steps: 3 });
    const during = await page.locator('#time').innerText();
    await page.mouse.move(box.x + 700, box.y + 40, { steps: 3 });
    assert.not.match(during, 't = 0:00:00.000', 'the cursor follows the pointer while the button is down');
    assert.is.not(await page.locator('#time').innerText(), during);
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await page.locator('#compare').click();
    await page.locator('#compare-view').waitFor({ state: 'visible', timeout: 120_000 });
    assert.equal(await page.locator('table.compare thead th').allInnerTexts(), ['metric', 'lan', 'npiv', 'dedicated', 'shared']);
    for (const v of ['lan', 'npiv', 'dedicated', 'shared']) assert.ok(await page.locator(`figure[data-variant="${v}"] path.series`).count() > 0, `${v}'s chart`);
    await page.locator('#compare-view').screenshot({ path: `${SHOTS}/lanfree-compare.png` });
  });
});

browserTest(vizSuite, 'why this rate: a flow, the VIOS SEA and a lane explained as backlab explain says it; the SEAs read hottest', 'the visualizer test', async () => {
  const text = lanWithoutMigration();
  const cli = explainRun(loadScenario(FLAGSHIP, text));
  const reply = await runForView({ file: FLAGSHIP, text });
  assert.ok(reply.ok);
  const { lanes, result } = reply.view;
  const at = parseAt('0:30:00');
  const jump = async (page: Page, t: string): Promise<void> => { await page.locator('#jump').fill(t); await page.locator('#jump').press('Enter'); };
  const why = (page: Page): Promise<string> => page.locator('#why').innerText();
  await withPage('?scenario=lan-vs-lanfree', async (page) => {
    const n = await runs(page);
    await page.locator('#file').setInputFiles({ name: 'lan-without-migration.yaml', mimeType: 'text/yaml', buffer: Buffer.from(text) });
    await waitRuns(page, n + 1);
    assert.is(await page.locator('#hash').getAttribute('data-hash'), result.traceHash);
    await jump(page, '0:30:00');

    // The VIOS's SEA, a chip under vios1: the flows it holds at the cursor, each in the CLI's sentence.
    await page.locator('#topology g.resource[data-link="vios1.sea"]').click();
    const held = [...cli.lim.flows.keys()].filter((f) => flowAt(cli.lim, f, at)?.now.limiter.link === 'vios1.sea');
    assert.ok(held.length > 0, 'the SEA holds flows at 0:30:00');
    const sea = await why(page);
    assert.match(sea, `At 0:30:00 ${held.length} flows move`);
    for (const f of held) assert.ok(sea.includes(flowAtText(cli.lim, f, at)!), `flow ${f}: ${flowAtText(cli.lim, f, at)} in\n${sea}`);
    assert.match(sea, /vios1\.sea is the resource to widen for [\d.]+ TB/);
    await page.locator('.why-box').screenshot({ path: `${SHOTS}/why-sea.png` });

    // A transfer's bar on lib1/d2's lane, where the cursor is: its limiter is a VIOS SEA, full (its drives take what it gives).
    const lane = lanes.indexOf('lib1/d2');
    // The panel scrolls into view on a click, and the page is taller than the window: the timeline is brought into view and its box read again before each click.
    await page.locator('#timeline').scrollIntoViewIfNeeded();
    let box = (await page.locator('#timeline').boundingBox())!;
    const x = 190 + (toSeconds(at) / result.endTime) * (box.width - 8 - 190);
    await page.mouse.click(box.x + x, box.y + 20 + lane * 18 + 9);
    assert.is(await page.locator('#why').getAttribute('data-selected'), 'flow');
    const flow = Number(await page.locator('#why').getAttribute('data-flow'));
    assert.match(await page.locator('.why-title').innerText(), /^flow lib1\/d2: write /);
    assert.match(await why(page), /limited by sea vios[12]\.sea \([\d.]+ MB\/s, shared by \d flows\)/);
    // Moving the cursor updates the panel: at 0:30:00 exactly (written anew, so the box sees a change), the CLI's sentence.
    await jump(page, '30:00');
    const sentence = flowAtText(cli.lim, flow, at) ?? `At 0:30:00 nothing of the flow`;
    assert.match(await why(page), sentence);
    await jump(page, '0:05:00');
    assert.match(await why(page), 'At 0:05:00 nothing of the flow');

    // A lane by its name: the CLI's `explain --actor lib1/d2 --at 0:30:00`.
    await jump(page, '0:30:00');
    await page.locator('#timeline').scrollIntoViewIfNeeded();
    box = (await page.locator('#timeline').boundingBox())!;
    await page.mouse.click(box.x + 40, box.y + 20 + lane * 18 + 9);
    assert.is(await page.locator('.why-title').innerText(), 'actor lib1/d2');
    assert.is(await page.locator('.why-text').innerText(), explain(cli, { by: 'actor', name: 'lib1/d2' }, at).text.slice(2).join('\n'));

    // Colour by the bytes limited over the run: a VIOS SEA (the resource to widen) reads hottest.
    await page.locator('#colour-by').selectOption('run');
    const shares = await page.locator('#topology [data-share]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-link'), Number(e.getAttribute('data-share'))] as const));
    const hottest = [...shares].sort((a, b) => b[1] - a[1])[0];
    assert.match(hottest[0] ?? '', /^vios[12]\.sea$/, JSON.stringify(shares));
    assert.match(await page.locator('.heat-row').first().innerText(), /^vios[12]\.sea 44\.\d %$/);
    await page.locator('#colour-by').selectOption('cursor');
    assert.match(await page.locator('#limit-legend').innerText(), 'by 0:30:00.000');
    await page.screenshot({ path: `${SHOTS}/why-heat.png`, fullPage: true });
  });
});

browserTest(vizSuite, 'actors in two Web Workers: the page shows the CLI\'s in-process hash', 'the visualizer test', async () => {
  const file = 'scenarios/lan-vs-lanfree.yaml';
  const cli = runScenario(loadScenario(file, readFileSync(file, 'utf8'), { variant: 'shared' }));
  await withPage('?scenario=lan-vs-lanfree&variant=shared&workers=2', async (page) => {
    assert.is(await page.locator('#hash').getAttribute('data-hash'), cli.traceHash, 'the same trace as in-process');
    const placement = (await page.locator('#placement').getAttribute('data-placement'))!.split('/').map(Number);
    assert.is(placement.length, 2, 'two Web Workers ran actors');
    assert.ok(placement.every((n) => n > 0), `both had actors: ${placement.join('/')}`);
    assert.match(await page.locator('#placement').innerText(), /^\d+ actors in 2 Web Workers \(\d+ \/ \d+\)/);
    await page.waitForURL(/[?&]workers=2(&|$)/, { timeout: 5000 }); // the address keeps the placement
  });
});

browserTest(vizSuite, 'a bad scenario file is refused with its field path', 'the visualizer test', async () => {
  const text = readFileSync('scenarios/vmdr-student.yaml', 'utf8').replace('plan: { backup: 5 min', 'design: sideways\n  plan: { backup: 5 min');
  await withPage('', async (page) => {
    const n = await runs(page);
    await page.locator('#file').setInputFiles({ name: 'bad.yaml', mimeType: 'text/yaml', buffer: Buffer.from(text) });
    await waitRuns(page, n + 1);
    const error = await page.locator('#error').innerText();
    assert.match(error, /bad\.yaml:\d+:\d+\s+protocol\.design/);
    assert.match(error, 'got "sideways"');
    await page.screenshot({ path: `${SHOTS}/bad-file.png` });
  });
});

browserTest(vizSuite, 'frame time while panning and zooming a 1,000,000-event timeline (measured, not asserted)', 'the visualizer test', async () => {
  await withPage('?debug', async (page) => {
    await page.locator('#perf-run').click();
    const figure = await page.waitForFunction(() => (window as unknown as { __vizPerf?: unknown }).__vizPerf, null, { timeout: 120_000 });
    console.log(`  viz perf: ${JSON.stringify(await figure.jsonValue())}`);
    await page.screenshot({ path: `${SHOTS}/perf.png` });
  });
});

vizSuite.run();
