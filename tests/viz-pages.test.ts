/**
 * The visualizer tells the story at a glance (issue 24): every layer of the
 * topology drawn and connected, the Now panel telling the present and the
 * outcome, the compare view on shared axes, at 1280x800 and 1920x1080, with
 * nothing overflowing the page or clipped by its SVG; the site served below
 * a path (relative assets) under its Content-Security-Policy. Stepping time
 * on the largest bundled scenario is measured and printed, not asserted.
 * Screenshots land in /tmp/backlab-viz-pages/.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { parseScenarioText } from '../sim/scenario/source.ts';
import { topologyOf } from '../viz/topology.ts';
import { layoutTopology } from '../viz/topology-layout.ts';
import { humane, timeTicks, tickLabel } from '../viz/format.ts';
import { describe, failNowPlan } from '../viz/fail-now.ts';
import { activityOf } from '../viz/timeline-data.ts';
import { PALETTE } from '../viz/chart.ts';
import { stateAt } from '../viz/state.ts';
import { runForView } from '../viz/worker-run.ts';
import { browserTest, openPage, withBrowser } from './support/browser.ts';
import { atBothSizes as bothSizes, perKey, SIZES, stepTimes, vizSite, waitRuns, type Size, type VizSite } from './support/viz-site.ts';

const SHOTS = '/tmp/backlab-viz-pages';
const RED = ['#c0392b', '#e15759', '#ff9da7', '#ff0000', 'red'];

const topoOf = (name: string) => {
  const file = `scenarios/${name}.yaml`, text = readFileSync(file, 'utf8');
  return topologyOf(loadScenario(file, text), parseScenarioText(file, text).doc);
};

const offline = suite('visualizer pages without a browser');

offline('the flagship\'s tape library is cabled to the fabric: one FC edge per drive port the protocol names', () => {
  const topo = topoOf('lan-vs-lanfree');
  const drives = topo.edges.filter((e) => e.a === 'lib1' && e.b === 'sw1' && e.kind === 'fc');
  assert.equal(drives.map((e) => e.name).sort(), ['lto-d1', 'lto-d2', 'lto-d3', 'lto-d4']);
  assert.equal(drives[0].links, ['san-a/lto-d1:tx', 'san-a/lto-d1:rx'], 'the port\'s two trace links');
  // Physical HBAs and virtual FC (NPIV) both reach the switch; the VIOS joins its server by the vLAN.
  assert.ok(topo.edges.some((e) => e.name === 'lpar1-hba0' && e.what === 'HBA lpar1-hba0'));
  assert.ok(topo.edges.some((e) => e.name === 'lpar1-vfc0' && e.what === 'virtual FC lpar1-vfc0 (NPIV)'));
  assert.ok(topo.edges.some((e) => e.kind === 'vlan' && e.a === 'p1' && e.b === 'vios1' && e.links[0] === 'p1.vlan'));
  assert.equal(topo.nodes.find((n) => n.name === 'sw1')?.details, ['san-a 16GFC', 'zone tape (15)']);
});

offline('vmdr: the mirrors fas-a -> fas-b over the WAN, and each host\'s VM disks on its array', () => {
  const topo = topoOf('vmdr-student');
  const mirrors = topo.edges.filter((e) => e.kind === 'mirror');
  assert.equal(mirrors.map((e) => `${e.name} ${e.a}>${e.b} ${e.links.join(',')}`), ['m-web fas-a>fas-b wan', 'm-db fas-a>fas-b wan']);
  assert.ok(topo.edges.some((e) => e.kind === 'disk' && e.a === 'esx-a' && e.b === 'fas-a'));
  assert.ok(topo.edges.some((e) => e.name === 'wan' && e.a === 'sw-a' && e.b === 'sw-b'));
});

offline('66 partitions fold into one box per server; unfolded, they wrap onto lines, none narrower than a box', () => {
  const topo = topoOf('lanfree-sweep');
  const parts = topo.nodes.filter((n) => n.kind === 'partition');
  const folded = layoutTopology(topo, 740, new Set(), () => 0);
  const groups = folded.boxes.filter((b) => b.group !== undefined);
  assert.equal(groups.map((g) => `${g.group} ${g.members!.length}`), ['p1 33', 'p2 33']);
  assert.is(groups.reduce((n, g) => n + g.members!.length, 0), parts.length, 'every partition is in a group');
  // 64 HBAs into sw1 from one group are one edge made of all their links.
  const fc = folded.edges.filter((e) => e.kind === 'fc' && e.a === 'p1 partitions');
  assert.is(fc.length, 1);
  const open = layoutTopology(topo, 740, new Set(['p1']), () => 0);
  const shown = open.boxes.filter((b) => b.kind === 'partition' && b.group === undefined);
  assert.is(shown.length, 33);
  assert.ok(shown.every((b) => b.w >= 84 && b.x - b.w / 2 >= 0 && b.x + b.w / 2 <= 740), 'whole boxes inside the width');
  assert.ok(new Set(shown.map((b) => b.y)).size >= 4, 'on several lines');
});

offline('numbers as people read them: bytes through the SI formatter, ticks at round clock times', () => {
  assert.is(humane('failed after 593124999.9999983 of 1228047847.9214537 bytes'), 'failed after 593 MB of 1.23 GB');
  assert.is(humane('wrote 2454592615.177696 bytes'), 'wrote 2.45 GB');
  assert.is(humane('FIG. 3A step 1: back up the VMs of esx-a (backup 1)'), 'FIG. 3A step 1: back up the VMs of esx-a (backup 1)');
  assert.equal(timeTicks(0, 7200, 6), [0, 1800, 3600, 5400, 7200]);
  assert.equal(timeTicks(0, 6600, 6).map(tickLabel), ['00:00', '30:00', '1:00:00', '1:30:00']);
  assert.equal(timeTicks(0, 2400, 8).map(tickLabel), ['00:00', '05:00', '10:00', '15:00', '20:00', '25:00', '30:00', '35:00', '40:00']);
  assert.equal(timeTicks(0, 3.2, 4), [0, 1, 2, 3]);
  // the story of vmdr-student takes minutes 5 to 16 of its 2 hours: the first view fits it
  assert.equal(activityOf([{ t: 300 }, { t: 946 }], 7200), [264, 982]);
  assert.is(activityOf([{ t: 0 }, { t: 540 }], 547), undefined, 'a run that is all story is shown whole');
});

offline('fail now names the fault: a migration is a migration, not "fail now"', () => {
  assert.is(describe({ migrate: { partition: 'lpar2', to: 'p2' } }), 'migrate lpar2 to p2');
  assert.is(describe({ 'site-fails': 'primary' }), 'fail site primary');
  assert.is(failNowPlan({ faults: [{ at: '10 min', migrate: { partition: 'lpar2', to: 'p2' } }] }, 60).label, 'migrate lpar2 to p2 now');
  assert.is(failNowPlan({ topology: { sites: { east: {} } } }, 60).label, 'fail site east now');
});

offline('the state at an event is the same whichever way the cursor came (folds kept every 1,024 events)', async () => {
  const reply = await runForView({ file: 'scenarios/lan-vs-lanfree.yaml', text: readFileSync('scenarios/lan-vs-lanfree.yaml', 'utf8') });
  assert.ok(reply.ok);
  const { events, topology } = reply.view;
  assert.ok(events.length > 3 * 1024, `${events.length} events`);
  // An independent answer: where each partition runs, from the placement events alone.
  const where = (k: number): string => {
    const p = new Map(topology.nodes.filter((n) => n.server).map((n) => [n.name, n.server!]));
    for (let i = 0; i <= k; i++) if (events[i].kind === 'placement') p.set(events[i].partition!, events[i].server!);
    return JSON.stringify([...p].sort());
  };
  const ks = [events.length - 1, 5000, 4097, 4096, 4095, 2048, 1023, 1024, 17, 0, -1];
  const backwards = ks.map((k) => stateAt(events, topology, k));
  const fresh = ks.map((k) => stateAt([...events], topology, k));
  ks.forEach((k, i) => {
    const a = backwards[i], b = fresh[i];
    assert.is(a.index, Math.min(k, events.length - 1));
    assert.is(JSON.stringify([...a.placement].sort()), where(k), `placement at ${k}`);
    assert.equal([...a.placement].sort(), [...b.placement].sort());
    assert.equal([...a.failed].sort(), [...b.failed].sort());
    assert.is(a.step?.text, b.step?.text, `step at ${k}`);
  });
  assert.ok(JSON.stringify([...backwards[0].placement]).includes('["lpar2","p2"]'), 'lpar2 has moved by the end');
});

offline('the charts\' palette has no red', () => {
  assert.ok(PALETTE.length >= 8);
  for (const c of PALETTE) assert.not.ok(RED.includes(c), c);
});

offline.run();

const pages = suite('visualizer pages in Chromium');
let site: VizSite | null = null;

pages.before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // Below a path, as on a shared web server: only relative asset paths work there.
  site = await vizSite('/backlab');
});
pages.after(() => site?.close());

const atBothSizes = (query: string, shot: string, fn: (page: Page, size: Size) => Promise<void>, first?: (page: Page) => Promise<void>): Promise<void> =>
  bothSizes(site!, SHOTS, query, shot, fn, first);

const jump = async (page: Page, t: string): Promise<void> => { await page.locator('#jump').fill(t); await page.locator('#jump').press('Enter'); };
const now = (page: Page): Promise<string> => page.locator('#narration').innerText();

browserTest(pages, 'the built page carries a Content-Security-Policy and relative asset paths', 'the visualizer pages test', async () => {
  const html = readFileSync(`${site!.dir}/index.html`, 'utf8');
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'/);
  assert.not.match(html, /(src|href)="\/assets/, 'no absolute /assets paths');
  assert.match(html, /src="\.\/assets\//);
});

browserTest(pages, 'student DR: the mirror drawn, the disaster told while active, the outcome at the end', 'the visualizer pages test', async () => {
  const file = 'scenarios/vmdr-student.yaml';
  const cli = runScenario(loadScenario(file, readFileSync(file, 'utf8')));
  await atBothSizes('?scenario=vmdr-student', 'dr', async (page) => {
    assert.ok(await page.locator('#topology g.edge-hit[data-kind="mirror"][data-ends="fas-a fas-b"]').count() === 1, 'the mirror fas-a -> fas-b');
    assert.ok(await page.locator('#topology g.edge-hit[data-kind="ethernet"][data-ends="sw-a sw-b"]').count() === 1, 'the WAN');
    assert.is(await page.locator('#narration').getAttribute('aria-live'), 'polite');
    assert.ok((await page.locator('#timeline').getAttribute('aria-label'))!.length > 10, 'the canvas is labelled');
  }, async (page) => {
    // At an idle instant the panel says so, and names what comes next, not a step long over.
    const idle = 720;
    const live = cli.flows.filter((f) => f.start <= idle && (f.end ?? Infinity) > idle);
    await jump(page, '0:12:00');
    const told = await now(page);
    if (live.length === 0) assert.match(told, /Idle\n+Nothing moves now\. Next, at 0:15:00\.000: .*FIG\. 3A step 1/);
    else assert.match(told, new RegExp(`Moving \\(${live.length}\\)`, 'i'));
    assert.not.match(told, /mirror/i, 'no step long over');
    // The disaster: a banner while the site is down.
    await page.locator('.log-row', { hasText: 'fault: site-fails primary' }).click();
    assert.match(await now(page), /⚠ site primary failed at 0:\d\d:\d\d/);
    // The end: the outcome, every number through a formatter, and the checks.
    await page.locator('body').press('End');
    const end = await now(page);
    assert.match(end, 'The run is over');
    assert.match(end, `vms_recovered\n${cli.metrics.vms_recovered}`);
    assert.match(end, /rpo_max\n\d+ min \d+ s/);
    for (const c of cli.checks) assert.match(end, `${c.pass ? '✓' : '✕'} ${c.check}`);
    assert.not.match(await page.locator('.now-outcome dl').innerText(), /\d\.\d{4,}|e[+-]\d/, 'no raw floating point');
  });
});

browserTest(pages, 'flagship: the tape library on the fabric, the LAN-free data path drawn at the cursor, not the LAN\'s', 'the visualizer pages test', async () => {
  const file = 'scenarios/lan-vs-lanfree.yaml';
  const cli = runScenario(loadScenario(file, readFileSync(file, 'utf8')));
  const at = 1800;
  const routes = new Set(cli.flows.filter((f) => f.start <= at && (f.end ?? Infinity) > at).flatMap((f) => f.route));
  assert.ok(routes.has('san-a/lto-d1:rx') || routes.has('san-a/lto-d1:tx'), 'the CLI: data goes to drive 1 over the SAN at 0:30:00');
  assert.not.ok(routes.has('tsm1-lan'), 'the CLI: no data crosses the backup server\'s LAN port at 0:30:00');
  await atBothSizes('?scenario=lan-vs-lanfree', 'flagship', async (page) => {
    assert.is(await page.locator('#topology g.edge-hit[data-kind="fc"][data-ends="lib1 sw1"]').count(), 1, 'lib1 is cabled to sw1');
    assert.ok(await page.locator('#topology [data-path][data-ends="lib1 sw1"]').count() === 1, 'the data path runs through the library\'s ports');
    assert.is(await page.locator('#topology [data-path][data-ends="core tsm1"]').count(), 0, 'and not through the backup server\'s LAN');
    assert.match(await now(page), /Moving \(\d+\)\n.*: [\d.]+ [kMG]B\/s, held by /i);
    assert.match(await page.locator('#failnow').innerText(), 'migrate lpar2 to p2 now');
    assert.ok(await page.locator('#chart-legend .legend-item').count() > 0, 'the chart\'s legend');
  }, (page) => jump(page, '0:30:00'));
});

browserTest(pages, 'lanfree-sweep: 66 partitions fold by server, unfold on a click, and stay readable', 'the visualizer pages test', async () => {
  await atBothSizes('?scenario=lanfree-sweep', 'sweep', async (page, size) => {
    if (size.width === SIZES[0].width) {
      assert.is(await page.locator('#topology g.group').count(), 2, 'one box per server');
      await page.locator('#topology g.group[data-group="p1"]').click();
    }
    assert.is(await page.locator('#topology g.node[data-kind="partition"]:not(.group)').count(), 33, 'p1\'s partitions, each a box');
    const labels = await page.locator('#topology g.node[data-kind="partition"]:not(.group) > text').evaluateAll((ts) => ts.map((t) => t.firstChild?.textContent ?? ''));
    assert.ok(labels.every((l) => /^lpar\d\d$|^lanfree1$/.test(l)), `whole names: ${labels.join(' ')}`);
  });
});

browserTest(pages, 'compare: charts on shared axes, laid out after the grid, legends visible, no design in red', 'the visualizer pages test', async () => {
  await atBothSizes('?scenario=lan-vs-lanfree', 'compare', async (page) => {
    const figures = page.locator('#compare-body figure');
    assert.is(await figures.count(), 4);
    const axes = await figures.evaluateAll((fs) => fs.map((f) => {
      const [xAxis, yAxis] = f.querySelectorAll('svg > g');
      return { x: [...xAxis.querySelectorAll('text')].map((t) => t.textContent).join(' '), y: [...yAxis.querySelectorAll('text')].map((t) => t.textContent).join(' ') };
    }));
    assert.ok(axes.every((a) => a.x === axes[0].x && a.y === axes[0].y), `shared axes: ${JSON.stringify(axes)}`);
    // The lan design runs longest: its chart reaches its end, the others' stop short on the same axis.
    const reach = await figures.evaluateAll((fs) => fs.map((f) => f.querySelector('path.series')!.getBoundingClientRect().right - f.querySelector('svg')!.getBoundingClientRect().left));
    const width = await figures.first().evaluate((f) => f.querySelector('svg')!.getBoundingClientRect().width);
    assert.ok(Math.max(...reach) > width - 40, `one run spans the axis: ${reach.map(Math.round)} of ${Math.round(width)}`);
    const strokes = await page.locator('#compare-body path.series').evaluateAll((ps) => ps.map((p) => p.getAttribute('stroke')));
    for (const s of strokes) assert.not.ok(RED.includes(s ?? ''), `series colour ${s}`);
    assert.ok(await page.locator('#compare-body .chart-legend .legend-item').count() >= 4, 'legends');
  }, async (page) => {
    await page.locator('#compare').click();
    await page.locator('#compare-view').waitFor({ state: 'visible', timeout: 300_000 });
    await page.waitForTimeout(200);
  });
});

browserTest(pages, 'stepping on consistentsnap, the largest bundled scenario (measured and printed, not asserted)', 'the visualizer pages test', async () => {
  await withBrowser(async (ctx) => {
    const { page, problems } = await openPage(ctx, `${site!.url}?scenario=consistentsnap`, site!.origin);
    await page.setViewportSize(SIZES[0]);
    await waitRuns(page, 1);
    const events = await page.evaluate(() => Number(document.getElementById('narration')!.textContent!.match(/of (\d+)/)![1]));
    const ms = await stepTimes(page);
    console.log(`  viz stepping on consistentsnap (${events} events): ${perKey(ms)}`);
    assert.ok(await page.locator('#log .log-row').count() < 200, 'the log holds the rows in view, not 49,000');
    assert.match(await page.locator('.log-row.current').innerText(), /\d:\d\d:\d\d\.\d{3}/);
    await page.screenshot({ path: `${SHOTS}/consistentsnap-1280x800.png` });
    assert.equal(problems, []);
  });
});

pages.run();
