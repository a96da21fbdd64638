import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Kernel } from '../sim/engine/kernel.ts';
import { all, any, join, mark, receive, send, sleep, transfer } from '../sim/engine/commands.ts';
import { ActorCrash, ActorKilled, CommandError, Interrupt } from '../sim/engine/errors.ts';
import { MAX_TIME, seconds } from '../sim/foundation/time.ts';
import { MemorySink } from '../sim/trace/sink.ts';
import { readTrace, type TraceRecord } from '../sim/trace/reader.ts';

function traced(k: Kernel, sink: MemorySink): TraceRecord[] {
  k.finish();
  return [...readTrace(sink.bytes())];
}

test('simultaneous wake-ups run in the order they were scheduled', () => {
  const k = new Kernel({ seed: 1 });
  const order: string[] = [];
  for (const name of ['c', 'a', 'b']) {
    k.spawn(name, function* () {
      order.push(`${name}0`);
      yield sleep(10);
      order.push(`${name}1`);
    });
  }
  k.run();
  assert.equal(order, ['c0', 'a0', 'b0', 'c1', 'a1', 'b1']);
});

/** A small world with randomness in it: random sleeps, sizes and contention. */
function randomWorld(seed: number) {
  const sink = new MemorySink();
  const k = new Kernel({ seed, sink });
  k.net.addLink('lan', { bandwidth: 1.25e9, latency: 50_000 });
  k.net.addLink('san', { bandwidth: 8e8, latency: 2_000 });
  for (let i = 0; i < 5; i++) {
    k.spawn(`client${i}`, function* (ctx) {
      const rng = ctx.rng();
      for (let j = 0; j < 4; j++) {
        yield sleep(Math.round(rng.exponential(1e8)), 'think');
        yield transfer(j % 2 ? ['lan'] : ['lan', 'san'], Math.round(rng.uniform(1e6, 1e8)), { label: 'FIG. 3 step 2: send data' });
        yield send('server', { type: 'done', client: i, j });
      }
    });
  }
  k.spawn('server', function* () {
    for (let n = 0; n < 20; n++) yield receive({ type: 'done' });
  });
  const r = k.run();
  return { ...k.finish(), now: r.now };
}

test('the same seed gives the same trace hash; another seed another hash', () => {
  const a = randomWorld(42), b = randomWorld(42), c = randomWorld(43);
  assert.is(a.hash, b.hash);
  assert.is(a.bytes, b.bytes);
  assert.is.not(a.hash, c.hash);
  assert.match(a.hash, /^[0-9a-f]{64}$/);
});

test('an interrupt is thrown at the yield; the process can catch it and go on', () => {
  const k = new Kernel({ seed: 1 });
  const log: string[] = [];
  k.spawn('worker', function* (ctx) {
    try {
      yield sleep(seconds(10));
      log.push('slept');
    } catch (e) {
      assert.instance(e, Interrupt);
      log.push(`caught ${(e as Interrupt).cause} at ${ctx.now}`);
    }
    yield sleep(5);
    log.push(`done at ${ctx.now}`);
  });
  k.at(seconds(3), () => k.interrupt('worker', 'host failed'));
  k.run();
  assert.equal(log, [`caught host failed at ${seconds(3)}`, `done at ${seconds(3) + 5}`]);
});

test('interrupting a transfer cancels its flow and accounts the undelivered bytes', () => {
  const k = new Kernel({ seed: 1 });
  k.net.addLink('l', { bandwidth: 1e8 });
  k.spawn('w', function* () {
    try { yield transfer(['l'], 1e9); } catch { /* interrupted */ }
  });
  k.at(seconds(2), () => k.interrupt('w', 'stop'));
  k.run();
  assert.is(k.net.liveFlows, 0);
  assert.ok(Math.abs(k.net.delivered - 2e8) < 1e-3);
  assert.ok(Math.abs(k.net.cancelled - 8e8) < 1e-3);
});

test('receive: filters, mailbox, timeout', () => {
  const k = new Kernel({ seed: 1 });
  const got: unknown[] = [];
  k.spawn('rx', function* (ctx) {
    yield sleep(100); // both messages are in the mailbox by now
    got.push((yield receive({ type: 'b' })).body.type);
    got.push((yield receive({ from: 'tx' })).body.type);
    got.push(yield receive(undefined, 50));
    got.push(ctx.now);
  });
  k.spawn('tx', function* () {
    yield send('rx', { type: 'a' });
    yield send('rx', { type: 'b' });
  });
  k.run();
  assert.equal(got, ['b', 'a', null, 150]);
});

test('all gathers every result; any takes the first and cancels the rest', () => {
  const k = new Kernel({ seed: 1 });
  k.net.addLink('l', { bandwidth: 1e6 });
  const out: unknown[] = [];
  k.spawn('p', function* (ctx) {
    const r = yield all([sleep(10), transfer(['l'], 1000), mark('in all')]);
    out.push(r[1].bytes, ctx.now);
    const a = yield any([receive({ type: 'never' }, undefined), sleep(seconds(1)), transfer(['l'], 1e9)]);
    out.push(a.index, ctx.now);
  });
  k.run();
  // transfer of 1000 B at 1e6 B/s = 1 ms; then the 1 s sleep wins against 1000 s of transfer.
  assert.equal(out, [1000, 1e6, 1, 1e6 + seconds(1)]);
  assert.is(k.net.liveFlows, 0, 'the losing transfer was cancelled');
});

test('a command refused inside all undoes what its siblings started', () => {
  const k = new Kernel({ seed: 1 });
  k.net.addLink('l', { bandwidth: 1e6 });
  let caught = '';
  k.spawn('p', function* () {
    try { yield all([transfer(['l'], 1e9), transfer(['nope'], 1)]); } catch (e) { caught = (e as Error).message; }
  });
  k.run();
  assert.match(caught, /no link named 'nope'/);
  assert.is(k.net.liveFlows, 0);
  assert.is(k.net.cancelled, 1e9);
});

test('a send refused inside any undoes its siblings: their end does not wake the process later', () => {
  const k = new Kernel({ seed: 1 });
  let caught = '';
  let woke = -1;
  k.spawn('p', function* (ctx) {
    try { yield any([sleep(10), send('nobody', {})]); } catch (e) { caught = (e as Error).message; }
    yield sleep(100);
    woke = ctx.now;
  });
  k.run();
  assert.match(caught, /no actor named 'nobody'/);
  assert.is(woke, 100);
});

test('a sleep is checked the same way at a yield and inside all', () => {
  for (const yielded of [sleep(1.5), all([sleep(1.5)])]) {
    const k = new Kernel({ seed: 1 });
    let caught = '';
    k.spawn('p', function* () {
      try { yield yielded; } catch (e) { caught = (e as Error).message; }
    });
    k.run();
    assert.match(caught, /^sleep: duration 1.5 is not a whole number of ticks/);
  }
});

test('join returns the other actor\'s result; a killed actor runs its finally and its joiners see ActorKilled', () => {
  const k = new Kernel({ seed: 1 });
  const log: string[] = [];
  k.spawn('child', function* () {
    yield sleep(5);
    return 'report';
  });
  k.spawn('doomed', function* () {
    try { yield sleep(1000); } finally { log.push('cleanup'); }
  });
  k.spawn('parent', function* () {
    log.push(yield join('child'));
    try { yield join('doomed'); } catch (e) { log.push((e as Error).name); assert.instance(e, ActorKilled); }
  });
  k.at(20, () => k.kill('doomed', 'host down'));
  k.run();
  assert.equal(log, ['report', 'cleanup', 'ActorKilled']);
});

test('times in the past or past the range are refused with a clear error', () => {
  const k = new Kernel({ seed: 1 });
  const seen: string[] = [];
  k.spawn('p', function* () {
    try { yield sleep(MAX_TIME + 1); } catch (e) { seen.push((e as Error).message); assert.instance(e, CommandError); }
    try { yield sleep(-5); } catch (e) { seen.push((e as Error).message); }
    try { yield sleep(1.5); } catch (e) { seen.push((e as Error).message); }
  });
  k.run();
  assert.is(seen.length, 3);
  assert.match(seen[0], /2\^53/);
  k.at(k.now + 10, () => {});
  k.run();
  assert.throws(() => k.at(0, () => {}), /in the past/);
  assert.throws(() => k.at(1.5, () => {}), /not a time in ticks/);
  assert.throws(() => k.run({ until: 2 ** 53 }), /horizon of 104.2 days \(2\^53 steps of 1 ns\); a longer `until` widens it/);
});

test('an uncaught error stops the run naming the actor and the time', () => {
  const sink = new MemorySink();
  const k = new Kernel({ seed: 1, sink });
  k.spawn('buggy', function* () {
    yield sleep(7);
    throw new Error('boom');
  });
  try {
    k.run();
    assert.unreachable();
  } catch (e) {
    assert.instance(e, ActorCrash);
    assert.is((e as ActorCrash).actor, 'buggy');
    assert.is((e as ActorCrash).time, 7);
    assert.match((e as Error).message, /'buggy'.*boom/);
  }
  const end = traced(k, sink).find((r) => r.type === 'end');
  assert.equal(end, { type: 'end', t: 7, pid: 1, status: 'crashed', reason: 'boom' });
});

test('run until stops before that time; step and peek walk one event at a time', () => {
  const k = new Kernel({ seed: 1 });
  const seen: number[] = [];
  k.spawn('p', function* (ctx) {
    for (let i = 0; i < 5; i++) { yield sleep(10); seen.push(ctx.now); }
  });
  const r = k.run({ until: 30 });
  assert.is(r.reason, 'until');
  assert.is(r.now, 30);
  assert.equal(seen, [10, 20]);
  assert.is(k.peek(), 30);
  assert.ok(k.step());
  assert.equal(seen, [10, 20, 30]);
  assert.is(k.run().reason, 'idle');
  assert.equal(seen, [10, 20, 30, 40, 50]);
  assert.not.ok(k.step());
  assert.is(k.peek(), Infinity);
});

test('stopWhen and stop() end a run early; messages are copies, not shared objects', () => {
  const k = new Kernel({ seed: 1 });
  const shared = { type: 'job', items: [1] };
  let received: { items: number[] } | undefined;
  k.spawn('tx', function* () {
    yield send('rx', shared);
    shared.items.push(2); // the receiver must not see this
  });
  k.spawn('rx', function* () {
    received = (yield receive()).body;
    yield sleep(1000);
  });
  k.spawn('ticker', function* () { for (;;) yield sleep(10); });
  const r = k.run({ stopWhen: () => received !== undefined });
  assert.is(r.reason, 'stopped');
  assert.equal(received!.items, [1]);
  k.at(k.now + 55, () => k.stop());
  assert.is(k.run().reason, 'stopped');
  assert.ok(k.now >= 55);
});

test('every step carries its label into the trace', () => {
  const sink = new MemorySink();
  const k = new Kernel({ seed: 1, sink });
  k.net.addLink('vlan', { bandwidth: 1e9 });
  k.spawn('client', function* () {
    yield sleep(5, 'FIG. 3 step 1: start backup', { job: 1 });
    yield transfer(['vlan'], 1e6, { label: 'FIG. 3 step 2: send data via virtual Ethernet' });
    yield mark('FIG. 3 step 6: backup ends');
  });
  k.run();
  const steps = traced(k, sink).filter((r) => r.type === 'step' || r.type === 'mark' || r.type === 'flow-start');
  assert.equal(
    steps.map((r) => [r.type, (r as { label: string }).label]),
    [
      ['step', 'FIG. 3 step 1: start backup'],
      ['step', 'FIG. 3 step 2: send data via virtual Ethernet'],
      ['flow-start', 'FIG. 3 step 2: send data via virtual Ethernet'],
      ['mark', 'FIG. 3 step 6: backup ends'],
    ],
  );
  assert.equal((steps[0] as { data: unknown }).data, { job: 1 });
});

test('extension commands settle through resolve/reject and are undone when abandoned', () => {
  const k = new Kernel({ seed: 1 });
  const undone: string[] = [];
  k.defineCommand('tape.mount', (cmd, wait, kernel) => {
    kernel.at(kernel.now + 100, () => kernel.resolve(wait, `mounted ${cmd.cartridge}`));
    wait.cancel = () => undone.push(String(cmd.cartridge));
  });
  const out: unknown[] = [];
  k.spawn('p', function* () {
    out.push(yield { op: 'tape.mount', cartridge: 'A00001L8' });
    out.push((yield any([{ op: 'tape.mount', cartridge: 'B' }, sleep(10)])).index);
    try { yield { op: 'no.such' }; } catch (e) { out.push((e as Error).message); }
  });
  k.run();
  assert.equal(out, ['mounted A00001L8', 1, "unknown command 'no.such'"]);
  assert.equal(undone, ['B']);
  assert.throws(() => k.defineCommand('sleep', () => {}), /already defined/);
});

test('an extension answers for its own flows: done and failed map the outcome, abandoned undoes it', () => {
  const k = new Kernel({ seed: 1 });
  const l = k.net.addLink('l', { bandwidth: 1e6 });
  const log: string[] = [];
  k.defineCommand('copy', (cmd, wait, kernel) => {
    kernel.startTransfer(wait, ['l'], cmd.bytes as number, {
      then: {
        done: (r) => ({ copied: r.bytes, seconds: (r.end - r.start) / 1e9 }),
        failed: (e) => new Error(`copy broke after ${e.delivered} bytes`),
        abandoned: () => log.push('abandoned'),
      },
    });
  });
  const out: unknown[] = [];
  k.spawn('p', function* () {
    out.push(yield { op: 'copy', bytes: 2e6 });
    out.push((yield any([{ op: 'copy', bytes: 1e9 }, sleep(seconds(1))])).index);
    try { yield { op: 'copy', bytes: 1e9 }; } catch (e) { out.push((e as Error).message); }
  });
  k.at(seconds(5), () => k.net.setLinkUp(l, false));
  k.run();
  assert.equal(out, [{ copied: 2e6, seconds: 2 }, 1, 'copy broke after 2000000 bytes']);
  assert.equal(log, ['abandoned']);
});

test('an actor\'s random stream depends on the seed and its own name only', () => {
  const draws = (seed: number, extra: boolean) => {
    const k = new Kernel({ seed });
    const out: number[] = [];
    if (extra) k.spawn('other', function* (ctx) { ctx.rng().next(); yield sleep(1); });
    k.spawn('me', function* (ctx) { const r = ctx.rng('arrivals'); for (let i = 0; i < 3; i++) out.push(r.next()); yield sleep(1); });
    k.run();
    return out;
  };
  assert.equal(draws(5, false), draws(5, true));
  // Asking for the same stream twice continues it rather than restarting it.
  const k = new Kernel({ seed: 1 });
  const pair: number[] = [];
  k.spawn('p', function* (ctx) { pair.push(ctx.rng('x').next(), ctx.rng('x').next()); yield sleep(1); });
  k.run();
  assert.is.not(pair[0], pair[1]);
  assert.not.equal(draws(5, false), draws(6, false));
});

test('a send resumes with nothing; one that cannot be made ends the sender, even inside a try', () => {
  const k = new Kernel({ seed: 1 });
  const seen: unknown[] = [];
  k.spawn('rx', function* () { yield receive(); });
  k.spawn('tx', function* () {
    seen.push(yield send('rx', 'hello'));
    try {
      yield send('nobody', 'hello');
    } catch {
      seen.push('caught');
    }
  });
  assert.throws(() => k.run(), (e: Error) => e instanceof ActorCrash && /actor 'tx' failed at .*send: no actor named 'nobody'/.test(e.message));
  assert.equal(seen, [undefined], 'a worker runs past a send, so nothing may depend on catching it');
});

test.run();
