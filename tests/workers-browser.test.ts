/**
 * Placed actors in Chromium, served as `vite preview` serves the built site
 * (vite.config.ts sends COOP/COEP): the page is cross-origin isolated, so its
 * simulation worker steps the actors of ?workers=2 through the shared-memory
 * channel, and the trace hash is the CLI's in-process one. Served without
 * the headers, the same page steps them by message, to the same hash.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview, type PreviewServer } from 'vite';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { browserTest, openPage, withBrowser } from './support/browser.ts';
import { vizSite, waitRuns, type VizSite } from './support/viz-site.ts';

const browser = suite('placed actors in Chromium');
let dir = '';
let isolated: PreviewServer | null = null;
let plain: VizSite | null = null;

browser.before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'backlab-workers-site-'));
  await build({ configFile: 'vite.config.ts', logLevel: 'warn', build: { outDir: dir, emptyOutDir: true } });
  isolated = await preview({ configFile: 'vite.config.ts', logLevel: 'warn', build: { outDir: dir }, preview: { port: 0, host: '127.0.0.1', strictPort: false, open: false } });
  plain = await vizSite(); // the smallest static server: no headers
});

browser.after(async () => {
  await new Promise<void>((resolve) => isolated?.httpServer.close(() => resolve()) ?? resolve());
  plain?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const FILE = 'scenarios/lan-vs-lanfree.yaml';

async function placedRun(origin: string): Promise<{ hash: string | null; placement: string; isolated: boolean; problems: string[] }> {
  return withBrowser(async (ctx) => {
    const { page, problems } = await openPage(ctx, `${origin}/?scenario=lan-vs-lanfree&variant=shared&workers=2`, origin);
    await waitRuns(page, 1);
    return {
      hash: await page.locator('#hash').getAttribute('data-hash'),
      placement: await page.locator('#placement').innerText(),
      isolated: await page.evaluate(() => crossOriginIsolated),
      problems,
    };
  });
}

browserTest(browser, 'vite preview isolates the page: ?workers=2 steps through shared memory, to the in-process hash', 'the placed-actors browser test', async () => {
  const cli = runScenario(loadScenario(FILE, readFileSync(FILE, 'utf8'), { variant: 'shared' }));
  const address = isolated!.httpServer.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const got = await placedRun(origin);
  assert.ok(got.isolated, 'crossOriginIsolated under vite preview');
  assert.is(got.hash, cli.traceHash, 'the same trace as in-process');
  assert.match(got.placement, /^\d+ actors in 2 Web Workers \(\d+ \/ \d+\).*; steps through shared memory$/);
  assert.equal(got.problems, []);
});

browserTest(browser, 'a host without the headers: the same page steps by message, to the same hash', 'the placed-actors browser test', async () => {
  const cli = runScenario(loadScenario(FILE, readFileSync(FILE, 'utf8'), { variant: 'shared' }));
  const got = await placedRun(plain!.origin);
  assert.not.ok(got.isolated);
  assert.is(got.hash, cli.traceHash);
  assert.match(got.placement, /; steps by message \(the page is not cross-origin isolated\)$/);
  assert.equal(got.problems, []);
});

browser.run();
