import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Kernel } from '../sim/engine/kernel.ts';
import { command, sleep, transfer } from '../sim/engine/commands.ts';
import { seconds } from '../sim/foundation/time.ts';
import { readTrace } from '../sim/trace/reader.ts';
import { MemorySink } from '../sim/trace/sink.ts';
import { flowLimiters, type Limiters, type LimitInterval } from '../sim/trace/limiters.ts';
import { rootOf } from '../sim/foundation/limits.ts';
import { TICKS_PER_SECOND } from '../sim/foundation/time.ts';
import { loadScenarioFile } from '../sim/cli/scenario-file.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { readFileSync } from 'node:fs';
import { flowWorld } from './support/world.ts';
import { MAXMIN, MODELS, windowCap, type NetworkModel } from '../sim/net/model.ts';
import { ledgerIds } from '../sim/net/limit-ledger.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { parseSetting } from '../sim/scenario/overrides.ts';
import { saidOf } from '../reports/said.ts';

const MB = 1e6;

type Flow = [name: string, route: string[], bytes: number, opts?: { cap?: number; start?: number }];

/** Runs the flows over the links and analyses the trace; flows named by label. */
function run(links: [string, number, number?][], flows: Flow[], setup?: (k: Kernel) => void): { lim: Limiters; id: Record<string, number>; delivered: number } {
  const sink = new MemorySink();
  const k = new Kernel({ seed: 1, sink });
  for (const [name, bandwidth, flowCap] of links) k.net.addLink(name, { bandwidth, flowCap });
  setup?.(k);
  for (const [name, route, bytes, opts = {}] of flows) {
    k.spawn(name, function* () {
      if (opts.start) yield sleep(opts.start);
      yield transfer(route, bytes, { cap: opts.cap, label: name });
    });
  }
  k.run();
  const delivered = k.net.delivered;
  k.finish();
  const lim = flowLimiters(readTrace(sink.bytes()));
  const id: Record<string, number> = {};
  for (const f of lim.flows.values()) id[f.label] = f.flow;
  return { lim, id, delivered };
}

const near = (a: number, b: number, what: string, rel = 1e-9): void => assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

/** [t0 s, t1 s, kind, link, rate B/s, sharers] per interval, times to the tick. */
function check(got: LimitInterval[], want: [number, number, string, string | null, number, number][], what: string): void {
  assert.is(got.length, want.length, `${what}: ${JSON.stringify(got)}`);
  want.forEach(([t0, t1, kind, link, rate, sharers], i) => {
    const g = got[i];
    assert.ok(Math.abs(g.t0 - seconds(t0)) <= 1 && Math.abs(g.t1 - seconds(t1)) <= 1, `${what} #${i}: [${g.t0}, ${g.t1}) vs [${t0}, ${t1}) s`);
    assert.is(g.limiter.kind, kind, `${what} #${i} kind`);
    assert.is(g.limiter.link, link, `${what} #${i} link`);
    near(g.rate, rate, `${what} #${i} rate`);
    assert.is(g.sharers, sharers, `${what} #${i} sharers`);
  });
}

const bytesOf = (lim: Limiters, key: string): number => lim.bytes.find((b) => b.key === key)?.bytes ?? 0;

// Parking lot: L1 100, L2 60, L3 120 MB/s; F crosses all three, S1..S3 one each.
// 0-10 s: L2's share is 30 for F and S2 (the smallest share): both frozen there. S1 gets
//   L1's remaining 70, S3 L3's remaining 90. S2 (300 MB) ends at 10 s.
// 10-20 s: the bottleneck moves: L1's share 50 (F, S1) is now the smallest; S3 gets 120 - 50 = 70.
//   F (300 + 500 MB) ends at 20 s.
// 20 s on: S1 alone at 100 (2000 - 700 - 500 = 800 MB: 8 s); S3 at 120 (2800 - 900 - 700 = 1200 MB: 10 s).
const PARKING: [string, number][] = [['L1', 100 * MB], ['L2', 60 * MB], ['L3', 120 * MB]];
const PARKING_FLOWS: Flow[] = [
  ['F', ['L1', 'L2', 'L3'], 800 * MB], ['S1', ['L1'], 2000 * MB], ['S2', ['L2'], 300 * MB], ['S3', ['L3'], 2800 * MB],
];

test('parking lot: each flow is limited by the hand-computed link, with its sharers', () => {
  const { lim, id } = run(PARKING, PARKING_FLOWS);
  check(lim.intervals(id.S2), [[0, 10, 'link', 'L2', 30 * MB, 2]], 'S2');
  check(lim.intervals(id.S1), [[0, 10, 'link', 'L1', 70 * MB, 1], [10, 20, 'link', 'L1', 50 * MB, 2], [20, 28, 'link', 'L1', 100 * MB, 1]], 'S1');
  check(lim.intervals(id.S3), [[0, 10, 'link', 'L3', 90 * MB, 1], [10, 20, 'link', 'L3', 70 * MB, 1], [20, 30, 'link', 'L3', 120 * MB, 1]], 'S3');
  const f = lim.intervals(id.F);
  assert.equal(f.map((i) => i.limiter.capacity), [60 * MB, 100 * MB]);
  assert.equal(lim.members(f[0].group, seconds(5)), [id.F, id.S2].sort((a, b) => a - b));
  assert.equal(lim.members(f[1].group, seconds(15)), [id.F, id.S1].sort((a, b) => a - b));
  assert.equal(lim.members(f[1].group, seconds(25)), [id.S1]);
});

test('moving bottleneck: the limiter changes at the instant the short flow ends', () => {
  const { lim, id } = run(PARKING, PARKING_FLOWS);
  // F shares L2 with S2 until S2's 300 MB are through at 30 MB/s: 10 s; then L1 holds it.
  check(lim.intervals(id.F), [[0, 10, 'link', 'L2', 30 * MB, 2], [10, 20, 'link', 'L1', 50 * MB, 2]], 'F');
  assert.is(lim.flows.get(id.S2)!.end, lim.intervals(id.F)[1].t0);
});

test('bytes by limiter: the hand-worked parking lot, summing to the bytes delivered', () => {
  const { lim, delivered } = run(PARKING, PARKING_FLOWS);
  near(bytesOf(lim, 'link L1'), (70 * 10 + 2 * 50 * 10 + 100 * 8) * MB, 'L1', 1e-6);
  near(bytesOf(lim, 'link L2'), 2 * 30 * 10 * MB, 'L2', 1e-6);
  near(bytesOf(lim, 'link L3'), (90 * 10 + 70 * 10 + 120 * 10) * MB, 'L3', 1e-6);
  assert.equal(lim.bytes.map((b) => b.key), ['link L3', 'link L1', 'link L2']);
  near(lim.bytes.reduce((s, b) => s + b.bytes, 0), delivered, 'total', 1e-6);
});

test('a transfer cap and a link flowCap (TCP window) are told apart', () => {
  // LAN 100 MB/s shared by a capped transfer (20 MB/s) and a plain one, which gets the rest.
  // WAN 1000 MB/s with a 10 MB/s per-flow cap: a window over an RTT.
  const { lim, id, delivered } = run([['lan', 100 * MB], ['wan', 1000 * MB, 10 * MB]], [
    ['capped', ['lan'], 200 * MB, { cap: 20 * MB }], ['plain', ['lan'], 800 * MB], ['tcp', ['wan'], 100 * MB],
  ]);
  check(lim.intervals(id.capped), [[0, 10, 'flow-cap', null, 20 * MB, 1]], 'capped');
  check(lim.intervals(id.plain), [[0, 10, 'link', 'lan', 80 * MB, 1]], 'plain');
  check(lim.intervals(id.tcp), [[0, 10, 'link-cap', 'wan', 10 * MB, 1]], 'tcp');
  assert.is(lim.intervals(id.tcp)[0].limiter.capacity, 10 * MB);
  near(bytesOf(lim, 'flow-cap '), 200 * MB, 'flow-cap bytes', 1e-6);
  near(bytesOf(lim, 'link-cap wan'), 100 * MB, 'link-cap bytes', 1e-6);
  near(lim.bytes.reduce((s, b) => s + b.bytes, 0), delivered, 'total', 1e-6);
});

test('a device law (tape speed matching) below the cap names the device link', () => {
  // A drive link of 300 MB/s, the transfer capped at its host rate (300), as a tape drive's is.
  // The FC link would feed it 200; the law makes that 200 - 20 = 180, below both: the network
  // re-solves with the flow capped at 180, in its own group, 1800 MB taking 10 s.
  const stream = command<{ route: string[]; bytes: number }>('test.stream');
  const { lim, id } = run([['fc', 200 * MB], ['drive', 300 * MB]], [], (k) => {
    k.defineCommand(stream.op, (cmd, w, kernel) => {
      const a = stream.args(cmd);
      kernel.startTransfer(w, a.route, a.bytes, { cap: 300 * MB, label: 'stream', shape: (feed) => Math.min(300 * MB, feed - 20 * MB) });
    });
    k.spawn('writer', function* () { yield stream({ route: ['fc', 'drive'], bytes: 1800 * MB }); });
  });
  check(lim.intervals(id.stream), [[0, 10, 'device-law', 'drive', 180 * MB, 1]], 'stream');
  assert.equal(lim.intervals(id.stream)[0].limiter.feed, { kind: 'link', link: 'fc', device: null });
  near(bytesOf(lim, 'device-law drive < fc'), 1800 * MB, 'device-law bytes', 1e-6);
});

test('a drive fed below its floor names the feed link and the device law, until its feed changes', () => {
  // fc 200 MB/s shared with a plain 300 MB flow; the drive (300 MB/s link, host rate 150: the cap)
  // halves any feed below its 150 floor (back-hitching). 0-2 s: fc's fair share feeds it 100,
  // the law makes 50, the plain flow takes fc's other 150 and ends at 2 s (300 MB). Then fc
  // would feed 200, above the drive's own cap: it streams at 150, its 400 - 100 MB taking 2 s.
  const stream = command<{ route: string[]; bytes: number }>('test.stream');
  const { lim, id, delivered } = run([['fc', 200 * MB], ['drive', 300 * MB]], [['plain', ['fc'], 300 * MB]], (k) => {
    k.defineCommand(stream.op, (cmd, w, kernel) => {
      const a = stream.args(cmd);
      kernel.startTransfer(w, a.route, a.bytes, { cap: 150 * MB, label: 'stream', shape: (feed) => (feed < 150 * MB ? feed / 2 : feed) });
    });
    k.spawn('writer', function* () { yield stream({ route: ['fc', 'drive'], bytes: 400 * MB }); });
  });
  const got = lim.intervals(id.stream);
  check(got, [[0, 2, 'device-law', 'drive', 50 * MB, 1], [2, 4, 'flow-cap', 'drive', 150 * MB, 1]], 'stream');
  assert.equal(got[0].limiter.feed, { kind: 'link', link: 'fc', device: null });
  assert.is(got[1].limiter.feed, null);
  assert.is(rootOf(got[0].limiter), 'fc');
  check(lim.intervals(id.plain), [[0, 2, 'link', 'fc', 150 * MB, 1]], 'plain');
  near(bytesOf(lim, 'device-law drive < fc'), 100 * MB, 'starved bytes', 1e-6);
  near(bytesOf(lim, 'flow-cap drive'), 300 * MB, 'streamed bytes', 1e-6);
  near(lim.bytes.reduce((s, b) => s + b.bytes, 0), delivered, 'total', 1e-6);
});

test('a transfer cap equal to a link window is the window: the trace says so, not a number match', () => {
  const { lim, id } = run([['wan', 1000 * MB, 10 * MB], ['lan', 10 * MB]], [['w', ['wan'], 100 * MB, { cap: 10 * MB }], ['l', ['lan'], 50 * MB, { cap: 5 * MB }]]);
  check(lim.intervals(id.w), [[0, 10, 'link-cap', 'wan', 10 * MB, 1]], 'w');
  check(lim.intervals(id.l), [[0, 10, 'flow-cap', null, 5 * MB, 1]], 'l');
});

test('the flagship shared design: the tape drives limit most backup bytes', () => {
  const scn = loadScenarioFile('scenarios/lan-vs-lanfree.yaml', { variant: 'shared' });
  const sink = new MemorySink();
  const result = runScenario(scn, { sink });
  const kinds = new Map(result.devices.map((d) => [d.name, d.kind]));
  const lim = flowLimiters(readTrace(sink.bytes()), kinds);
  const byDevice = new Map<string, number>();
  for (const b of lim.bytes) byDevice.set(b.device ?? b.kind, (byDevice.get(b.device ?? b.kind) ?? 0) + b.bytes);
  const top = [...byDevice].sort((a, b) => b[1] - a[1])[0];
  assert.is(top[0], 'tape drive', JSON.stringify(lim.bytes.slice(0, 8)));
  const total = lim.bytes.reduce((s, b) => s + b.bytes, 0);
  assert.ok(top[1] >= 0.9 * total, `tape drives limited ${top[1]} of ${total} bytes`);
  // The groups' rates integrated agree with what each flow's end record says it delivered.
  near(total, [...lim.flows.values()].reduce((s, f) => s + f.delivered, 0), 'limited = delivered', 1e-6);
});

/** Bytes of the flagship's backup (tape write) flows by the resource rootOf names, most first. */
function backupRoots(variant: string, drop?: string, startOrder?: string): [string, number][] {
  const sets = startOrder === undefined ? [] : [{ path: ['protocol', 'startOrder'], value: startOrder, text: `protocol.startOrder=${startOrder}` }];
  const scn = loadScenarioFile('scenarios/lan-vs-lanfree.yaml', { variant, sets });
  if (drop !== undefined) scn.faults = scn.faults.filter((f) => f.kind !== drop);
  const sink = new MemorySink();
  runScenario(scn, { sink });
  const lim = flowLimiters(readTrace(sink.bytes()));
  const roots = new Map<string, number>();
  for (const f of lim.flows.values()) {
    if (!/: write /.test(f.label)) continue;
    for (const i of lim.intervals(f.flow)) {
      const root = rootOf(i.limiter) ?? i.limiter.kind;
      roots.set(root, (roots.get(root) ?? 0) + (i.rate * (i.t1 - i.t0)) / TICKS_PER_SECOND);
    }
  }
  return [...roots].sort((a, b) => b[1] - a[1]);
}

const share = (roots: [string, number][], re: RegExp): number =>
  roots.filter(([r]) => re.test(r)).reduce((s, [, b]) => s + b, 0) / roots.reduce((s, [, b]) => s + b, 0);

test('the flagship LAN design without the migration, clients started by name (p1\'s four first): the VIOS SEAs starve the drives for >= 90% of backup bytes', () => {
  const roots = backupRoots('lan', 'migrate', 'name');
  assert.ok(share(roots, /^vios\d+\.sea$/) >= 0.9, JSON.stringify(roots));
});

test('the flagship LAN design without the migration, clients spread over the servers (the default): the backup server\'s 10GbE holds >= 90% of backup bytes', () => {
  const roots = backupRoots('lan', 'migrate');
  assert.ok(share(roots, /^tsm1-lan$/) >= 0.9, JSON.stringify(roots));
});

// The clients start spread over the servers, so each LAN-free server feeds two drives at a time (720 MB/s), within
// what its 2 cores receive and write (854 MB/s): the drives hold the shared design too, its CPUs only the moments
// three sessions meet on one server.
test('the flagship npiv and shared designs: the tape drives themselves hold >= 90% of backup bytes', () => {
  for (const design of ['npiv', 'shared']) {
    const roots = backupRoots(design);
    assert.ok(share(roots, /^lib1\/d\d+$/) >= 0.9, `${design}: ${JSON.stringify(roots)}`);
  }
});

// ---- weighted sharing (SimGrid's models): each flow in a group of its own, held by a link all the same ----

interface SimgridCase {
  name: string;
  links: { name: string; bandwidth: number; latency: number }[];
  flows: { name: string; route: string[]; bytes: number; start: number }[];
}
const simgridCases = JSON.parse(readFileSync(new URL('./fixtures/simgrid/cases.json', import.meta.url), 'utf8')) as SimgridCase[];
const simgridCase = (name: string): SimgridCase => simgridCases.find((c) => c.name === name)!;
const WEIGHTED = [MODELS['simgrid-lv08'], MODELS['simgrid-cm02']];

/** A SimGrid fixture case under a model: the trace's limiters, each flow's id by name, the ledger's bytes by limiter key, and the trace. */
function runCase(c: SimgridCase, model: NetworkModel) {
  const links = Object.fromEntries(c.links.map((l) => [l.name, { bandwidth: l.bandwidth, latency: Math.round(l.latency * TICKS_PER_SECOND) }]));
  const { kernel, sink } = flowWorld(links, c.flows.map((f) => ({ name: f.name, route: f.route, bytes: f.bytes, start: Math.round(f.start * TICKS_PER_SECOND) })));
  kernel.net.useModel(model);
  kernel.run();
  const ledger = new Map<string, number>();
  for (const [key, bytes] of kernel.net.limitTotals()) {
    const id = ledgerIds(key);
    if (bytes > 0) ledger.set(`${id.kind} ${id.link >= 0 ? c.links[id.link].name : ''}`, bytes);
  }
  kernel.finish();
  const records = [...readTrace(sink.bytes())];
  const lim = flowLimiters(records);
  const names = kernel.actorNames();
  const id = Object.fromEntries([...lim.flows.values()].map((f) => [names[f.owner - 1], f.flow]));
  return { lim, id, ledger, records };
}

for (const model of WEIGHTED) {
  test(`${model.model}, parking lot: every flow is held by a link it crosses, never by its own cap (B, C, D by their one link)`, () => {
    for (const name of ['parking-lot', 'parking-lot-latency']) {
      const c = simgridCase(name);
      const { lim, id } = runCase(c, model);
      for (const f of c.flows) {
        const iv = lim.intervals(id[f.name]);
        assert.ok(iv.length > 0, `${name}/${f.name} moved`);
        for (const i of iv) {
          assert.is(i.limiter.kind, 'link', `${name}/${f.name} at ${i.t0}: ${i.limiter.kind} ${i.limiter.link}`);
          assert.ok(f.route.includes(i.limiter.link!), `${name}/${f.name}: held by ${i.limiter.link}, not on its route ${f.route.join(', ')}`);
          assert.is(i.limiter.capacity, c.links.find((l) => l.name === i.limiter.link)!.bandwidth, 'a link limiter\'s capacity is its bandwidth');
        }
      }
      assert.equal(lim.bytes.filter((b) => b.kind !== 'link'), [], `${name}: no bytes held by a cap`);
      const total = lim.bytes.reduce((a, b) => a + b.bytes, 0);
      const sent = c.flows.reduce((a, f) => a + f.bytes, 0);
      assert.ok(Math.abs(total - sent) <= 1e-6 * sent, `${name}: the limiters held every byte sent (${total} of ${sent})`);
    }
  });

  test(`${model.model}, WAN with two RTTs: the short flow is held by the shared bottleneck; the long one by it while they share, then by its TCP window alone`, () => {
    const c = simgridCase('wan-two-rtts');
    const { lim, id } = runCase(c, model);
    const short = lim.intervals(id.short), long = lim.intervals(id.long);
    assert.ok(short.every((i) => i.limiter.kind === 'link' && i.limiter.link === 'bottleneck'), JSON.stringify(short.map((i) => i.limiter)));
    const shortEnd = short[short.length - 1].t1;
    const together = long.filter((i) => i.t1 <= shortEnd), alone = long.filter((i) => i.t0 >= shortEnd);
    assert.ok(together.length > 0 && together.every((i) => i.limiter.kind === 'link' && i.limiter.link === 'bottleneck'), JSON.stringify(together.map((i) => i.limiter)));
    // Alone, the long flow would get the whole bottleneck, but SimGrid's window bound (gamma over twice its 45 ms route latency) is lower.
    const window = (model.bandwidthFactor * model.tcpGamma) / (2 * 0.045);
    assert.ok(window < c.links[2].bandwidth);
    assert.ok(Math.abs(windowCap(model, 45_000_000) - window) < 1e-6 * window);
    assert.ok(alone.length > 0);
    for (const i of alone) {
      assert.is(i.limiter.kind, 'flow-cap');
      assert.ok(Math.abs(i.rate - window) < 1e-6 * window, `${i.rate} B/s against the window's ${window}`);
    }
  });
}

test('parking lot without latency (every penalty 1): each flow\'s limiters and sharers under the SimGrid models are max-min\'s, change by change', () => {
  const c = simgridCase('parking-lot');
  const story = (model: NetworkModel): Record<string, string[]> => {
    const { lim, id } = runCase(c, model);
    return Object.fromEntries(c.flows.map((f) => [f.name, lim.intervals(id[f.name])
      .map((i) => `${i.limiter.kind} ${i.limiter.link} shared by ${i.sharers}`)
      .filter((x, k, all) => k === 0 || all[k - 1] !== x)]));
  };
  const plain = story(MAXMIN);
  assert.equal(plain.B, ['link l1 shared by 2'], 'max-min: B shares l1 with A');
  assert.is(plain.A[0], 'link l1 shared by 2');
  for (const model of WEIGHTED) assert.equal(story(model), plain, model.model);
});

test('weighted sharing: the network\'s ledger and the trace name the same limiters with the same bytes, on every SimGrid fixture case', () => {
  for (const model of WEIGHTED) for (const c of simgridCases) {
    const { lim, ledger } = runCase(c, model);
    const read = new Map(lim.bytes.filter((b) => b.bytes > 0).map((b) => [b.key, b.bytes]));
    assert.equal([...ledger.keys()].sort(), [...read.keys()].sort(), `${model.model}/${c.name}`);
    for (const [k, b] of ledger) assert.ok(Math.abs(b - read.get(k)!) <= 1e-6 * b, `${model.model}/${c.name} ${k}: ledger ${b}, trace ${read.get(k)}`);
  }
});

test('pure max-min writes no flow-held record (its groups are its links), so its traces are as they were', () => {
  for (const c of simgridCases) {
    const { records } = runCase(c, MAXMIN);
    assert.is(records.filter((r) => r.type === 'flow-held').length, 0, c.name);
  }
  assert.ok(runCase(simgridCase('parking-lot'), MODELS['simgrid-lv08']).records.some((r) => r.type === 'flow-held'));
});

test('backlab run on the parking lot under simgrid-lv08 names a link as the bottleneck, as under max-min', () => {
  const file = 'parking-lot.yaml';
  const text = readFileSync(new URL(`../scenarios/${file}`, import.meta.url), 'utf8');
  const said = (sets: string[]) => saidOf(runScenario(loadScenario(file, text, { sets: sets.map(parseSetting) }))).bottleneck;
  assert.match(said([]), /^l3: /);
  assert.match(said(['network.model=simgrid-lv08']), /^l3: /);
});

test.run();
