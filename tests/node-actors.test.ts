import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario, runScenarioHosted } from '../sim/scenario/run.ts';
import { ActorThreads, withActorThreads } from '../sim/workers/node-actors.ts';

const bin = new URL('../bin/backlab.mjs', import.meta.url).pathname;
const { FORCE_COLOR: _force, ...env } = process.env;
const tmp = () => mkdtempSync(join(tmpdir(), 'backlab-workers-'));
const bundled = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort().map((f) => join('scenarios', f));

/** Worker threads and their message ports: what would keep a finished run's process alive. */
function threadHandles(): string[] {
  return process.getActiveResourcesInfo().filter((r) => r === 'MessagePort' || r === 'Worker');
}

test('the trace hash is the in-process one with 1, 2 and 4 worker threads, on every bundled scenario and variant', async () => {
  // Every file as written with 1, 2 and 4 threads, and every variant with 2. Each lane is one set of
  // threads running one scenario at a time; the lanes run side by side, as a round trip to a thread
  // mostly waits.
  const runs = bundled.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return [undefined, ...loadScenario(file, text).variants].map((variant) => ({ file, text, variant, want: runScenario(loadScenario(file, text, { variant })).traceHash }));
  });
  const lanes = [
    { threads: new ActorThreads(1), runs: runs.filter((r) => r.variant === undefined) },
    { threads: new ActorThreads(2), runs: runs.filter((r) => r.variant === undefined) },
    { threads: new ActorThreads(4), runs: runs.filter((r) => r.variant === undefined) },
    { threads: new ActorThreads(2), runs: runs.filter((r) => r.variant !== undefined) },
  ];
  const checked: string[] = [];
  try {
    await Promise.all(lanes.map(async ({ threads, runs }) => {
      for (const r of runs) {
        const host = threads.host();
        const got = await runScenarioHosted(loadScenario(r.file, r.text, { variant: r.variant }), host);
        const where = `${r.file}${r.variant ? ` [${r.variant}]` : ''} with ${threads.count} thread${threads.count > 1 ? 's' : ''}`;
        assert.is(got.traceHash, r.want, where);
        assert.ok(host.placement.reduce((a, b) => a + b, 0) > 0, `${where}: some actors ran in the threads`);
        checked.push(where);
      }
    }));
  } finally {
    await Promise.all(lanes.map((l) => l.threads.close()));
  }
  assert.is(checked.length, bundled.length * 3 + runs.length - bundled.length);
  assert.equal(threadHandles(), [], 'no worker thread remains');
});

test('no worker thread remains after a run, nor after a run whose actor throws', async () => {
  const file = 'scenarios/remotecopy.yaml';
  const scn = () => loadScenario(file, readFileSync(file, 'utf8'));
  await withActorThreads(2, (t) => runScenarioHosted(scn(), t.host()));
  assert.equal(threadHandles(), []);
  process.env.BACKLAB_TEST_ACTOR_THROWS = 'seeding@3';
  try {
    await withActorThreads(2, (t) => runScenarioHosted(scn(), t.host()));
    assert.unreachable('the run should fail');
  } catch (e) {
    assert.match((e as Error).message, /actor 'seeding' failed at/);
  } finally {
    delete process.env.BACKLAB_TEST_ACTOR_THROWS;
  }
  assert.equal(threadHandles(), []);
});

test('backlab run --workers: an actor that throws in a worker exits 70 (a bug) at once, naming the actor and the virtual time, writing nothing', () => {
  const out = tmp();
  const began = performance.now();
  const r = spawnSync(process.execPath, [bin, 'run', 'scenarios/remotecopy.yaml', '--workers', '2', '--out', out], {
    encoding: 'utf8', env: { ...env, BACKLAB_TEST_ACTOR_THROWS: 'seeding@3' }, timeout: 60_000,
  });
  const took = performance.now() - began;
  assert.is(r.status, 70, r.stderr);
  assert.match(r.stderr, /^backlab: actor 'seeding' failed at 11:27:50\.833333334 of virtual time: actor 'seeding' threw after 3 yields/);
  // By function, not file: the thread runs its bundle (build/cli/actor-thread.mjs) when the build is fresh, its source otherwise.
  assert.match(r.stderr, /at ActorRuntime\.activate /, 'the actor\'s own stack, from the worker');
  assert.equal(readdirSync(out), [], 'no report');
  console.log(`  (crash in a worker: the command ended ${(took / 1000).toFixed(2)} s after it started, Node and thread start-up included)`);
  rmSync(out, { recursive: true });
});

test('backlab run --workers 2 gives the same hash as in-process; bad counts are refused with exit 2', () => {
  const out = tmp();
  const run = (...a: string[]) => spawnSync(process.execPath, [bin, 'run', 'scenarios/tape.yaml', '--out', out, ...a], { encoding: 'utf8', env });
  const hash = (s: string) => /trace ([0-9a-f]{64})/.exec(s)?.[1];
  const local = run();
  const placed = run('--workers', '2');
  assert.is(placed.status, local.status, placed.stderr);
  assert.ok(hash(local.stdout));
  assert.is(hash(placed.stdout), hash(local.stdout));
  assert.match(placed.stdout, /\n2 actors in 2 worker threads \(1 \/ 1\), 2 in-process \(the model's own\)\n/, 'the two jobs ran in the threads, the drives\' firmware with the kernel');
  const bad = run('--workers', '65');
  assert.is(bad.status, 2);
  assert.match(bad.stderr, /--workers needs a whole number from 0 to 64/);
  assert.is(run('--workers', 'two').status, 2);
  rmSync(out, { recursive: true });
});

test('backlab compare --workers 2 prints the in-process hashes of every variant', () => {
  const out = tmp();
  const compare = (...a: string[]) => spawnSync(process.execPath, [bin, 'compare', 'scenarios/feedplex-two-node.yaml', '--out', out, ...a], { encoding: 'utf8', env });
  const hashes = (s: string) => [...s.matchAll(/(\S+): seed \d+ {2}trace ([0-9a-f]{64})/g)].map((m) => `${m[1]} ${m[2]}`);
  const local = compare();
  const placed = compare('--workers', '2');
  assert.is(placed.status, local.status, placed.stderr);
  assert.is(hashes(local.stdout).length, 2);
  assert.equal(hashes(placed.stdout), hashes(local.stdout));
  rmSync(out, { recursive: true });
});

/**
 * Runs the command, waits `wait` ms, sends SIGINT, and resolves with its exit code, stderr and how long it took to
 * end after the signal. On a loaded machine Node may still be starting when the signal comes, before the command
 * has taken SIGINT for itself: that run died of the signal untouched (code null, nothing said), so it is run again
 * with twice the wait. A command that does not end within 20 s of the signal is killed: the test fails, the suite
 * goes on. The time is printed, never asserted.
 */
async function interrupted(args: string[], wait: number): Promise<{ code: number | null; stderr: string; took: number }> {
  for (let attempt = 0; ; attempt++) {
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    await new Promise((r) => setTimeout(r, wait));
    const began = performance.now();
    child.kill('SIGINT');
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await exited;
    clearTimeout(guard);
    const took = performance.now() - began;
    if (code === null && stderr === '' && attempt < 3) { wait *= 2; continue; }
    return { code, stderr, took };
  }
}

test('Ctrl-C during a run in worker threads ends the threads and the command, and writes nothing', async () => {
  const out = tmp();
  const { code, stderr, took } = await interrupted(['run', 'scenarios/vmdr-sweep.yaml', '--workers', '2', '--out', out], 2500);
  assert.is(code, 130, stderr);
  assert.match(stderr, /interrupted; the 2 worker threads ended, nothing written/);
  assert.not.ok(existsSync(join(out, 'vmdr-sweep')), 'no report');
  console.log(`  (Ctrl-C: the command ended ${(took / 1000).toFixed(2)} s after the signal)`);
  rmSync(out, { recursive: true });
});

test('Ctrl-C with worker threads ends a run of fault events alone', async () => {
  const out = tmp();
  const file = join(out, 'flaps.yaml');
  writeFileSync(file, readFileSync('scenarios/parking-lot.yaml', 'utf8').replace('checks:', 'until: 100 d\nfaults:\n  - random: { kind: link-flap, targets: [l1], mtbf: 1 s, mttr: 1 s }\nchecks:'));
  // Past start-up and the schedule's count: the flows are done, only faults run.
  const { code, stderr, took } = await interrupted(['run', file, '--workers', '2', '--out', join(out, 'o')], 9000);
  assert.is(code, 130, stderr);
  assert.not.ok(existsSync(join(out, 'o')), 'no report');
  console.log(`  (Ctrl-C amid fault events: the command ended ${(took / 1000).toFixed(2)} s after the signal)`);
  rmSync(out, { recursive: true });
});

test('Ctrl-C with worker threads ends a run still counting a long random fault schedule', async () => {
  const out = tmp();
  const file = join(out, 'count.yaml');
  // About 8.6e8 events, under twice the raised ceiling, so they are counted before the run: many seconds of work.
  writeFileSync(file, readFileSync('scenarios/parking-lot.yaml', 'utf8').replace('checks:', 'until: 100 d\nfaults:\n  - random: { kind: link-flap, targets: [l1], mtbf: 10 ms, mttr: 10 ms }\nchecks:'));
  const { code, stderr, took } = await interrupted(['run', file, '--workers', '2', '--max-events', '500000000', '--out', join(out, 'o')], 2500);
  assert.is(code, 130, stderr);
  assert.match(stderr, /interrupted; the 2 worker threads ended, nothing written/);
  assert.not.ok(existsSync(join(out, 'o')), 'no report');
  console.log(`  (Ctrl-C while counting the schedule: the command ended ${(took / 1000).toFixed(2)} s after the signal)`);
  rmSync(out, { recursive: true });
});

test.run();
