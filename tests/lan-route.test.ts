import type { LinkDef } from '../sim/foundation/scenario.ts';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lanRoute } from '../sim/protocols/common/lan-route.ts';

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

test('the DR services\' case: a direct link beats two hops, ties between parallel links go to the first', () => {
  const links = [link('x1', 'a', 's'), link('x2', 's', 'b'), link('y', 'a', 'b'), link('z', 'c', 'd')];
  assert.equal(lanRoute(links, 'a', 'b'), ['y']);
  assert.equal(lanRoute(links, 'b', 's'), ['x2']);
  assert.equal(lanRoute([link('p', 'a', 'm'), link('q', 'a', 'm'), link('r', 'm', 'b')], 'a', 'b'), ['p', 'r']);
  assert.is(lanRoute(links, 'a', 'c'), null);
});

test.run();
