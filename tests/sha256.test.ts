import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { Sha256, sha256Hex } from '../sim/trace/sha256.ts';

const enc = new TextEncoder();

function nodeHex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Tiny deterministic LCG (Numerical Recipes constants), returns uint32. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
}

function randomBytes(next: () => number, len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = next() >>> 24;
  return out;
}

/** Feeds `data` in pieces split at random points; returns hex. */
function hashSplit(next: () => number, data: Uint8Array): string {
  const h = new Sha256();
  let pos = 0;
  while (pos < data.length) {
    // Mix tiny and larger pieces, including empty ones.
    const max = next() % 4 === 0 ? 300 : 70;
    const n = Math.min(data.length - pos, next() % (max + 1));
    h.update(data.subarray(pos, pos + n));
    pos += n;
  }
  return h.hex();
}

test('NIST vector: empty string', () => {
  assert.is(sha256Hex(new Uint8Array(0)), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.is(new Sha256().hex(), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
});

test('NIST vector: "abc"', () => {
  assert.is(sha256Hex(enc.encode('abc')), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test('NIST vector: 448-bit message', () => {
  const msg = 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq';
  assert.is(msg.length, 56);
  assert.is(sha256Hex(enc.encode(msg)), '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
});

test('NIST vector: 896-bit message', () => {
  const msg =
    'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu';
  assert.is(msg.length, 112);
  assert.is(sha256Hex(enc.encode(msg)), 'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1');
});

test('NIST vector: one million "a" in uneven chunks', () => {
  const expected = 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0';
  const all = new Uint8Array(1_000_000).fill(0x61);
  assert.is(sha256Hex(all), expected);

  const h = new Sha256();
  const sizes = [1, 63, 64, 65, 127, 7, 4096, 65536, 13, 100_003, 3];
  let pos = 0;
  let k = 0;
  while (pos < all.length) {
    const n = Math.min(sizes[k++ % sizes.length]!, all.length - pos);
    h.update(all.subarray(pos, pos + n));
    pos += n;
  }
  assert.is(h.hex(), expected);
});

test('padding edge-case lengths match node:crypto', () => {
  const next = lcg(0xc0ffee);
  for (const len of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129]) {
    const data = randomBytes(next, len);
    const expected = nodeHex(data);
    assert.is(sha256Hex(data), expected, `whole, len=${len}`);
    const h = new Sha256();
    for (let i = 0; i < len; i++) h.update(data.subarray(i, i + 1));
    assert.is(h.hex(), expected, `byte by byte, len=${len}`);
  }
});

test('300 pseudo-random inputs match node:crypto, whole and split', () => {
  const next = lcg(12345);
  // A larger backing buffer so inputs are subarrays at non-zero, unaligned offsets.
  const backing = randomBytes(next, 5000 + 64);
  for (let iter = 0; iter < 300; iter++) {
    const len = next() % 5001;
    const off = next() % 64;
    const data = backing.subarray(off, off + len);
    const expected = nodeHex(data);
    assert.is(sha256Hex(data), expected, `whole, iter=${iter} len=${len}`);
    assert.is(hashSplit(next, data), expected, `split, iter=${iter} len=${len}`);
  }
});

test('digest/hex caching and update-after-digest', () => {
  const h = new Sha256().update(enc.encode('ab')).update(enc.encode('c'));
  const d1 = h.digest();
  assert.is(d1.length, 32);
  const hex1 = h.hex();
  assert.is(hex1, 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.is(h.hex(), hex1);
  d1.fill(0); // mutating a returned digest must not corrupt the object
  assert.is(h.hex(), hex1);
  assert.equal(Array.from(h.digest()), Array.from(Buffer.from(hex1, 'hex')));
  assert.throws(() => h.update(enc.encode('x')), /digest/);
  assert.throws(() => h.update(new Uint8Array(0)));

  const h2 = new Sha256();
  h2.hex();
  assert.throws(() => h2.update(new Uint8Array(1)));
});

test.run();
