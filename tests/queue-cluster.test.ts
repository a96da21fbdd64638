/**
 * `backlab sweep --queue` and `backlab worker` against a real Redis of the
 * test's own (tests/support/redis.ts): the same runs.csv as the local sweep,
 * a worker SIGKILLed mid-run, a submitter killed and resumed, a run that
 * fails reported once, and no worker at all.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, type Job } from 'bullmq';
import { redisTest, startRedis, type TestRedis } from './support/redis.ts';
import { flappingNet } from './support/flapping-net.ts';

const bin = new URL('../bin/backlab.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'backlab-queue-'));

const NET = flappingNet('net');
// The same, flapping every 0.2 s for 6 hours: about a second a run, long enough to kill a worker in the middle of one.
const SLOW = NET.replace('until: 60 s', 'until: 6 h').replace('mtbf: 20 s, mttr: 1 s', 'mtbf: 0.2 s, mttr: 0.1 s').replace('makespan < 40 s', 'makespan < 4000 s');
const net = join(dir, 'net.yaml');
const slow = join(dir, 'slow.yaml');
writeFileSync(net, NET);
writeFileSync(slow, SLOW);
const BW = 'topology.links.wan.bandwidth';

interface Done { status: number | null; stdout: string; stderr: string }

/** The command in a child process; resolves when it ends (a hung one fails the test after 120 s). */
function backlab(args: string[]): { child: ChildProcess; done: Promise<Done> } {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => { stdout += d; });
  child.stderr!.on('data', (d) => { stderr += d; });
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const done = new Promise<Done>((resolve) => child.once('exit', (status) => { clearTimeout(timer); resolve({ status, stdout, stderr }); }));
  return { child, done };
}

function startWorker(r: TestRedis, ...extra: string[]): ChildProcess {
  return backlab(['worker', '--queue', r.url, '--jobs', '1', '--lock', '2', ...extra]).child;
}

async function stopAll(workers: ChildProcess[]): Promise<void> {
  await Promise.all(workers.map((w) => (w.exitCode !== null || w.signalCode !== null ? null : new Promise((res) => { w.once('exit', res); w.kill('SIGKILL'); }))));
}

const local = (file: string, out: string, ...args: string[]) => spawnSync(process.execPath, [bin, 'sweep', file, ...args, '--jobs', '2', '--out', join(dir, out)], { encoding: 'utf8', timeout: 120_000 });
const csvOf = (out: string, name: string) => readFileSync(join(dir, out, `sweep-${name}`, 'runs.csv'), 'utf8');

async function until(what: string, ok: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`waited ${ms / 1000} s for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function jobsOf(r: TestRedis): Promise<Job[]> {
  const q = new Queue('runs', { connection: { host: '127.0.0.1', port: r.port }, prefix: 'backlab' });
  try {
    return (await q.getJobs(['completed', 'failed', 'waiting', 'active', 'delayed'])).filter(Boolean);
  } finally {
    await q.close();
  }
}

const sweep = suite('sweep --queue');

redisTest(sweep, 'through the queue with 2 worker processes: runs.csv and the table byte-identical to the local sweep', async () => {
  const r = await startRedis();
  const workers = [startWorker(r), startWorker(r)];
  try {
    const args = ['--set', `${BW}=[100 MB/s, 200 MB/s]`, '--seeds', '1..4'];
    const q = await backlab(['sweep', net, ...args, '--queue', r.url, '--out', join(dir, 'q')]).done;
    const l = local(net, 'l', ...args);
    assert.is(q.status, 0, q.stderr);
    assert.is(l.status, 0, l.stderr);
    assert.is(csvOf('q', 'net'), csvOf('l', 'net'));
    assert.is(q.stdout.replaceAll(join(dir, 'q'), 'OUT'), l.stdout.replaceAll(join(dir, 'l'), 'OUT'));
    assert.match(q.stderr, /sweep [0-9a-f]{16}: 8 runs on redis:\/\/127\.0\.0\.1:\d+/);
    const jobs = await jobsOf(r);
    assert.is(jobs.length, 8);
    assert.ok(jobs.every((j) => j.attemptsStarted === 1 && j.finishedOn));
  } finally {
    await stopAll(workers);
    await r.stop();
  }
});

redisTest(sweep, 'a worker SIGKILLed mid-run: the run is taken over after --lock, and every run is in runs.csv once', async () => {
  const r = await startRedis();
  const first = startWorker(r);
  const workers = [first];
  try {
    const args = ['--seeds', '1..3'];
    const q = backlab(['sweep', slow, ...args, '--queue', r.url, '--out', join(dir, 'k')]);
    await until('a run in progress', async () => (await jobsOf(r)).some((j) => j.processedOn !== undefined && !j.finishedOn));
    first.kill('SIGKILL');
    workers.push(startWorker(r));
    const done = await q.done;
    assert.is(done.status, 0, done.stderr);
    const l = local(slow, 'kl', ...args);
    assert.is(l.status, 0, l.stderr);
    assert.is(csvOf('k', 'slow'), csvOf('kl', 'slow'));
    const jobs = await jobsOf(r);
    assert.is(jobs.length, 3);
    // The killed run was started twice and finished once; the others started once.
    assert.equal(jobs.map((j) => j.attemptsStarted).sort(), [1, 1, 2]);
  } finally {
    await stopAll(workers);
    await r.stop();
  }
});

redisTest(sweep, 'the submitting command killed: the same command again resumes, and runs nothing twice', async () => {
  const r = await startRedis();
  const workers: ChildProcess[] = [];
  try {
    const args = ['sweep', net, '--seeds', '1..6', '--queue', r.url, '--out', join(dir, 'res')];
    const gone = backlab(args);
    await until('6 runs enqueued', async () => (await jobsOf(r)).length === 6);
    gone.child.kill('SIGKILL');
    await gone.done;
    workers.push(startWorker(r));
    await until('6 runs finished', async () => (await jobsOf(r)).filter((j) => j.finishedOn).length === 6);
    const again = await backlab(args).done;
    assert.is(again.status, 0, again.stderr);
    assert.match(again.stderr, '6 finished before (not run again)');
    const l = local(net, 'resl', '--seeds', '1..6');
    assert.is(csvOf('res', 'net'), csvOf('resl', 'net'));
    assert.ok((await jobsOf(r)).every((j) => j.attemptsStarted === 1));
  } finally {
    await stopAll(workers);
    await r.stop();
  }
});

redisTest(sweep, 'a run that fails is reported once with its seed, as the local sweep reports it, and not retried', async () => {
  const r = await startRedis();
  const workers = [startWorker(r)];
  try {
    // 1000 events are too few for any run: every run stops at the ceiling, the same way on every attempt.
    const args = ['--seeds', '1', '--max-events', '1000'];
    const q = await backlab(['sweep', slow, ...args, '--queue', r.url, '--out', join(dir, 'f')]).done;
    const l = local(slow, 'fl', ...args);
    assert.is(l.status, 2, l.stderr);
    assert.is(q.status, 2, q.stderr);
    const message = (s: string) => s.split('\n').filter((x) => x.startsWith('backlab:') || x.includes('to run it alone'));
    assert.equal(message(q.stderr), message(l.stderr));
    assert.match(q.stderr, 'seed 1');
    const failed = (await jobsOf(r)).filter((j) => j.failedReason);
    assert.is(failed.length, 1);
    assert.ok(failed.every((j) => j.attemptsStarted === 1 && /^EventCeilingError: /.test(j.failedReason)));
  } finally {
    await stopAll(workers);
    await r.stop();
  }
});

redisTest(sweep, 'Redis killed and restarted empty mid-sweep: the command waits, enqueues again what Redis lost, and completes the same', async () => {
  const r = await startRedis();
  const workers = [startWorker(r), startWorker(r)];
  try {
    const args = ['--seeds', '1..6'];
    const q = backlab(['sweep', slow, ...args, '--queue', r.url, '--out', join(dir, 'rr')]);
    await until('a run finished', async () => (await jobsOf(r)).some((j) => j.finishedOn));
    await r.restart();
    const done = await q.done;
    assert.is(done.status, 0, done.stderr);
    const l = local(slow, 'rrl', ...args);
    assert.is(csvOf('rr', 'slow'), csvOf('rrl', 'slow'));
  } finally {
    await stopAll(workers);
    await r.stop();
  }
});

redisTest(sweep, 'no worker: the command says so, and --queue-timeout ends it with exit 75 having written nothing', async () => {
  const r = await startRedis();
  try {
    const q = await backlab(['sweep', net, '--queue', r.url, '--queue-timeout', '2', '--out', join(dir, 'none')]).done;
    assert.is(q.status, 75, q.stderr);
    assert.match(q.stderr, 'no worker is taking runs');
    assert.match(q.stderr, /no worker took a run from redis:\/\/127\.0\.0\.1:\d+ in 2 s/);
    assert.not.ok(spawnSync('ls', [join(dir, 'none')]).status === 0);
  } finally {
    await r.stop();
  }
});

redisTest(sweep, 'every worker gone after some runs finished: --queue-timeout still ends the wait (exit 75), and the same command later resumes', async () => {
  const r = await startRedis();
  const only = startWorker(r);
  try {
    const args = ['--seeds', '1..6'];
    const q = backlab(['sweep', slow, ...args, '--queue', r.url, '--queue-timeout', '4', '--out', join(dir, 'gone')]);
    await until('a run finished', async () => (await jobsOf(r)).some((j) => j.finishedOn));
    only.kill('SIGKILL');
    const done = await q.done;
    assert.is(done.status, 75, done.stderr);
    assert.match(done.stderr, /no worker took a run from redis:\/\/127\.0\.0\.1:\d+ in 4 s/);
  } finally {
    await stopAll([only]);
    await r.stop();
  }
});

sweep.run();
