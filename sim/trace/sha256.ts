/**
 * Pure TypeScript, incremental SHA-256 (FIPS 180-4) for the simulator's trace hash.
 *
 * Why it exists: the trace hash must come out identical from the same code in Node and in
 * the browser, and it must be computed synchronously while the trace is streamed out.
 * node:crypto and Buffer do not exist in the browser, and crypto.subtle.digest is async
 * and one-shot, so neither fits. This module uses only Uint8Array/DataView/Int32Array and
 * 32-bit integer arithmetic (`| 0`, `>>>`), which behaves the same on every JS engine.
 *
 * Speed: whole 64-byte blocks are compressed straight from the caller's bytes; only a
 * partial tail block is copied into an internal 64-byte buffer. Nothing is allocated per
 * block. In Node the trace uses the native hash instead (hasher.ts); this one serves the
 * browser, where a plain rounds loop is fast enough (about 160 MiB/s; fully unrolling the
 * rounds measured about 1.5x faster at four times the code).
 */

const INITIAL_STATE = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

const HEX = '0123456789abcdef';

/** 2^29: a byte count at or above this no longer fits in 32 bits once multiplied by 8. */
const TWO_POW_29 = 0x20000000;

export class Sha256 {
  /** Chaining state H0..H7. */
  private readonly state = new Int32Array(INITIAL_STATE);
  /** Partial tail block (also used for the final padding). */
  private readonly buf = new Uint8Array(64);
  private readonly bufView = new DataView(this.buf.buffer);
  private bufLen = 0;
  /** Total bytes hashed so far; a double, exact up to 2^53. */
  private bytes = 0;
  private result: Uint8Array | null = null;
  private hexCache: string | null = null;

  /** Feeds `data` (any length; may be a subarray of a larger buffer). */
  update(data: Uint8Array): this {
    if (this.result !== null) throw new Error('Sha256: update() called after digest()');
    const len = data.length;
    if (len === 0) return this;
    const total = this.bytes + len;
    if (total > Number.MAX_SAFE_INTEGER) throw new Error('Sha256: input longer than 2^53 - 1 bytes');
    this.bytes = total;

    let pos = 0;
    const buf = this.buf;
    if (this.bufLen > 0) {
      const take = Math.min(64 - this.bufLen, len);
      buf.set(take === len ? data : data.subarray(0, take), this.bufLen);
      this.bufLen += take;
      pos = take;
      if (this.bufLen < 64) return this;
      compress(this.state, this.bufView, 0);
      this.bufLen = 0;
    }
    const blocks = (len - pos) >>> 6;
    if (blocks > 0) {
      const view = new DataView(data.buffer, data.byteOffset, len);
      const state = this.state;
      const end = pos + (blocks << 6);
      for (; pos < end; pos += 64) compress(state, view, pos);
    }
    if (pos < len) {
      buf.set(data.subarray(pos), 0);
      this.bufLen = len - pos;
    }
    return this;
  }

  /** Finishes the hash and returns the 32-byte digest (a fresh copy on every call). */
  digest(): Uint8Array {
    if (this.result === null) this.result = this.finish();
    return this.result.slice();
  }

  /** Lowercase hex of the digest; finishes the hash if needed. */
  hex(): string {
    if (this.hexCache === null) {
      if (this.result === null) this.result = this.finish();
      const d = this.result;
      let s = '';
      for (let i = 0; i < 32; i++) s += HEX[d[i]! >>> 4]! + HEX[d[i]! & 15]!;
      this.hexCache = s;
    }
    return this.hexCache;
  }

  private finish(): Uint8Array {
    const buf = this.buf;
    const view = this.bufView;
    let n = this.bufLen;
    buf[n++] = 0x80;
    if (n > 56) {
      buf.fill(0, n, 64);
      compress(this.state, view, 0);
      n = 0;
    }
    buf.fill(0, n, 56);
    // Message length in bits (bytes * 8) as a 64-bit big-endian integer.
    view.setUint32(56, Math.floor(this.bytes / TWO_POW_29));
    view.setUint32(60, (this.bytes % TWO_POW_29) * 8);
    compress(this.state, view, 0);
    this.bufLen = 0;

    const out = new Uint8Array(32);
    const outView = new DataView(out.buffer);
    for (let i = 0; i < 8; i++) outView.setInt32(i * 4, this.state[i]!);
    return out;
  }
}

/** One-shot SHA-256 of `data`, as lowercase hex. */
export function sha256Hex(data: Uint8Array): string {
  return new Sha256().update(data).hex();
}

/** FIPS 180-4 section 4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const W = new Int32Array(64);

/**
 * Compresses the 64-byte block of `view` at byte `off` into `state` (FIPS 180-4 section 6.2.2).
 *
 * Deliberately one block per call, with the block loop in the caller: when this function
 * looped over many blocks itself, a large first update() got it tiered up via on-stack
 * replacement with too little type feedback, and V8 sometimes left it unoptimized for
 * later small calls (observed: 15 MiB/s instead of ~200 MiB/s).
 */
function compress(state: Int32Array, view: DataView, off: number): void {
  const w = W;
  for (let i = 0; i < 16; i++) w[i] = view.getInt32(off + 4 * i);
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15], y = w[i - 2];
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
  }
  let a = state[0], b = state[1], c = state[2], d = state[3];
  let e = state[4], f = state[5], g = state[6], h = state[7];
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g; g = f; f = e; e = (d + t1) | 0;
    d = c; c = b; b = a; a = (t1 + t2) | 0;
  }
  state[0] = (state[0] + a) | 0; state[1] = (state[1] + b) | 0;
  state[2] = (state[2] + c) | 0; state[3] = (state[3] + d) | 0;
  state[4] = (state[4] + e) | 0; state[5] = (state[5] + f) | 0;
  state[6] = (state[6] + g) | 0; state[7] = (state[7] + h) | 0;
}
