/**
 * A Redis of the test's own: redis-server on a free port in a temporary
 * folder, stopped (and the folder removed) at the end. Where redis-server is
 * not installed the tests skip loudly, except under CI
 * (BACKLAB_REQUIRE_REDIS=1, set by .ci/run), where a missing Redis is a
 * failure: a skip there would let the queue break unnoticed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from 'uvu';

const INSTALL_HINT = 'apt-get install -y redis-server';

export function redisAvailable(): boolean {
  return spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Registers a test that needs redis-server: run it, fail it (required but missing) or skip it with a warning. */
export function redisTest(suite: Test, name: string, fn: () => Promise<void>): void {
  if (redisAvailable()) {
    suite(name, fn);
  } else if (process.env.BACKLAB_REQUIRE_REDIS === '1') {
    suite(name, () => { throw new Error(`needs redis-server and BACKLAB_REQUIRE_REDIS=1 is set, but it is not installed: ${INSTALL_HINT}`); });
  } else {
    console.warn(`\n*** SKIPPED: '${name}' needs redis-server: ${INSTALL_HINT} ***\n`);
    suite.skip(name, fn);
  }
}

export interface TestRedis {
  port: number;
  url: string;
  /** kills redis-server (SIGKILL: no persistence, every key lost) and starts a new one on the same port */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts redis-server with no persistence, on a free port of 127.0.0.1, and waits until it answers. */
export async function startRedis(extra: string[] = []): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'backlab-redis-'));
  const port = await freePort();
  let child = await serve(port, dir, extra);
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await gone;
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async restart() {
      await end('SIGKILL');
      child = await serve(port, dir, extra);
    },
    async stop() {
      await end('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function serve(port: number, dir: string, extra: string[]): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', ...extra], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  while (!(await answers(port))) {
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`redis-server on port ${port} did not answer in 10 s`); }
    await new Promise((r) => setTimeout(r, 50));
  }
  return child;
}

async function answers(port: number): Promise<boolean> {
  const { createConnection } = await import('node:net');
  return new Promise((resolve) => {
    const c = createConnection({ port, host: '127.0.0.1' }, () => { c.write('PING\r\n'); });
    c.once('data', (d) => { c.destroy(); resolve(/^(\+PONG|-NOAUTH)/.test(d.toString())); });
    c.once('error', () => resolve(false));
  });
}
