import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lanRoute } from '../sim/protocols/common/lan-route.ts';
import type { LinkDef } from '../sim/scenario/scenario.ts';

const link = (name: string, a: string, b: string): LinkDef => ({ name, between: [a, b], bandwidth: 1, latency: 0 });

test('fewest hops between two hosts, in either direction of each link', () => {
  const links = [link('a-sw', 'a', 'sw'), link('sw-core', 'sw', 'core'), link('core-b', 'core', 'b'), link('a-b', 'b', 'a')];
  assert.equal(lanRoute(links, 'a', 'b'), ['a-b']);
  assert.equal(lanRoute(links, 'core', 'a'), ['sw-core', 'a-sw']);
  // Two paths of two hops from sw: the one whose first link is written first.
  assert.equal(lanRoute(links, 'sw', 'b'), ['a-sw', 'a-b']);
  assert.equal(lanRoute(links, 'a', 'a'), []);
});

test('ties go to the link written first; no path gives null', () => {
  const links = [link('second', 'x', 'y'), link('first', 'x', 'y'), link('lonely', 'p', 'q')];
  assert.equal(lanRoute(links, 'x', 'y'), ['second']);
  assert.is(lanRoute(links, 'x', 'q'), null);
  assert.is(lanRoute([{ name: 'bare', bandwidth: 1, latency: 0 }], 'x', 'y'), null);
});

test.run();
