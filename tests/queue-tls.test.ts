/**
 * `rediss://`: a sweep through a Redis that speaks TLS only on the port the
 * URL names, its certificate signed by a test authority the processes trust
 * (NODE_EXTRA_CA_CERTS) and checked against the host's name. Needs
 * redis-server (built with TLS, as Debian's is) and openssl.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, redisTest, startRedis } from './support/redis.ts';
import { flappingNet } from './support/flapping-net.ts';

const bin = new URL('../bin/backlab.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'backlab-tls-'));

/** A certificate authority and a server certificate for localhost it signed. */
function certificates(): { ca: string; cert: string; key: string } {
  const f = (n: string) => join(dir, n);
  const ssl = (...args: string[]) => {
    const r = spawnSync('openssl', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl ${args[0]}: ${r.stderr}`);
  };
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=backlab test CA', '-keyout', f('ca.key'), '-out', f('ca.pem'));
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-keyout', f('server.key'), '-out', f('server.csr'));
  writeFileSync(f('san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  ssl('x509', '-req', '-in', f('server.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-days', '1', '-extfile', f('san.ext'), '-out', f('server.pem'));
  return { ca: f('ca.pem'), cert: f('server.pem'), key: f('server.key') };
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  return new Promise((resolve) => child.once('exit', (status) => resolve({ status, stderr })));
}

const tls = suite('rediss://');

redisTest(tls, 'a sweep and its worker over TLS give the local sweep\'s runs.csv', async () => {
  const c = certificates();
  const port = await freePort();
  const r = await startRedis(['--tls-port', String(port), '--tls-cert-file', c.cert, '--tls-key-file', c.key, '--tls-ca-cert-file', c.ca, '--tls-auth-clients', 'no']);
  const env = { ...process.env, NODE_EXTRA_CA_CERTS: c.ca };
  const url = `rediss://localhost:${port}`;
  const file = join(dir, 'net.yaml');
  writeFileSync(file, flappingNet('net'));
  const worker = spawn(process.execPath, [bin, 'worker', '--queue', url, '--jobs', '1'], { stdio: 'ignore', env });
  try {
    const args = ['sweep', file, '--seeds', '1..3'];
    const q = await run([...args, '--queue', url, '--queue-timeout', '120', '--out', join(dir, 'q')], env);
    assert.is(q.status, 0, q.stderr);
    assert.match(q.stderr, /on rediss:\/\/localhost:\d+/);
    const l = spawnSync(process.execPath, [bin, ...args, '--jobs', '1', '--out', join(dir, 'l')], { encoding: 'utf8' });
    assert.is(l.status, 0, l.stderr);
    const csv = (out: string) => readFileSync(join(dir, out, 'sweep-net', 'runs.csv'), 'utf8');
    assert.is(csv('q'), csv('l'));
    // Without the authority trusted, the certificate is refused: no connection, and the command gives up as told.
    const untrusted = await run([...args, '--queue', url, '--queue-timeout', '3', '--out', join(dir, 'u')], { ...process.env, NODE_EXTRA_CA_CERTS: '' });
    assert.is(untrusted.status, 75, untrusted.stderr);
    assert.match(untrusted.stderr, /certificate/);
  } finally {
    worker.kill('SIGKILL');
    await r.stop();
  }
});

tls.after(() => rmSync(dir, { recursive: true, force: true }));
tls.run();
