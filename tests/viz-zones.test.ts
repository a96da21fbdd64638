/**
 * FC zones and virtual FC on the visualizer's topology (issue 24): every
 * zone's members carry its badge (the LAN-free clients' HBAs and the tape
 * drives they are zoned with), a legend names the zones inside the viewport,
 * a partition's physical HBA and its virtual FC (NPIV, through the VIOS) to
 * the same switch are two lines of different styles, and the data path takes
 * the one its design uses. In real headless Chromium at 1280x800 and
 * 1920x1080; screenshots land in /tmp/backlab-viz-zones/.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { parseScenarioText } from '../sim/scenario/source.ts';
import { topologyOf } from '../viz/topology.ts';
import { layoutTopology } from '../viz/topology-layout.ts';
import { flowLegend, zoneMarks } from '../viz/topology-zones-view.ts';
import type { Topology } from '../viz/run-view.ts';
import { browserTest, openPage, withBrowser } from './support/browser.ts';
import { atBothSizes as bothSizes, layoutProblems, perKey, SIZES, stepTimes, vizSite, waitRuns, type Size, type VizSite } from './support/viz-site.ts';

const SHOTS = '/tmp/backlab-viz-zones';
const FLAGSHIP = 'scenarios/lan-vs-lanfree.yaml';

const topoOf = (file: string, text = readFileSync(file, 'utf8')): Topology => topologyOf(loadScenario(file, text), parseScenarioText(file, text).doc);

/** The zones as the simulator resolved them (the fabrics family): zone name -> its ports. */
function resolvedZones(file: string, text = readFileSync(file, 'utf8')): Map<string, string[]> {
  const fabrics = loadScenario(file, text).models.get('fabrics') as { zones: { name: string; ports: string[] }[] }[];
  return new Map(fabrics.flatMap((f) => f.zones.map((z) => [z.name, [...z.ports].sort()] as const)));
}

/**
 * The sizing flagship (64 client partitions, each with an HBA and a virtual
 * FC port) zoned as SAN vendors advise, one initiator per zone: a zone for
 * every host and partition with an FC port, each with all 16 drives.
 */
function singleInitiatorZoned(): { file: string; text: string; zones: number } {
  const file = 'scenarios/sizing-flagship.yaml';
  const text = readFileSync(file, 'utf8');
  const hosts = [...new Set([...text.matchAll(/^ {8}\S+: \{ switch: sw1, host: ([\w-]+)/gm)].map((m) => m[1]))];
  const drives = [...text.matchAll(/^ {8}(lto-d\d+): \{ switch: sw1 \}/gm)].map((m) => m[1]);
  const zones = hosts.map((h) => `        z-${h}: [${h}, ${drives.join(', ')}]`).join('\n');
  const zoned = text.replace('      # no zones: all-access, as a fabric ships\n', `      zones:\n${zones}\n`);
  assert.is.not(zoned, text);
  return { file: 'many-zones.yaml', text: zoned, zones: hosts.length };
}

const offline = suite('zones and virtual FC without a browser');

offline('the flagship\'s zone reaches the LAN-free clients, the backup server and the library whose drives it holds', () => {
  const topo = topoOf(FLAGSHIP);
  const model = resolvedZones(FLAGSHIP);
  assert.equal(topo.zones.map((z) => z.name), [...model.keys()]);
  const tape = topo.zones[0];
  assert.equal([...tape.ports].sort(), model.get('tape'), 'the same ports the simulator zones together');
  assert.equal(tape.targets, ['lto-d1', 'lto-d2', 'lto-d3', 'lto-d4']);
  const members = new Map(tape.members.map((m) => [m.node, m.ports]));
  assert.equal(members.get('lib1'), ['lto-d1', 'lto-d2', 'lto-d3', 'lto-d4'], 'the drives\' ports, on their library');
  assert.equal(members.get('lpar1'), ['lpar1-hba0', 'lpar1-vfc0'], 'a client\'s HBA and its virtual WWPN');
  assert.equal(members.get('lanfree1'), ['lanfree1-hba0']);
  // The VIOS's own port is not zoned with the drives: the partitions' virtual WWPNs are.
  for (const n of ['vios1', 'vios2', 'sw1', 'core', 'p1']) assert.not.ok(members.has(n), n);
});

offline('fc.yaml: storage and drive ports with no device behind them are boxes, so two zones reach their targets', () => {
  const topo = topoOf('scenarios/fc.yaml');
  const model = resolvedZones('scenarios/fc.yaml');
  assert.equal(topo.nodes.filter((n) => n.kind === 'port').map((n) => n.name), ['lto-d1', 'disk-p0']);
  const of = (z: string): string[] => topo.zones.find((x) => x.name === z)!.members.map((m) => m.node).sort();
  assert.equal(of('tape'), ['host1', 'host2', 'lto-d1']);
  assert.equal(of('disk'), ['disk-p0', 'host2'], 'host2-hba0 stands for host2; the disk port for itself');
  for (const z of topo.zones) assert.equal([...z.ports].sort(), model.get(z.name));
  assert.ok(topo.edges.some((e) => e.name === 'disk-p0' && e.a === 'disk-p0' && e.b === 'sw2' && e.kind === 'fc'), 'the storage port is cabled to its switch');
});

offline('a partition\'s HBA and its virtual FC are two edges of two kinds; the virtual one names the VIOS it crosses', () => {
  const topo = topoOf(FLAGSHIP);
  const hba = topo.edges.find((e) => e.name === 'lpar1-hba0')!, vfc = topo.edges.find((e) => e.name === 'lpar1-vfc0')!;
  assert.equal([hba.kind, hba.a, hba.b, hba.via], ['fc', 'lpar1', 'sw1', undefined]);
  assert.equal([vfc.kind, vfc.a, vfc.b, vfc.via], ['vfc', 'lpar1', 'sw1', 'vios1']);
  assert.is(topo.edges.find((e) => e.name === 'lpar5-vfc0')!.via, 'vios2');
  const layout = layoutTopology(topo, 1200, new Set(), () => 0);
  assert.equal(layout.edges.filter((e) => e.a === 'lpar1' || e.b === 'lpar1').filter((e) => e.b === 'sw1' || e.a === 'sw1').map((e) => e.kind).sort(), ['fc', 'vfc']);
  // Folded: 32 HBAs are one edge and the 32 virtual ports another, not one line for both.
  const many = topoOf('scenarios/sizing-flagship.yaml');
  const folded = layoutTopology(many, 740, new Set(), () => 0);
  const fromGroup = folded.edges.filter((e) => e.a === 'p1 partitions' && e.b === 'sw1');
  assert.equal(fromGroup.map((e) => `${e.kind} ${e.parts.length}`).sort(), ['fc 33', 'vfc 32']);
});

offline('a folded group wears the zones of its members; the legend folds past three rows into "more"', () => {
  const { file, text, zones } = singleInitiatorZoned();
  const topo = topoOf(file, text);
  assert.is(topo.zones.length, zones);
  const layout = layoutTopology(topo, 740, new Set(), () => 0);
  const group = layout.boxes.find((b) => b.group === 'p1')!;
  const marks = zoneMarks(topo.zones, group);
  // An independent count: the zones that name one of p1's partitions.
  const p1 = new Set(group.members);
  assert.is(marks.length, topo.zones.filter((z) => z.members.some((m) => p1.has(m.node))).length);
  assert.is(marks.length, 33);
  assert.ok(marks.every((m) => m.nodes === 1), 'one initiator per zone');
  assert.is(zoneMarks(topo.zones, layout.boxOf.get('lib1')!).length, zones, 'the library is in every zone');
  // 10 entries of 100 px in 300 px: 3 a row; past 2 rows the rest fold, and "more" fits in the last row.
  const flow = flowLegend(Array(10).fill(100), 0, 300, 2, 60);
  assert.equal(flow.at.map((p) => p.row), [0, 0, 0, 1, 1]);
  assert.equal(flow.more, { x: 200, row: 1 });
  assert.is(flowLegend(Array(4).fill(100), 0, 300, 2, 60).more, null, 'all fit: nothing folds');
});

offline.run();

const pages = suite('zones and virtual FC in Chromium');
let site: VizSite | null = null;
pages.before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  site = await vizSite();
});
pages.after(() => site?.close());

/** The badges each node wears: node -> zone names. */
const badges = (page: Page): Promise<Record<string, string[]>> => page.locator('#topology g.node').evaluateAll((gs) => Object.fromEntries(
  gs.map((g) => [g.getAttribute('data-node')!, [...g.querySelectorAll('.zone-badge')].map((b) => b.getAttribute('data-zone')!)]),
));

/** An edge's drawn line: its dash, and the points its path goes through in page coordinates. */
const line = (page: Page, kind: string, ends: string) => page.locator(`#topology g.edge-hit[data-kind="${kind}"][data-ends="${ends}"] path.edge`).evaluate((p: SVGPathElement) => {
  const m = p.getScreenCTM()!;
  const pts = [...p.getAttribute('d')!.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map(([, x, y]) => new DOMPoint(Number(x), Number(y)).matrixTransform(m));
  return { dash: p.getAttribute('stroke-dasharray'), points: pts.map((q) => ({ x: q.x, y: q.y })) };
});
const boxOf = (page: Page, node: string) => page.locator(`#topology g.node[data-node="${node}"] > rect`).first().evaluate((r) => {
  const b = r.getBoundingClientRect();
  return { left: b.left, right: b.right, top: b.top, bottom: b.bottom };
});

const atBothSizes = (query: string, shot: string, fn: (page: Page, size: Size) => Promise<void>, first?: (page: Page) => Promise<void>): Promise<void> =>
  bothSizes(site!, SHOTS, query, shot, fn, first);

browserTest(pages, 'flagship: the tape zone\'s members wear its badge, the legend names it in view, and lights its members', 'the visualizer zones test', async () => {
  const topo = topoOf(FLAGSHIP);
  const members = new Set(topo.zones[0].members.map((m) => m.node));
  await atBothSizes('?scenario=lan-vs-lanfree', 'flagship-zones', async (page, size) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    const worn = await badges(page);
    for (const n of topo.nodes) assert.equal(worn[n.name] ?? [], members.has(n.name) ? ['tape'] : [], `${n.name}'s zones`);
    assert.ok(worn.lpar1.includes('tape') && worn.lib1.includes('tape'), 'the LAN-free client and the tape drives share a zone');
    const items = page.locator('#topology .zone-legend .zone-item');
    assert.is(await items.count(), 1);
    assert.match(await items.first().textContent() ?? '', 'tape: 19 initiators, 4 targets');
    const r = await items.first().evaluate((el) => { const b = el.getBoundingClientRect(); return { left: b.left, right: b.right, top: b.top, bottom: b.bottom }; });
    assert.ok(r.left >= 0 && r.right <= size.width && r.top >= 0 && r.bottom <= size.height, `the legend in the viewport: ${JSON.stringify(r)}`);
    // A click keeps the zone lit across steps; a second lets go.
    await items.first().click();
    const lit = () => page.locator('#topology g.node.zone-lit').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-node')!).sort());
    assert.equal(await lit(), [...members].sort());
    await page.locator('body').press('ArrowRight');
    assert.ok(await page.locator('#topology.zone-focus').count() === 1, 'still lit after a step');
    assert.equal(await lit(), [...members].sort());
    assert.ok(await page.locator('#topology g.edge-hit.zone-lit[data-kind="fc"][data-ends="lib1 sw1"]').count() === 1, 'the drives\' cable is lit too');
    assert.is(await page.locator('#topology g.edge-hit.zone-lit[data-ends="sw1 vios1"]').count(), 0, 'the VIOS\'s own port is not in the zone');
    await page.screenshot({ path: `${SHOTS}/flagship-zone-lit-${size.width}x${size.height}.png` });
    await items.first().click();
    assert.is(await page.locator('#topology.zone-focus').count(), 0);
  });
});

browserTest(pages, 'flagship: a partition\'s HBA and its virtual FC are two lines to sw1, solid and dashed, the virtual one through its VIOS', 'the visualizer zones test', async () => {
  await atBothSizes('?scenario=lan-vs-lanfree', 'flagship-fc', async (page) => {
    for (const [lpar, vios] of [['lpar1', 'vios1'], ['lpar5', 'vios2']]) {
      assert.is(await page.locator(`#topology g.edge-hit[data-ends="${lpar} sw1"]`).count(), 2, `${lpar}: two lines to sw1`);
      const hba = await line(page, 'fc', `${lpar} sw1`), vfc = await line(page, 'vfc', `${lpar} sw1`);
      assert.is(hba.dash, null, 'the physical HBA: solid');
      assert.ok(vfc.dash !== null && vfc.dash !== hba.dash, `the virtual FC: dashed (${vfc.dash})`);
      const [p0, c, p1] = hba.points;
      const across = Math.abs((p1.x - p0.x) * (c.y - p0.y) - (p1.y - p0.y) * (c.x - p0.x)) / Math.hypot(p1.x - p0.x, p1.y - p0.y);
      assert.ok(across < 1, `the HBA runs straight to the switch (${across.toFixed(2)} px off)`);
      const box = await boxOf(page, vios);
      const mid = vfc.points[1];
      assert.ok(mid.x >= box.left && mid.x <= box.right && mid.y >= box.top && mid.y <= box.bottom, `${lpar}'s virtual FC turns inside ${vios}: ${JSON.stringify(mid)} in ${JSON.stringify(box)}`);
    }
  }, async (page) => {
    // lpar2 has moved to p2 by the end: its virtual FC now crosses vios2 (its WWPN pair moved with it).
    await page.locator('body').press('End');
    assert.is(await page.locator('#topology g.edge-hit[data-kind="vfc"][data-ends="lpar2 sw1"]').getAttribute('data-via'), 'vios2');
    await page.locator('body').press('Home');
    assert.is(await page.locator('#topology g.edge-hit[data-kind="vfc"][data-ends="lpar2 sw1"]').getAttribute('data-via'), 'vios1');
  });
});

browserTest(pages, 'the dedicated design\'s data path takes the HBAs, the NPIV design\'s the virtual FC lines', 'the visualizer zones test', async () => {
  await withBrowser(async (ctx) => {
    for (const [variant, used, unused] of [['dedicated', 'fc', 'vfc'], ['npiv', 'vfc', 'fc']]) {
      const { page, problems } = await openPage(ctx, `${site!.url}?scenario=lan-vs-lanfree&variant=${variant}&t=1200`, site!.origin);
      await page.setViewportSize(SIZES[0]);
      await waitRuns(page, 1);
      await page.waitForTimeout(200);
      const onPath = (kind: string) => page.locator(`#topology .data-path [data-kind="${kind}"]`).evaluateAll((ps) => ps.map((p) => p.getAttribute('data-ends')!).filter((e) => /^lpar/.test(e)));
      assert.ok((await onPath(used)).length > 0, `${variant}: the clients' ${used} lines carry the data`);
      assert.equal(await onPath(unused), [], `${variant}: no ${unused} line does`);
      await page.screenshot({ path: `${SHOTS}/${variant}-path-1280x800.png`, fullPage: true });
      console.log(`  viz stepping on lan-vs-lanfree (${variant}): ${perKey(await stepTimes(page))}`);
      assert.equal(problems, []);
      await page.close();
    }
  });
});

browserTest(pages, 'single-initiator zoning of 64 partitions: groups wear their members\' zones, the legend folds and unfolds, nothing overflows', 'the visualizer zones test', async () => {
  const { file, text, zones } = singleInitiatorZoned();
  await atBothSizes('?scenario=fc', 'many-zones', async (page, size) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    const worn = await page.locator('#topology g.group[data-group="p1"]').evaluate((g) => ({ badges: g.querySelectorAll('.zone-badge').length, more: g.querySelector('.zone-more')?.firstChild?.textContent, zones: g.getAttribute('data-zones')!.split(' ').length }));
    assert.equal(worn, { badges: 3, more: '+30', zones: 33 }, 'p1\'s 33 partitions, each zoned alone');
    const items = await page.locator('#topology .zone-item').count();
    assert.ok(items > 0 && items < zones, `folded: ${items} of ${zones} entries`);
    const more = page.locator('#topology .zone-more-toggle');
    assert.match(await more.textContent() ?? '', `${zones - items} more ▸`);
    const legend = await page.locator('#topology .zone-legend').evaluate((el) => el.getBoundingClientRect().bottom);
    assert.ok(legend <= size.height, 'the folded legend in view');
    await more.click();
    assert.is(await page.locator('#topology .zone-item').count(), zones, 'unfolded: every zone');
    assert.equal(await layoutProblems(page), [], 'unfolded');
    await page.screenshot({ path: `${SHOTS}/many-zones-all-${size.width}x${size.height}.png`, fullPage: true });
    await page.locator('#topology .zone-more-toggle').click();
    assert.is(await page.locator('#topology .zone-item').count(), items, 'folded again');
    // The most zones and FC lines of any page here: each step redraws every badge (measured and printed, not asserted).
    if (size.width === SIZES[0].width) console.log(`  viz stepping with ${zones} zones and 64 partitions folded: ${perKey(await stepTimes(page))}`);
  }, async (page) => {
    await page.setInputFiles('#file', { name: file, mimeType: 'text/yaml', buffer: Buffer.from(text) });
    await waitRuns(page, 2);
  });
});

pages.run();
