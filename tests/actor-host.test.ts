import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Kernel, type ProcessContext, type ProcessFn } from '../sim/engine/kernel.ts';
import { all, any, join, mark, receive, send, sleep, transfer, type Envelope } from '../sim/engine/commands.ts';
import { ActorCrash, CommandError, TransferFailed } from '../sim/engine/errors.ts';
import type { ActorStep } from '../sim/engine/remote.ts';
import { WorkerActorHost, type ActorWorker } from '../sim/workers/actor-host.ts';
import { MAX_WORKERS } from '../sim/engine/remote.ts';
import { buildSchema } from '../sim/scenario/schema.ts';
import { ActorRuntime, type StepRequest } from '../sim/workers/actor-runtime.ts';
import { ActorCatalog } from '../sim/engine/actor-catalog.ts';
import { MemorySink } from '../sim/trace/sink.ts';
import { formatTime } from '../sim/foundation/time.ts';

// A small world that uses every kind of command, with its actors as module functions (a worker rebuilds them by id).

function* client(ctx: ProcessContext, i: number) {
  const rng = ctx.rng();
  for (let j = 0; j < 3; j++) {
    yield sleep(Math.round(rng.exponential(1e8)), 'think');
    yield mark(`client ${i} round ${j}`, { i, j });
    try {
      yield transfer(j % 2 ? ['lan'] : ['lan', 'san'], Math.round(rng.uniform(1e6, 1e9)), { label: 'FIG. 3 step 2: send data' });
    } catch (e) {
      // The error crosses the worker boundary with its class: instanceof still works there.
      if (!(e instanceof TransferFailed)) throw e;
      yield mark(`client ${i} lost ${e.delivered} of ${e.bytes} bytes`);
    }
    yield send('server', { type: 'done', i, j }, { route: ['lan'], size: 100 });
    yield send('server', { type: 'note', i });
  }
  try {
    yield transfer(['no-such-link'], 1);
  } catch (e) {
    yield mark(`refused on the spot: ${(e as Error).message}`);
  }
  const r = (yield any([receive({ type: 'ack' }, 5e8), sleep(1e9)])) as { index: number };
  return { client: i, acked: r.index === 0 };
}

function* server(ctx: ProcessContext, clients: number) {
  let got = 0;
  while (got < clients * 3) {
    const m = (yield receive({ type: 'done' }, 3e9)) as Envelope<{ i: number }> | undefined;
    if (m === undefined) break;
    got++;
    if (got % 2 === 0) yield send(`client${m.body.i}`, { type: 'ack' });
  }
  const notes = (yield all([receive({ type: 'note' }), receive({ type: 'note' })])) as Envelope[];
  return { got, notes: notes.length, at: ctx.now };
}

function* auditor() {
  const [a, b] = (yield all([join('client0'), join('server')])) as unknown[];
  yield mark('audit', { a, b });
}

function* crasher(_ctx: ProcessContext, after: number) {
  yield sleep(after);
  throw new RangeError('the crasher gave up');
}

const catalog = new ActorCatalog([['client', client as ProcessFn], ['server', server as ProcessFn], ['auditor', auditor as ProcessFn], ['crasher', crasher as ProcessFn]]);

/** In-memory workers: each request and reply is cloned as postMessage would, and later workers answer first. */
function memoryWorkers(n: number): ActorWorker[] {
  return Array.from({ length: n }, (_, w) => {
    const runtime = new ActorRuntime(catalog);
    return {
      async step(req: StepRequest): Promise<ActorStep[]> {
        const reply = structuredClone(runtime.step(structuredClone(req)));
        for (let t = 0; t < n - w; t++) await new Promise((r) => setImmediate(r));
        return reply;
      },
    };
  });
}

function world(k: Kernel) {
  k.net.addLink('lan', { bandwidth: 1.25e9, latency: 50_000 });
  k.net.addLink('san', { bandwidth: 8e8, latency: 2_000 });
  for (let i = 0; i < 4; i++) k.spawn(`client${i}`, client, i);
  k.spawn('server', server, 4);
  k.spawn('auditor', auditor);
  k.at(3e8, () => k.net.setLinkUp(k.net.linkId('san'), false), 'fault: san down');
  k.at(9e8, () => k.net.setLinkUp(k.net.linkId('san'), true), 'fault: san up');
}

function inProcess(seed: number) {
  const k = new Kernel({ seed, sink: new MemorySink() });
  world(k);
  const r = k.run();
  return { hash: k.finish().hash, events: r.events, now: r.now, result: k.resultOf('server') };
}

async function hosted(seed: number, workers: number) {
  const host = new WorkerActorHost(memoryWorkers(workers), 1, catalog);
  const k = new Kernel({ seed, sink: new MemorySink(), host });
  world(k);
  const r = await k.runAsync();
  return { hash: k.finish().hash, events: r.events, now: r.now, result: k.resultOf('server'), hosted: k.hostedCount, host };
}

test('hosted actors give the in-process trace hash with 1, 2 and 3 workers that answer out of order', async () => {
  for (const seed of [1, 7, 42]) {
    const want = inProcess(seed);
    for (const n of [1, 2, 3]) {
      const got = await hosted(seed, n);
      assert.is(got.hosted, 6, 'every actor of the world is in a worker');
      assert.is(got.hash, want.hash, `seed ${seed}, ${n} workers`);
      assert.is(got.events, want.events);
      assert.equal(got.result, want.result, 'a hosted actor\'s return value reaches the kernel');
    }
  }
});

test('activations due at one instant go to the workers in one batch', async () => {
  const { host } = await hosted(3, 2);
  assert.ok(host.activations > host.batches, `${host.activations} activations in ${host.batches} batches`);
  assert.equal(host.placement, [3, 3], 'round robin in spawn order');
});

test('the scenario schema, --workers and ?workers= share one bound', () => {
  assert.is((buildSchema() as { properties: { workers: { maximum: number } } }).properties.workers.maximum, MAX_WORKERS);
});

test('a run with hosted actors refuses the synchronous run()', () => {
  const k = new Kernel({ seed: 1, host: new WorkerActorHost(memoryWorkers(1), 1, catalog) });
  world(k);
  assert.throws(() => k.run(), (e: Error) => e instanceof CommandError && /runAsync/.test(e.message));
});

test('an actor that throws in a worker stops the run with its name, the virtual time and its error', async () => {
  const k = new Kernel({ seed: 1, host: new WorkerActorHost(memoryWorkers(2), 1, catalog) });
  k.spawn('crasher', crasher, 2_500_000_000);
  try {
    await k.runAsync();
    assert.unreachable('the run should have failed');
  } catch (e) {
    assert.instance(e, ActorCrash);
    const c = e as ActorCrash;
    assert.is(c.actor, 'crasher');
    assert.is(c.time, 2_500_000_000);
    assert.instance(c.error, RangeError, 'the error keeps its class across the boundary');
    assert.is(c.message, `actor 'crasher' failed at ${formatTime(2_500_000_000)} of virtual time: the crasher gave up`);
  }
});

test('a hosted actor cannot be interrupted or killed, and says so', async () => {
  const k = new Kernel({ seed: 1, host: new WorkerActorHost(memoryWorkers(1), 1, catalog) });
  k.spawn('crasher', crasher, 1e9);
  assert.throws(() => k.interrupt('crasher', 'x'), /'crasher' runs in a worker and cannot be interrupted/);
  assert.throws(() => k.kill('crasher', 'x'), /'crasher' runs in a worker and cannot be killed/);
});

test('an actor whose arguments are not plain data is refused at spawn, by name', () => {
  const k = new Kernel({ seed: 1, host: new WorkerActorHost(memoryWorkers(1), 1, catalog) });
  assert.throws(() => k.spawn('c', client, (() => 1) as unknown as number), (e: Error) => e instanceof CommandError && /actor 'c' cannot run in a worker: its arguments are not plain data/.test(e.message));
});

test('an actor the catalog does not list stays in-process, next to hosted ones', async () => {
  const host = new WorkerActorHost(memoryWorkers(2), 1, catalog);
  const k = new Kernel({ seed: 1, host });
  const seen: number[] = [];
  k.spawn('local', function* (ctx) { yield sleep(5); seen.push(ctx.now); });
  k.spawn('crasher', crasher, 1e12);
  assert.is(k.hostedCount, 1);
  await k.runAsync({ until: 10 });
  assert.equal(seen, [5]);
});

test('a worker that fails (not an actor: the worker itself) fails the run, naming the worker, the time and its actors', async () => {
  const [good] = memoryWorkers(1);
  const broken: ActorWorker = { step: async (req) => (req.activations.length > 0 && req.activations[0].now > 0 ? Promise.reject(new Error('the worker thread stopped (exit code 1)')) : good.step(req)) };
  const k = new Kernel({ seed: 1, host: new WorkerActorHost([broken], 1, catalog) });
  k.spawn('crasher', crasher, 2e9);
  try {
    await k.runAsync();
    assert.unreachable('the run should have failed');
  } catch (e) {
    assert.is((e as Error).message, `worker 1 of 1 failed at ${formatTime(2e9)} while running 'crasher': the worker thread stopped (exit code 1)`);
  }
});


test('an error keeps its class, code and data across a worker boundary: what actors decide by', async () => {
  const { encodeValue, decodeValue } = await import('../sim/workers/codec.ts');
  const { TapeError } = await import('../sim/model/libraries/tape-error.ts');
  const { hasCode } = await import('../sim/foundation/errors.ts');
  const across = (e: Error) => decodeValue(structuredClone(encodeValue(e))) as Error & { code: string; data: unknown };
  const tape = across(new TapeError('tape.write: tape drive lib1/d1 failed after writing 5 bytes', 'tape.drive-failed', { drive: 'lib1/d1', bytes: 5 }));
  assert.instance(tape, TapeError);
  assert.is(tape.code, 'tape.drive-failed');
  assert.equal(tape.data, { drive: 'lib1/d1', bytes: 5 });
  assert.ok(hasCode(tape, 'tape.drive-failed'));
  const tf = across(new TransferFailed('transfer of 10 bytes failed after 4 bytes: link \'lan\' went down', 7, 10, 4, 'link \'lan\' went down')) as TransferFailed;
  assert.instance(tf, TransferFailed);
  assert.equal([tf.code, tf.flow, tf.bytes, tf.delivered, tf.reason], ['transfer.failed', 7, 10, 4, 'link \'lan\' went down']);
  // A class the codec does not know still keeps its code: decisions read the field, not the class.
  class Unregistered extends Error { readonly code = 'x.y'; }
  assert.ok(hasCode(across(new Unregistered('m')), 'x.y'));
});

test.run();
