/**
 * `backlab size --queue`: the search's runs on `backlab worker` processes
 * give the answer the local threads give (frontier, choice, failing
 * neighbours with their measurements and replay lines), for the search and
 * for --sweep-instant. Needs redis-server (BACKLAB_REQUIRE_REDIS=1 fails
 * instead of skipping).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { redisTest, startRedis } from './support/redis.ts';

const bin = new URL('../bin/backlab.mjs', import.meta.url).pathname;

function runAsync(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '', stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  return new Promise((resolve) => child.once('exit', (status) => resolve({ status, stdout, stderr })));
}

/** The answer without the notes, which say where and how fast the runs went. */
const answer = (stdout: string) => { const o = JSON.parse(stdout); delete o.notes; return o; };

const size = suite('size --queue');

redisTest(size, 'the search and --sweep-instant on a worker process answer as the local threads do', async () => {
  const r = await startRedis();
  const worker: ChildProcess = spawn(process.execPath, [bin, 'worker', '--queue', r.url, '--jobs', '1'], { stdio: 'ignore' });
  try {
    const search = ['size', 'scenarios/sizing-vmdr.yaml', '--goal', 'rpo_max <= 8 min', '--set', 'protocol.plan.backup=5 min',
      '--vary', 'topology.links.wan.bandwidth=[8 MB/s, 9.5 MB/s, 10.5 MB/s, 12 MB/s]', '--json'];
    const q = await runAsync([...search, '--queue', r.url, '--queue-timeout', '120']);
    const l = spawnSync(process.execPath, [bin, ...search, '--jobs', '1'], { encoding: 'utf8' });
    assert.is(q.status, 0, q.stderr);
    assert.is(l.status, 0, l.stderr);
    assert.equal(answer(q.stdout), answer(l.stdout));
    assert.equal(answer(q.stdout).chosen.values, { 'topology.links.wan.bandwidth': '10.5 MB/s' });

    const sweep = ['size', 'scenarios/sizing-vmdr.yaml', '--sweep-instant', 'site-fails:primary', '--window', '10950.5 s..11250.5 s', '--instants', '4', '--json'];
    const qs = await runAsync([...sweep, '--queue', r.url, '--queue-timeout', '120']);
    const ls = spawnSync(process.execPath, [bin, ...sweep, '--jobs', '1'], { encoding: 'utf8' });
    assert.is(qs.status, ls.status, qs.stderr);
    assert.equal(JSON.parse(qs.stdout), JSON.parse(ls.stdout));
  } finally {
    worker.kill('SIGKILL');
    await r.stop();
  }
});

size.run();
