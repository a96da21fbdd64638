/**
 * sim/net/shaped.ts: a device's feed is what its route leaves it, the other flows at the rates they really
 * take, so a link whose flows' devices take less than their first share is still filled.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Kernel } from '../sim/engine/kernel.ts';

/** Halves anything fed below 60 MB/s (a tape drive back-hitching, simplified); records what it was asked. */
function halving(asked: { feed: number; probe: boolean }[]) {
  return (feed: number, probe = false) => { asked.push({ feed, probe }); return feed < 6e7 ? feed / 2 : feed; };
}

test('two devices sharing a link fill it: each would halve its first share (5e7), but what the other leaves feeds it above 6e7', () => {
  const k = new Kernel({ seed: 1 });
  k.net.addLink('l', { bandwidth: 1e8 });
  const route = k.net.route(['l']);
  const askedA: { feed: number; probe: boolean }[] = [];
  const a = k.net.startFlow(route, 1e9, Infinity, null, 0, 'A', halving(askedA));
  const b = k.net.startFlow(route, 1e9, Infinity, null, 0, 'B', halving([]));
  k.run({ until: 1 });
  // Without the raise each took 2.5e7 and the link stood half idle.
  assert.equal([a.rate, b.rate], [5e7, 5e7]);
  // The device is told its regime by its first share, then by the rate it averages; what it was tried at in between is a probe.
  const told = askedA.filter((x) => !x.probe).map((x) => x.feed);
  assert.equal(told, [5e7, 5e7]);
  assert.ok(askedA.some((x) => x.probe && x.feed === 7.5e7), JSON.stringify(askedA));
});

test('a device alone on its link is left as it was: its route leaves it its first share, which it halves', () => {
  const k = new Kernel({ seed: 1 });
  k.net.addLink('own', { bandwidth: 5e7 });
  k.net.addLink('shared', { bandwidth: 1e9 });
  const a = k.net.startFlow(k.net.route(['own', 'shared']), 1e9, Infinity, null, 0, 'A', halving([]));
  const b = k.net.startFlow(k.net.route(['shared']), 1e9, Infinity, null, 0, 'B');
  k.run({ until: 1 });
  assert.equal([a.rate, b.rate], [2.5e7, 1e9 - 2.5e7]);
});

test('an unshaped flow takes what a device leaves: the device is not fed more', () => {
  const k = new Kernel({ seed: 1 });
  k.net.addLink('l', { bandwidth: 1e8 });
  const route = k.net.route(['l']);
  const a = k.net.startFlow(route, 1e9, Infinity, null, 0, 'A', halving([]));
  const b = k.net.startFlow(route, 1e9, Infinity, null, 0, 'B');
  k.run({ until: 1 });
  assert.equal([a.rate, b.rate], [2.5e7, 7.5e7]);
});

test.run();
