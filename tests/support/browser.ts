/**
 * Headless Chromium for tests that must see a page as a person would. On a
 * machine without Chromium the tests skip loudly, except under CI
 * (BACKLAB_REQUIRE_BROWSER=1), where a missing browser is a failure: a skip
 * there would let a broken report ship unnoticed.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from 'uvu';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** BACKLAB_CHROMIUM points elsewhere on machines that keep Chromium in another place. */
export const CHROMIUM_PATH = process.env.BACKLAB_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const INSTALL_HINT = 'apt-get install -y chromium';

export type Availability = { ok: true } | { ok: false; required: boolean; message: string };

export function browserAvailability(): Availability {
  if (existsSync(CHROMIUM_PATH)) return { ok: true };
  return { ok: false, required: process.env.BACKLAB_REQUIRE_BROWSER === '1', message: `${CHROMIUM_PATH} not found` };
}

/** Registers a browser test: run it, fail it (browser required but missing) or skip it with a warning. */
export function browserTest(suite: Test, name: string, what: string, fn: () => Promise<void>): void {
  const a = browserAvailability();
  if (a.ok) {
    suite(name, fn);
  } else if (a.required) {
    suite(name, () => {
      throw new Error(`${what} needs Chromium and BACKLAB_REQUIRE_BROWSER=1 is set, but ${a.message}. Install it: ${INSTALL_HINT}`);
    });
  } else {
    console.warn(`\n*** SKIPPED: ${what} needs Chromium: ${INSTALL_HINT} (${a.message}) ***\n`);
    suite.skip(name, fn);
  }
}

/** A fresh profile per launch, so no state leaks between tests or runs. */
export async function withBrowser<T>(fn: (ctx: BrowserContext) => Promise<T>): Promise<T> {
  const profile = mkdtempSync(join(tmpdir(), 'backlab-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 720 },
  });
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export interface OpenedPage {
  page: Page;
  /** console errors, uncaught exceptions, and any request that left the file */
  problems: string[];
}

/**
 * Opens a URL and records everything that should never happen on a
 * self-contained page. `origin` is the one server the page may load from
 * (the visualizer's static site in a test); a report loads from nowhere.
 */
export async function openPage(ctx: BrowserContext, url: string, origin?: string): Promise<OpenedPage> {
  const page = await ctx.newPage();
  const problems: string[] = [];
  const local = (u: string): boolean => /^(file|data|about):/.test(u) || (origin !== undefined && u.startsWith(`${origin}/`));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (!local(r.url())) problems.push(`network request: ${r.url()}`); });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems };
}
