/**
 * `backlab worker` on a password-protected Redis of the test's own: jobs
 * that are not a scenario document and its settings are refused, each
 * once, and `backlab fuzz --queue` finds what the local fuzz finds.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { redisTest, startRedis } from './support/redis.ts';
import { docHashOf, QueueDocs } from '../sim/cli/queue-docs.ts';
import { parseQueueUrl } from '../sim/cli/queue-url.ts';

const bin = new URL('../bin/backlab.mjs', import.meta.url).pathname;
const version = (JSON.parse(spawnSync(process.execPath, ['-e', 'process.stdout.write(require("fs").readFileSync("package.json","utf8"))'], { encoding: 'utf8' }).stdout) as { version: string }).version;
const PASSWORD = 'not-a-secret';

const worker = suite('backlab worker');

redisTest(worker, 'with a password: malformed jobs, paths and invalid scenarios are refused once; a good job runs', async () => {
  const r = await startRedis(['--requirepass', PASSWORD]);
  const url = `redis://:${PASSWORD}@127.0.0.1:${r.port}`;
  const w: ChildProcess = spawn(process.execPath, [bin, 'worker', '--queue', url, '--jobs', '1'], { stdio: 'ignore' });
  const connection = { host: '127.0.0.1', port: r.port, password: PASSWORD };
  const queue = new Queue('runs', { connection, prefix: 'backlab' });
  const events = new QueueEvents('runs', { connection, prefix: 'backlab' });
  try {
    await events.waitUntilReady();
    const docs = new QueueDocs(parseQueueUrl(url, 'test'));
    const tiny = 'name: tiny\nuntil: 10 s\ntopology:\n  links:\n    l: { bandwidth: 1 GB/s }\nworkload:\n  flows:\n    f: { route: [l], bytes: 1 GB }\n';
    const bad = tiny.replace('bytes: 1 GB', 'bytes: lots');
    const good = { kind: 'sweep', version, run: 0, name: 'net.yaml', docHash: await docs.put(tiny), variant: null, sets: [], settings: {}, seed: 1, maxEvents: 1_000_000 };
    const badHash = await docs.put(bad);
    // A document stored under a hash that is not its own: what the worker would run is not what was checked.
    const raw = new Redis({ host: '127.0.0.1', port: r.port, password: PASSWORD });
    await raw.set(`backlab:doc:${docHashOf('name: other')}`, tiny);
    raw.disconnect();
    await docs.close();
    const cases: [string, unknown, RegExp | null][] = [
      ['good', good, null],
      ['path', { ...good, name: '../../etc/passwd' }, /^JobRefused: name .* is a path/],
      ['code', { ...good, code: 'require("child_process")' }, /^JobRefused: unknown field code/],
      ['inline', { ...good, docHash: undefined, doc: tiny }, /^JobRefused: unknown field doc/],
      ['version', { ...good, version: '0.0.0-other' }, /^JobRefused: the job is from backlab/],
      ['unknown document', { ...good, docHash: docHashOf('name: nowhere') }, /^JobRefused: the scenario document [0-9a-f]{16}… is not in Redis/],
      ['tampered document', { ...good, docHash: docHashOf('name: other') }, /^JobRefused: the scenario document stored under .* does not have that hash/],
      ['schema', { ...good, docHash: badHash }, /^ScenarioError: net\.yaml:\d+:\d+.*workload\.flows\.f\.bytes/],
      ['set', { ...good, sets: ['topology.links.l.bandwidth=fast'] }, /^ScenarioError: net\.yaml \(--set\)/],
    ];
    for (const [name, data, why] of cases) {
      const job = await queue.add(name, data, { attempts: 1 });
      if (why === null) {
        const row = JSON.parse(await job.waitUntilFinished(events, 60_000) as string) as { seed: number; traceHash: string };
        assert.is(row.seed, 1);
        assert.match(row.traceHash, /^[0-9a-f]{64}$/);
        continue;
      }
      try {
        await job.waitUntilFinished(events, 60_000);
        assert.unreachable(`job '${name}' ran`);
      } catch (e) {
        assert.match((e as Error).message, why, name);
      }
      const after = await queue.getJob(job.id!);
      assert.is(after?.attemptsStarted, 1, name);
    }
  } finally {
    await events.close();
    await queue.close();
    await new Promise((res) => { w.once('exit', res); w.kill('SIGTERM'); });
    await r.stop();
  }
});

redisTest(worker, 'SIGTERM: the worker finishes the run in progress, hands in its result and exits 0', async () => {
  const r = await startRedis();
  const w: ChildProcess = spawn(process.execPath, [bin, 'worker', '--queue', r.url, '--jobs', '1'], { stdio: 'ignore' });
  const exited = new Promise<number | null>((res) => w.once('exit', res));
  const queue = new Queue('runs', { connection: { host: '127.0.0.1', port: r.port }, prefix: 'backlab' });
  try {
    // Flapping every 0.2 s for 6 hours of virtual time: about a second of work.
    const doc = 'name: slow\nuntil: 6 h\ntopology:\n  links:\n    l: { bandwidth: 1 GB/s }\nworkload:\n  flows:\n    f: { route: [l], bytes: 1 GB }\nfaults:\n  - random: { kind: link-flap, targets: [l], mtbf: 0.2 s, mttr: 0.1 s }\n';
    const docs = new QueueDocs(parseQueueUrl(r.url, 'test'));
    const docHash = await docs.put(doc);
    await docs.close();
    const job = await queue.add('slow', { kind: 'sweep', version, run: 0, name: 'slow.yaml', docHash, variant: null, sets: [], settings: {}, seed: 1, maxEvents: 100_000_000 }, { attempts: 1 });
    const end = Date.now() + 60_000;
    while (!(await queue.getJob(job.id!))?.processedOn) {
      if (Date.now() > end) throw new Error('the job never started');
      await new Promise((res) => setTimeout(res, 20));
    }
    w.kill('SIGTERM');
    assert.is(await exited, 0);
    const after = await queue.getJob(job.id!);
    assert.ok(after?.finishedOn, 'the run in progress was finished');
    assert.match(JSON.parse(after!.returnvalue as string).traceHash, /^[0-9a-f]{64}$/);
  } finally {
    await queue.close();
    if (w.exitCode === null) w.kill('SIGKILL');
    await r.stop();
  }
});

redisTest(worker, 'fuzz --queue: the same cases and findings as the local fuzz', async () => {
  const r = await startRedis();
  const w: ChildProcess = spawn(process.execPath, [bin, 'worker', '--queue', r.url, '--jobs', '2'], { stdio: 'ignore' });
  try {
    const args = ['fuzz', '--seeds', '1..8', '--protocol', 'all', '--faults', 'heavy', '--out', '/nonexistent-unused'];
    const run = (extra: string[]) => new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const c = spawn(process.execPath, [bin, ...args, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = ''; let stderr = '';
      c.stdout.on('data', (d) => { stdout += d; }); c.stderr.on('data', (d) => { stderr += d; });
      c.once('exit', (status) => resolve({ status, stdout, stderr }));
    });
    const q = await run(['--queue', r.url]);
    const l = await run(['--jobs', '2']);
    assert.is(q.status, l.status, q.stderr);
    assert.is(q.status, 0, q.stdout);
    // The first line ends with the time taken and where it ran; the rest must be the same.
    const same = (s: string) => s.replace(/, [\d.]+ s on .*$/m, '');
    assert.is(same(q.stdout), same(l.stdout));
    assert.match(q.stdout, 'on the queue');
  } finally {
    await new Promise((res) => { w.once('exit', res); w.kill('SIGTERM'); });
    await r.stop();
  }
});

worker.run();
