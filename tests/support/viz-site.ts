/**
 * The visualizer's static site for browser tests: built by Vite into a
 * temporary directory and served by the smallest static server (files under
 * the root, nothing else), optionally below a path prefix, as a site is
 * when it is not at a server's root.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import * as assert from 'uvu/assert';
import { openPage, withBrowser } from './browser.ts';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

export interface VizSite {
  dir: string;
  server: Server;
  /** where the page is: the origin, then the prefix */
  origin: string;
  url: string;
  close(): void;
}

export async function vizSite(prefix = ''): Promise<VizSite> {
  const dir = mkdtempSync(join(tmpdir(), 'backlab-viz-'));
  await build({ configFile: 'vite.config.ts', logLevel: 'warn', build: { outDir: dir, emptyOutDir: true } });
  const server = createServer((req, res) => {
    const whole = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!whole.startsWith(`${prefix}/`)) return void res.writeHead(404).end();
    const path = normalize(whole.slice(prefix.length)).replace(/^(\.\.[/\\])+/, '');
    try {
      const body = readFileSync(join(dir, path.endsWith('/') ? `${path}index.html` : path));
      res.writeHead(200, { 'content-type': TYPES[extname(path) || '.html'] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  const origin = await new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    resolve(`http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`);
  }));
  return { dir, server, origin, url: `${origin}${prefix}/`, close: () => { server.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** Waits until the page has shown n runs (main.ts counts them on the body). */
export async function waitRuns(page: Page, n: number): Promise<void> {
  await page.waitForFunction((k) => Number(document.body.dataset.runs ?? 0) >= k, n, { timeout: 120_000 });
}

/** What a person would see wrong: sideways scrolling, text outside its SVG, a legend cut off. */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const W = window.innerWidth;
    if (document.documentElement.scrollWidth > W) out.push(`page ${document.documentElement.scrollWidth} px wide in ${W}`);
    for (const svg of document.querySelectorAll('svg')) {
      const box = svg.getBoundingClientRect();
      if (box.width === 0) continue;
      for (const t of svg.querySelectorAll('text')) {
        const r = t.getBoundingClientRect();
        if (r.width === 0) continue;
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
          out.push(`#${svg.id || svg.getAttribute('aria-label')}: "${t.textContent}" at ${Math.round(r.left)}..${Math.round(r.right)} x ${Math.round(r.top)}..${Math.round(r.bottom)} outside ${Math.round(box.left)}..${Math.round(box.right)} x ${Math.round(box.top)}..${Math.round(box.bottom)}`);
        }
      }
    }
    for (const item of document.querySelectorAll('.chart-legend .legend-item')) {
      const r = item.getBoundingClientRect();
      if (r.width === 0 || r.right > W) out.push(`legend "${item.textContent}" not visible`);
    }
    return out;
  });
}

/**
 * Milliseconds of each key's whole handler (state, Now panel, topology, log,
 * why), timed in the page from the end: 30 steps back, 30 forward, sorted.
 * The timeline draws in the next frame, which each step waits for.
 */
export function stepTimes(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const times: number[] = [];
    // No named functions in here: the test's transpiler would wrap them in a helper the page lacks.
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    for (let i = 0; i < 60; i++) {
      const t0 = performance.now();
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: i < 30 ? 'ArrowLeft' : 'ArrowRight', bubbles: true }));
      times.push(performance.now() - t0);
      await new Promise((r) => requestAnimationFrame(r));
    }
    return times.sort((a, b) => a - b);
  });
}

/** Sorted step times in words: median, mean, p95 and max per key. */
export function perKey(ms: readonly number[]): string {
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  return `${ms[Math.floor(ms.length / 2)].toFixed(2)} ms median, ${mean.toFixed(2)} ms mean, ${ms[Math.floor(ms.length * 0.95)].toFixed(2)} ms p95, ${ms[ms.length - 1].toFixed(2)} ms max per key`;
}

/** The two screens the pages are held to (issue 24). */
export const SIZES = [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }];
export type Size = (typeof SIZES)[number];

/**
 * Opens the site at a query, waits for its run, checks the page at both
 * sizes (resizing redraws: no overflow, no text outside its SVG) and
 * screenshots each into `shots`; no console errors (a CSP violation is one),
 * page errors or requests elsewhere.
 */
export async function atBothSizes(site: VizSite, shots: string, query: string, shot: string, fn: (page: Page, size: Size) => Promise<void>, first?: (page: Page) => Promise<void>): Promise<void> {
  await withBrowser(async (ctx) => {
    const { page, problems } = await openPage(ctx, `${site.url}${query}`, site.origin);
    await page.setViewportSize(SIZES[0]);
    await waitRuns(page, 1);
    await first?.(page);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.waitForTimeout(200); // the resize observers redraw in the next frame
      await fn(page, size);
      assert.equal(await layoutProblems(page), [], `${shot} at ${size.width}x${size.height}`);
      await page.screenshot({ path: `${shots}/${shot}-${size.width}x${size.height}.png`, fullPage: true });
    }
    assert.equal(problems, [], 'no console errors (a CSP violation is one), page errors or requests elsewhere');
  });
}
