/**
 * The shared-memory step channel (sim/workers/step-channel.ts) and its
 * encoding (wire.ts): a message arrives as structured cloning (the message
 * path) would deliver it, the two ends' string tables stay in step, the
 * kernel's run over a synchronous channel gives the in-process trace, and a
 * worker that dies or never answers fails the run naming the worker instead
 * of hanging it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { Kernel, type ProcessContext, type ProcessFn } from '../sim/engine/kernel.ts';
import { receive, send, sleep, transfer, type Envelope } from '../sim/engine/commands.ts';
import { ActorCatalog } from '../sim/engine/actor-catalog.ts';
import { MemorySink } from '../sim/trace/sink.ts';
import { formatTime } from '../sim/foundation/time.ts';
import { WorkerActorHost, type ActorWorker } from '../sim/workers/actor-host.ts';
import { ActorRuntime, type StepRequest } from '../sim/workers/actor-runtime.ts';
import { growableBuffer, WireReader, WireWriter } from '../sim/workers/wire.ts';
import { openChannel, StepChannel, type ChannelRemote } from '../sim/workers/step-channel.ts';
import { spawnTsWorker, whenDead } from '../sim/workers/pool.ts';

/** Both ends of one direction of a channel, in one thread: what is written is read back. */
function loopback(first = 64) {
  const buf = growableBuffer(first, 1 << 24);
  const w = new WireWriter(buf, 16), r = new WireReader(buf, 16);
  return { buf, across: (v: unknown): unknown => { w.write(v); return r.read(); } };
}

const TRICKY = {
  undef: undefined, nil: null, yes: true, no: false, zero: 0, minusZero: -0, nan: NaN, inf: Infinity, ninf: -Infinity,
  int: -2147483648, big32: 2147483648, frac: 0.1 + 0.2, tiny: 5e-324, huge: Number.MAX_VALUE,
  empty: '', text: 'FIG. 3 step 2: send data', unicode: 'Ünïcödé ✓ 𝄞 \u0000 end', long: 'x'.repeat(70_000),
  list: [1, undefined, 'a', [null, { deep: [-0] }]], sparse: [, 2], // eslint-disable-line no-sparse-arrays
  map: new Map<unknown, unknown>([[1, 'one'], ['k', { v: [2n] }]]), set: new Set(['a', 3]), date: new Date(1.5e12),
  bigint: -12345678901234567890n, bytes: new Uint8Array([1, 2, 255]), floats: new Float64Array([1.5, -0, NaN]),
  error: new RangeError('out of range'), order: { b: 1, a: 2, 10: 'ten', 2: 'two' },
};

test('a message arrives as structured cloning delivers it: undefined, -0, NaN, infinities, Maps, Sets, Dates, bigints, typed arrays, errors, key order', () => {
  const { across } = loopback();
  const got = across(TRICKY) as typeof TRICKY;
  const want = structuredClone(TRICKY);
  assert.equal(Object.keys(got), Object.keys(want), 'the same keys, in the same order, undefined ones present');
  for (const k of Object.keys(want) as (keyof typeof TRICKY)[]) {
    if (k === 'error' || k === 'sparse' || k === 'floats') continue;
    assert.equal(got[k], want[k], k);
  }
  assert.ok(Object.is(got.minusZero, -0) && Number.isNaN(got.nan) && Object.is((got.list[3] as [null, { deep: number[] }])[1].deep[0], -0));
  assert.is(got.sparse[1], 2);
  assert.instance(got.error, RangeError);
  assert.is(got.error.message, 'out of range');
  assert.is(got.error.stack, TRICKY.error.stack);
  assert.instance(got.floats, Float64Array);
  assert.ok([1.5, -0, NaN].every((x, i) => Object.is(got.floats[i], x)), 'the bytes as they were: -0 and NaN kept');
  assert.equal(Object.keys(got.order), Object.keys(want.order));
});

test('the buffer grows for a message larger than it, and both ends read the grown buffer', () => {
  const { buf, across } = loopback(64);
  const big = Array.from({ length: 20_000 }, (_, i) => ({ pid: i, op: 'sleep', label: `step ${i}`, dt: i * 1.5 }));
  assert.equal(across(big), big);
  assert.ok(buf.byteLength > 64 * 1024, `grew to ${buf.byteLength} bytes`);
});

test('a value that cannot cross is refused as postMessage refuses it, and the string table stays in step after it', () => {
  const { across } = loopback();
  assert.equal(across({ op: 'mark', label: 'first' }), { op: 'mark', label: 'first' });
  assert.throws(() => across({ op: 'fresh-key', label: 'fresh', f: () => 1 }), /a function cannot cross to a worker/);
  assert.throws(() => structuredClone({ f: () => 1 }), 'the message path refuses it too');
  // The refused message's new strings were never read: they must be sent whole again, not by a number the reader lacks.
  assert.equal(across({ op: 'fresh-key', label: 'fresh', again: ['first', 'fresh'] }), { op: 'fresh-key', label: 'fresh', again: ['first', 'fresh'] });
});

// A small world of actors that talk and move bytes, rebuilt in "workers" by catalog id.
function* pinger(ctx: ProcessContext, peer: string, rounds: number) {
  for (let i = 0; i < rounds; i++) {
    yield sleep(Math.round(ctx.rng().exponential(1e6)), 'think');
    yield transfer(['lan'], 1e6 * (i + 1), { label: `round ${i}` });
    yield send(peer, { type: 'ping', i, note: i % 2 ? undefined : -0 });
    yield receive({ type: 'pong' });
  }
  return { rounds, at: ctx.now };
}

function* ponger(_ctx: ProcessContext, peer: string, rounds: number) {
  for (let i = 0; i < rounds; i++) {
    const m = (yield receive({ type: 'ping' })) as Envelope<{ i: number }>;
    yield send(peer, { type: 'pong', i: m.body.i }, { route: ['lan'], size: 1000 });
  }
}

const catalog = new ActorCatalog([['pinger', pinger as ProcessFn], ['ponger', ponger as ProcessFn]]);

function world(k: Kernel): void {
  k.net.addLink('lan', { bandwidth: 1.25e8, latency: 100_000 });
  for (let i = 0; i < 4; i++) {
    k.spawn(`ping${i}`, pinger, `pong${i}`, 5 + i);
    k.spawn(`pong${i}`, ponger, `ping${i}`, 5 + i);
  }
}

/** Workers answering through the channel's encoding at once, as a StepChannel does (the serving side in this thread). */
function channelWorkers(n: number): ActorWorker[] {
  return Array.from({ length: n }, () => {
    const runtime = new ActorRuntime(catalog);
    const there = loopback(), back = loopback();
    let reply: unknown;
    const channel = { send: (req: unknown) => { reply = back.across(runtime.step(there.across(req) as StepRequest)); }, receive: () => reply } as unknown as StepChannel;
    return { step: () => Promise.reject(new Error('a channel worker is never stepped by message')), channel: Promise.resolve(channel) };
  });
}

test('over a synchronous channel the run is the in-process run, with 1, 2 and 3 workers, and runAsync awaits nothing per batch', async () => {
  const local = new Kernel({ seed: 5, sink: new MemorySink() });
  world(local);
  const want = local.run();
  const wantHash = local.finish().hash;
  for (const n of [1, 2, 3]) {
    const host = new WorkerActorHost(channelWorkers(n), 1, catalog);
    const k = new Kernel({ seed: 5, sink: new MemorySink(), host });
    world(k);
    const got = await k.runAsync();
    assert.is(k.finish().hash, wantHash, `${n} workers`);
    assert.is(got.events, want.events);
    assert.is(host.path, 'atomics');
    assert.ok(host.batches > 10);
    assert.equal(k.resultOf('ping3'), local.resultOf('ping3'));
  }
});

test('a worker that never answers fails the run after the time-out, naming the worker, the time and its actor', async () => {
  const silent = new StepChannel(growableBuffer(1024, 1 << 20), { timeoutMs: 200, spins: 0 });
  const host = new WorkerActorHost([{ step: () => Promise.reject(new Error('unused')), channel: Promise.resolve(silent) }], 1, catalog);
  const k = new Kernel({ seed: 1, host });
  k.spawn('ping0', pinger, 'pong0', 1);
  const began = performance.now();
  try {
    await k.runAsync();
    assert.unreachable('the run should have failed');
  } catch (e) {
    assert.is((e as Error).message, `worker 1 of 1 failed at ${formatTime(0)} while running 'ping0': it did not answer within 0.2 s (it died or hangs)`);
  }
  console.log(`  (a silent worker: the run failed ${((performance.now() - began) / 1000).toFixed(2)} s after it began)`);
});

test('a worker thread that dies while the kernel waits on it fails the run at once with its exit code, naming the worker', async () => {
  const thread = spawnTsWorker(new URL('./support/dying-actor-thread.ts', import.meta.url));
  try {
    const died = whenDead(thread);
    const remote = wrap(nodeEndpoint(thread)) as unknown as ChannelRemote;
    const channel = openChannel(remote, died, { timeoutMs: 60_000, spins: 0 });
    const k = new Kernel({ seed: 1, host: new WorkerActorHost([{ step: () => died, channel }], 1, catalog) });
    k.spawn('ping0', pinger, 'pong0', 1);
    await k.runAsync();
    assert.unreachable('the run should have failed');
  } catch (e) {
    assert.is((e as Error).message, `worker 1 of 1 failed at ${formatTime(0)} while running 'ping0': the worker thread stopped (exit code 3)`);
  } finally {
    await thread.terminate();
  }
});

test.run();
