import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ledgerIds, ledgerKey, linkKey } from '../sim/net/limit-ledger.ts';
import type { LimitIds } from '../sim/trace/cap-limit.ts';

test('a limiter packed into a ledger key comes back whole, for every kind and feed, up to 2^21 - 2 links', () => {
  const big = 2 ** 21 - 2;
  const cases: LimitIds[] = [
    { kind: 'link', link: 0, feedKind: null, feedLink: -1 },
    { kind: 'link', link: big, feedKind: null, feedLink: -1 },
    { kind: 'link-cap', link: 7, feedKind: null, feedLink: -1 },
    { kind: 'flow-cap', link: -1, feedKind: null, feedLink: -1 },
    { kind: 'device-law', link: 12, feedKind: 'link', feedLink: big },
    { kind: 'device-law', link: big, feedKind: 'flow-cap', feedLink: -1 },
    { kind: 'device-law', link: 3, feedKind: 'link-cap', feedLink: 5 },
    { kind: 'device-law', link: 3, feedKind: null, feedLink: -1 },
  ];
  const keys = cases.map(ledgerKey);
  for (const [i, c] of cases.entries()) {
    assert.ok(Number.isSafeInteger(keys[i]), `${keys[i]}`);
    assert.equal(ledgerIds(keys[i]), c);
  }
  assert.is(new Set(keys).size, cases.length, 'distinct limiters, distinct keys');
  assert.is(linkKey(7), ledgerKey({ kind: 'link', link: 7, feedKind: null, feedLink: -1 }));
});

test.run();
