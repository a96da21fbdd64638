/**
 * Stars (sim/net/star.ts): a completion in a component one link limits whole
 * is re-rated without a solve. Held to the solver itself: every world runs
 * twice, with the shortcut and with every star solved in full, and the two
 * traces must hash alike (every rate, group move and end time to the last
 * bit). The worlds are drawn from a seeded generator: shared backbones, host
 * links that take over as the bottleneck when few flows remain, caps, late
 * starts, a bandwidth change and a link going down.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Kernel } from '../sim/engine/kernel.ts';
import { transfer, type TransferResult } from '../sim/engine/commands.ts';
import { MemorySink } from '../sim/trace/sink.ts';
import { Stars } from '../sim/net/star.ts';
import { ms } from '../sim/foundation/time.ts';
import { closedFormEnds } from '../bench/flows.ts';

/** mulberry32: a small seeded generator, independent of the kernel's streams. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface WorldFlow { route: string[]; bytes: number; start: number; cap?: number }
interface World {
  links: Record<string, { bandwidth: number; flowCap?: number }>;
  flows: WorldFlow[];
  /** [time, link, bandwidth]: a bandwidth change; bandwidth -1 takes the link down */
  changes: [number, string, number][];
}

function drawWorld(seed: number): World {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const hosts = 5 + Math.floor(r() * 40);
  const links: World['links'] = { bb0: { bandwidth: pick([1e10, 4e9, 1e9]) }, bb1: { bandwidth: pick([3e9, 5e8]) } };
  for (let i = 0; i < hosts; i++) {
    links[`h${i}`] = { bandwidth: pick([1e9, 2.5e8, 1e8, 7e7]), ...(r() < 0.1 ? { flowCap: pick([5e7, 2e8]) } : {}) };
  }
  const flows: WorldFlow[] = [];
  const n = 20 + Math.floor(r() * 150);
  for (let i = 0; i < n; i++) {
    const h = `h${Math.floor(r() * hosts)}`, other = `h${Math.floor(r() * hosts)}`;
    const route = pick([[h, 'bb0'], [h, 'bb0'], [h, 'bb0'], [h, 'bb1'], [h, 'bb0', other], [h]]);
    const unique = route.filter((l, k) => route.indexOf(l) === k);
    flows.push({
      route: unique,
      bytes: 1e6 + Math.floor(r() * 2e9),
      start: r() < 0.5 ? 0 : ms(Math.floor(r() * 20_000)),
      ...(r() < 0.1 ? { cap: pick([3e7, 1e8]) } : {}),
    });
  }
  const changes: World['changes'] = [];
  if (r() < 0.5) changes.push([ms(Math.floor(r() * 30_000)), pick(['bb0', 'bb1', 'h0']), pick([2e9, 6e8])]);
  if (r() < 0.3) changes.push([ms(Math.floor(r() * 30_000)), `h${Math.floor(r() * hosts)}`, -1]);
  return { links, flows, changes };
}

/** bench/flows.ts's staggered flows: every completion re-rates all the others, and the last ten are host-limited. */
function staggered(n: number): World {
  const links: World['links'] = { bb: { bandwidth: 1e10 } };
  const flows: WorldFlow[] = [];
  for (let i = 0; i < n; i++) {
    links[`h${i}`] = { bandwidth: 1e9 };
    flows.push({ route: [`h${i}`, 'bb'], bytes: 1e8 + Math.floor((1e8 * i) / n), start: 0 });
  }
  return { links, flows, changes: [] };
}

interface Outcome { hash: string; ends: (number | string)[]; rerated: number; solved: number }

function run(w: World, shortcut: boolean): Outcome {
  Stars.shortcut = shortcut;
  try {
    const kernel = new Kernel({ seed: 1, sink: new MemorySink() });
    for (const [name, spec] of Object.entries(w.links)) kernel.net.addLink(name, spec);
    const ends: (number | string)[] = w.flows.map(() => 'not done');
    w.flows.forEach((f, i) => {
      kernel.spawn(`f${i}`, function* () {
        if (f.start > 0) yield { op: 'sleep', duration: f.start };
        try {
          ends[i] = ((yield transfer(f.route, f.bytes, { cap: f.cap })) as TransferResult).end;
        } catch (e) {
          ends[i] = (e as Error).message;
        }
      });
    });
    for (const [t, link, bw] of w.changes) {
      const id = kernel.net.linkId(link);
      kernel.at(t, () => (bw < 0 ? kernel.net.setLinkUp(id, false) : kernel.net.setBandwidth(id, bw)));
    }
    kernel.run();
    return { hash: kernel.finish().hash, ends, rerated: kernel.net.flowsRerated, solved: kernel.net.flowsSolved };
  } finally {
    Stars.shortcut = true;
  }
}

test('staggered flows over one backbone: the shortcut takes the completions, and the trace is the full solver\'s', () => {
  const w = staggered(400);
  const fast = run(w, true), full = run(w, false);
  assert.is(fast.hash, full.hash);
  assert.equal(fast.ends, full.ends);
  assert.is(full.solved, full.rerated);
  assert.is(fast.rerated, full.rerated, 'the same flows re-rated, counted either way');
  // Only the first solve (400 flows) and the host-limited tail go through the solver.
  assert.ok(fast.solved < fast.rerated / 50, `solved ${fast.solved} of ${fast.rerated} flows re-rated`);
});

test('staggered flows end at the closed form', () => {
  const w = staggered(400);
  const ends = closedFormEnds(w.flows.map((f) => f.bytes), 1e9, 1e10);
  const got = run(w, true).ends as number[];
  for (let i = 0; i < ends.length; i++) assert.ok(Math.abs(got[i] / 1e9 - ends[i]) < 1e-6, `flow ${i}: ${got[i] / 1e9} s, closed form ${ends[i]} s`);
});

test('random worlds: the same trace, bit for bit, with and without the shortcut', () => {
  let shortcuts = 0;
  for (let seed = 1; seed <= 40; seed++) {
    const w = drawWorld(seed);
    const fast = run(w, true), full = run(w, false);
    assert.is(fast.hash, full.hash, `world ${seed}: trace hashes differ`);
    assert.equal(fast.ends, full.ends, `world ${seed}`);
    if (fast.solved < full.solved) shortcuts++;
  }
  assert.ok(shortcuts >= 10, `the shortcut was taken in ${shortcuts} of 40 worlds`);
});

test.run();
