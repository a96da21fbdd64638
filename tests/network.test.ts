import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Kernel } from '../sim/engine/kernel.ts';
import { send, receive, sleep, transfer } from '../sim/engine/commands.ts';
import { TransferFailed } from '../sim/engine/errors.ts';
import { RandomStream } from '../sim/engine/rng.ts';
import { ms, seconds } from '../sim/foundation/time.ts';
import { flowWorld, ratesByActor } from './support/world.ts';
import { referenceMaxMin } from './support/maxmin-reference.ts';
import { readTrace } from '../sim/trace/reader.ts';
import { linkUtilisation } from '../sim/trace/utilisation.ts';

const close = (a: number, b: number, rel = 1e-9) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
const assertClose = (actual: number, expected: number, what: string, rel = 1e-9) =>
  assert.ok(close(actual, expected, rel), `${what}: expected ${expected}, got ${actual}`);

test('N flows on one bottleneck each get bandwidth / N', () => {
  const N = 7;
  const flows = Array.from({ length: N }, (_, i) => ({ name: `f${i}`, route: ['l'], bytes: 1e9 }));
  const { kernel, outcomes } = flowWorld({ l: { bandwidth: 1e8 } }, flows);
  kernel.at(1, () => {
    for (const r of Object.values(ratesByActor(kernel))) assertClose(r, 1e8 / 7, 'share');
  });
  kernel.run();
  // All finish together at 7e9 / 1e8 = 70 s.
  for (const o of Object.values(outcomes)) assert.is(o.result!.end, seconds(70));
});

test('parking lot: every flow gets 5e7 B/s until one ends', () => {
  // Three 1e8 B/s links in a chain; A crosses all three, B, C, D one each.
  const { kernel, outcomes } = flowWorld(
    { l1: { bandwidth: 1e8 }, l2: { bandwidth: 1e8 }, l3: { bandwidth: 1e8 } },
    [
      { name: 'A', route: ['l1', 'l2', 'l3'], bytes: 1e9 },
      { name: 'B', route: ['l1'], bytes: 5e8 },
      { name: 'C', route: ['l2'], bytes: 1e9 },
      { name: 'D', route: ['l3'], bytes: 2e9 },
    ],
  );
  kernel.at(seconds(1), () => assert.equal(ratesByActor(kernel), { A: 5e7, B: 5e7, C: 5e7, D: 5e7 }));
  // After B ends at 10 s, l1 is free but A is still held to 5e7 by l2 and l3.
  kernel.at(seconds(11), () => assert.equal(ratesByActor(kernel), { A: 5e7, C: 5e7, D: 5e7 }));
  // After A and C end at 20 s, D has l3 to itself.
  kernel.at(seconds(21), () => assert.equal(ratesByActor(kernel), { D: 1e8 }));
  kernel.run();
  assert.is(outcomes.B.result!.end, seconds(10));
  assert.is(outcomes.A.result!.end, seconds(20));
  assert.is(outcomes.C.result!.end, seconds(20));
  assert.is(outcomes.D.result!.end, seconds(30));
});

test('per-flow caps: a capped flow leaves its unused share to the others', () => {
  const { kernel, outcomes } = flowWorld(
    { l: { bandwidth: 1e8 }, wan: { bandwidth: 1e9, flowCap: 2e7 } },
    [
      { name: 'A', route: ['l'], bytes: 1e8, cap: 1e7 },
      { name: 'B', route: ['l'], bytes: 1e9 },
      { name: 'C', route: ['l'], bytes: 1e9 },
      { name: 'W', route: ['wan'], bytes: 1e8 }, // the link's per-flow cap binds: 2e7 of 1e9
    ],
  );
  kernel.at(1, () => assert.equal(ratesByActor(kernel), { A: 1e7, B: 4.5e7, C: 4.5e7, W: 2e7 }));
  kernel.run();
  assert.is(outcomes.A.result!.end, seconds(10));
  assert.is(outcomes.W.result!.end, seconds(5));
  // B and C: 4.5e8 each by 10 s, then 5e7 each for the remaining 5.5e8: 11 s more.
  assert.is(outcomes.B.result!.end, seconds(21));
});

test('the bottleneck moves as flows finish', () => {
  // L1 1e8 carries A and B; L2 5e7 carries B and C. L2 is the first bottleneck: B = C = 2.5e7,
  // and A takes the rest of L1, 7.5e7. When C ends at 5 s, B and A split L1 at 5e7 each.
  const { kernel, outcomes } = flowWorld(
    { L1: { bandwidth: 1e8 }, L2: { bandwidth: 5e7 } },
    [
      { name: 'A', route: ['L1'], bytes: 7.5e8 },
      { name: 'B', route: ['L1', 'L2'], bytes: 1e9 },
      { name: 'C', route: ['L2'], bytes: 1.25e8 },
    ],
  );
  kernel.at(seconds(1), () => assert.equal(ratesByActor(kernel), { A: 7.5e7, B: 2.5e7, C: 2.5e7 }));
  kernel.at(seconds(6), () => assert.equal(ratesByActor(kernel), { A: 5e7, B: 5e7 }));
  kernel.at(seconds(13), () => assert.equal(ratesByActor(kernel), { B: 5e7 }));
  kernel.run();
  assert.is(outcomes.C.result!.end, seconds(5));
  // A: 3.75e8 by 5 s, the other 3.75e8 at 5e7 takes 7.5 s.
  assert.is(outcomes.A.result!.end, seconds(12.5));
  // B: 1.25e8 by 5 s, 3.75e8 more by 12.5 s, the last 5e8 at 5e7 (L2) in 10 s.
  assert.is(outcomes.B.result!.end, seconds(22.5));
});

test('a single flow takes exactly latency + bytes / narrowest bandwidth', () => {
  const cases = [
    { bws: [1.25e8, 1e8], lats: [ms(5), ms(20)], bytes: 1e9 },
    { bws: [3e7], lats: [123457], bytes: 123456789 },
    { bws: [1e10, 1e9, 4e9], lats: [1000, 0, 7], bytes: 1 },
  ];
  for (const c of cases) {
    const links = Object.fromEntries(c.bws.map((bw, i) => [`l${i}`, { bandwidth: bw, latency: c.lats[i] }]));
    const { kernel, outcomes } = flowWorld(links, [{ name: 'x', route: Object.keys(links), bytes: c.bytes }]);
    kernel.run();
    const exact = c.lats.reduce((a, b) => a + b, 0) + (c.bytes / Math.min(...c.bws)) * 1e9;
    const end = outcomes.x.result!.end;
    assert.ok(end >= exact - 1e-6 && end - exact < 1, `ended at ${end} ns, closed form ${exact} ns`);
    assert.is(outcomes.x.result!.bytes, c.bytes);
  }
});

test('a link that fails mid-transfer fails the flow; delivered bytes are accounted', () => {
  const { kernel, outcomes } = flowWorld({ l: { bandwidth: 1e8 } }, [{ name: 'x', route: ['l'], bytes: 1e9 }]);
  const id = kernel.net.linkId('l');
  kernel.at(seconds(4), () => kernel.net.setLinkUp(id, false));
  kernel.run();
  const err = outcomes.x.error;
  assert.instance(err, TransferFailed);
  assertClose((err as TransferFailed).delivered, 4e8, 'delivered');
  assert.match(err!.message, /link 'l' went down/);
  assertClose(kernel.net.delivered, 4e8, 'network delivered');
  assertClose(kernel.net.lost, 6e8, 'network lost');
  assertClose(kernel.net.linkCarried(id), 4e8, 'link carried');
});

test('a transfer over a down link fails at once; after the link is back it succeeds', () => {
  const k = new Kernel({ seed: 1 });
  const l = k.net.addLink('l', { bandwidth: 1e6 });
  k.net.setLinkUp(l, false);
  const seen: string[] = [];
  k.spawn('p', function* () {
    try {
      yield transfer(['l'], 1000);
    } catch (e) {
      seen.push((e as Error).name);
    }
    yield sleep(seconds(1));
    const r = yield transfer(['l'], 1000);
    seen.push(`ok ${r.bytes}`);
  });
  k.at(seconds(0.5), () => k.net.setLinkUp(l, true));
  k.run();
  assert.equal(seen, ['TransferFailed', 'ok 1000']);
});

test('control messages pay latency + size / bandwidth and do not contend', () => {
  const k = new Kernel({ seed: 1 });
  k.net.addLink('lan', { bandwidth: 1.25e9, latency: 50_000 });
  let arrived = -1;
  k.spawn('rx', function* (ctx) {
    const env = yield receive({ type: 'hello' });
    arrived = ctx.now;
    assert.is(env.from, 'tx');
  });
  k.spawn('tx', function* () {
    yield send('rx', { type: 'hello' }, { route: ['lan'], size: 1500 });
  });
  k.run();
  assert.is(arrived, 50_000 + Math.ceil((1500 / 1.25e9) * 1e9));
});

test('a shaped flow takes what its device makes of its feed, and the rest goes to the others', () => {
  // A device that halves anything fed below 60 MB/s (think of a tape drive back-hitching).
  const k = new Kernel({ seed: 1 });
  k.net.addLink('l', { bandwidth: 1e8 });
  const route = k.net.route(['l']);
  const a = k.net.startFlow(route, 1e9, Infinity, null, 0, 'A', (feed) => (feed < 6e7 ? feed / 2 : feed));
  const b = k.net.startFlow(route, 1e9, Infinity, null, 0, 'B');
  k.run({ until: 1 });
  // First solve: 5e7 each; A's device turns 5e7 into 2.5e7; B takes the remaining 7.5e7.
  assert.equal([a.rate, b.rate], [2.5e7, 7.5e7]);
});

test('bad routes are errors the process sees', () => {
  const k = new Kernel({ seed: 1 });
  k.net.addLink('a', { bandwidth: 1 });
  const seen: string[] = [];
  k.spawn('p', function* () {
    for (const route of [['nope'], [], ['a', 'a']]) {
      try { yield transfer(route, 10); } catch (e) { seen.push((e as Error).message); }
    }
  });
  k.run();
  assert.match(seen[0], /no link named 'nope'/);
  assert.match(seen[1], /at least one link/);
  assert.match(seen[2], /crosses a link twice/);
});

test('200 random flow sets: max-min rates match an independent solver, no link over capacity, bytes conserved', () => {
  for (let seed = 1; seed <= 200; seed++) {
    const rng = new RandomStream(seed, 'flowset');
    const L = rng.integer(1, 6);
    const links: Record<string, { bandwidth: number; latency: number; flowCap?: number }> = {};
    const names: string[] = [];
    for (let l = 0; l < L; l++) {
      names.push(`l${l}`);
      links[`l${l}`] = { bandwidth: rng.integer(1, 100) * 1e6, latency: rng.integer(0, 3) * 1e6 };
      if (rng.bernoulli(0.15)) links[`l${l}`].flowCap = rng.integer(1, 50) * 1e6;
    }
    const F = rng.integer(1, 12);
    const flows = Array.from({ length: F }, (_, i) => {
      const route = names.filter(() => rng.bernoulli(0.5));
      if (route.length === 0) route.push(rng.choice(names));
      return {
        name: `f${i}`, route, bytes: rng.integer(1, 1000) * 1e5, start: rng.integer(0, 20) * 1e8,
        cap: rng.bernoulli(0.2) ? rng.integer(1, 30) * 1e6 : undefined,
      };
    });
    const { kernel, outcomes, sink: mem } = flowWorld(links, flows, seed);
    const sink = () => { kernel.finish(); return mem.bytes(); };
    const failAt = rng.bernoulli(0.3) ? rng.integer(1, 40) * 1e8 + 1 : -1;
    const failLink = rng.choice(names);
    if (failAt >= 0) kernel.at(failAt, () => kernel.net.setLinkUp(kernel.net.linkId(failLink), false));
    const bw = names.map((n) => links[n].bandwidth);
    const check = () => {
      const net = kernel.net;
      const active = [...net.flows()].filter((f) => f.group !== null);
      const ref = referenceMaxMin(bw, active.map((f) => ({ route: [...f.route], cap: f.cap })));
      active.forEach((f, i) => assertClose(f.rate, ref[i], `seed ${seed} flow ${f.id} rate`, 1e-7));
      for (let l = 0; l < L; l++) assert.ok(net.linkLoad(l) <= bw[l] * (1 + 1e-9), `seed ${seed}: link l${l} over capacity`);
      // Every offered byte is delivered (by ended or live flows), lost, cancelled or still to go.
      let liveDelivered = 0;
      for (const f of net.flows()) {
        const rem = f.remainingAt(kernel.now);
        assert.ok(rem >= 0 && rem <= f.bytes && rem <= (lastRemaining.get(f.id) ?? Infinity) + 1e-6, `seed ${seed} flow ${f.id}: remaining ${rem} out of order`);
        lastRemaining.set(f.id, rem);
        liveDelivered += f.bytes - rem;
      }
      assertClose(net.offered, net.delivered + liveDelivered + net.lost + net.cancelled + net.inFlight(), `seed ${seed} conservation`, 1e-9);
    };
    const lastRemaining = new Map<number, number>();
    // Probe between events (at odd ticks, after each instant's re-rate).
    for (let t = 5e7 + 3; t < 3e10; t += 1.7e8) kernel.at(Math.round(t), check);
    kernel.run();
    check();
    assert.is(kernel.net.liveFlows, 0, `seed ${seed}: flows left over`);
    for (const f of flows) {
      const o = outcomes[f.name];
      if (o.result) assert.is(o.result.bytes, f.bytes, `seed ${seed} ${f.name} delivered`);
      else assert.instance(o.error, TransferFailed, `seed ${seed} ${f.name}`);
    }
    assertClose(kernel.net.offered, kernel.net.delivered + kernel.net.lost, `seed ${seed} final conservation`);
    // Bytes each link carried, by the network's clocks, equal the integral of its load rebuilt from the trace.
    const util = linkUtilisation(readTrace(sink()));
    for (let l = 0; l < L; l++) {
      const s = util.series[l];
      let integral = 0;
      for (let i = 0; i + 1 < s.length; i++) integral += (s[i].load * (s[i + 1].t - s[i].t)) / 1e9;
      assert.is(s[s.length - 1].load, 0, `seed ${seed} link ${l} idle at the end`);
      assertClose(integral, kernel.net.linkCarried(l), `seed ${seed} link ${l} carried`, 1e-6);
    }
  }
});

test.run();
