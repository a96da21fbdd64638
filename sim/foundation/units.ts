/**
 * Quantities with units, as scenario files write them: "10 Gb/s", "1.25 GB/s",
 * "50 GB", "50 GiB", "40 ms", "2 h", "1 h 30 min", "400 d". Inside the simulator everything is bytes,
 * bytes per second and ticks (ns).
 *
 * b = bits, B = bytes. k, M, G, T, P are powers of 1000; Ki, Mi, Gi, Ti, Pi
 * powers of 1024. A rate is a size over "/s" (also "ps" as in "Gbps").
 */
import { LONGEST } from './time.ts';

export class UnitError extends Error {
  override name = 'UnitError';
}

const PREFIX: Record<string, number> = {
  '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15,
  Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5,
};

const DURATION: Record<string, number> = {
  ns: 1, us: 1e3, 'µs': 1e3, ms: 1e6, s: 1e9, min: 60e9, h: 3600e9, d: 86400e9,
};

const NUMBER = '([0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)';
const SIZE_RE = new RegExp(`^${NUMBER}\\s*(Ki|Mi|Gi|Ti|Pi|k|K|M|G|T|P|)(B|b|bytes?|bits?)$`);
const RATE_RE = new RegExp(`^${NUMBER}\\s*(Ki|Mi|Gi|Ti|Pi|k|K|M|G|T|P|)(B|b)(?:/s|ps)$`);
const DURATION_PART = new RegExp(`${NUMBER}\\s*(ns|us|µs|ms|s|min|h|d)(?![a-zA-Zµ])\\s*`, 'y');

const SIZE_HINT = 'Write a number and a unit such as "50 GB", "50 GiB" or "800 MB" (b = bits, B = bytes; k/M/G/T are powers of 1000, Ki/Mi/Gi/Ti powers of 1024).';
const RATE_HINT = 'Write a number and a unit such as "20 Gb/s", "2.5 GB/s" or "800 MB/s" (b = bits, B = bytes; k/M/G/T are powers of 1000, Ki/Mi/Gi/Ti powers of 1024).';
const DURATION_HINT = 'Write a number and a unit such as "40 ms", "2 h", "1.5 s" or "400 d", or several from the largest unit down such as "1 h 30 min" or "2 d 6 h" (ns, us, ms, s, min, h, d).';

function bytesOf(unit: string): number {
  return unit === 'b' || unit.startsWith('bit') ? 1 / 8 : 1;
}

/**
 * Physical bounds. 1 EB: more than any storage system holds (the largest
 * archives are a few hundred PB), and byte counts summed past it lose whole
 * bytes in a double. Rates from 1 B/s: slower, a link would move under 9 MB in
 * the simulator's whole 104-day range, and a flow would sit "running" to the
 * end. Up to 1 PB/s: thousands of times the fastest link or device built
 * (a 1.6 Tb/s port is 200 GB/s), and a million bytes per 1 ns tick. A rate
 * of 0 passes here: the field decides whether it may be zero.
 */
export const MAX_SIZE = 1e18;
export const MIN_RATE = 1;
export const MAX_RATE = 1e15;

/** Bytes. */
export function parseSize(text: unknown): number {
  const m = typeof text === 'string' ? SIZE_RE.exec(text.trim()) : null;
  if (m === null) throw new UnitError(`${JSON.stringify(text)} is not a size. ${SIZE_HINT}`);
  const v = finite(Number(m[1]) * PREFIX[m[2]] * bytesOf(m[3]), text, 'size');
  if (v > MAX_SIZE) throw new UnitError(`${JSON.stringify(text)} is more than 1 EB, larger than any storage system holds (and byte counts past it lose whole bytes).`);
  return v;
}

/** A number too large for a double (1e400 GB) is a mistake, not infinity. */
function finite(x: number, text: unknown, what: string): number {
  if (!Number.isFinite(x)) throw new UnitError(`${JSON.stringify(text)} is too large to be a ${what}; write it with a larger unit or a smaller number.`);
  return x;
}

/** Bytes per second. */
export function parseRate(text: unknown): number {
  const m = typeof text === 'string' ? RATE_RE.exec(text.trim()) : null;
  if (m === null) throw new UnitError(`${JSON.stringify(text)} is not a rate. ${RATE_HINT}`);
  const v = finite(Number(m[1]) * PREFIX[m[2]] * bytesOf(m[3]), text, 'rate');
  if (v > 0 && v < MIN_RATE) throw new UnitError(`${JSON.stringify(text)} is below 1 B/s: at that rate a link moves less than 9 MB in the simulator's whole range of 104 days.`);
  if (v > MAX_RATE) throw new UnitError(`${JSON.stringify(text)} is above 1 PB/s, thousands of times the fastest link or device built (a 1.6 Tb/s port carries 200 GB/s).`);
  return v;
}

/**
 * Ticks (ns), rounded to the nearest nanosecond. Parts add up, each unit
 * smaller than the one before ("1 h 30 min", "2 d 6 h 15 min"): a clock
 * reading, not a sum to be worked out, so "30 min 1 h" and "1 h 1 h" are
 * refused. Past 2^63 ns (the coarsest clock's horizon) is an error.
 */
export function parseDuration(text: unknown): number {
  const parts = typeof text === 'string' ? durationParts(text.trim()) : null;
  if (parts === null) throw new UnitError(`${JSON.stringify(text)} is not a duration. ${DURATION_HINT}`);
  let t = 0;
  for (const [n, unit] of parts) t += Math.round(n * DURATION[unit]);
  if (!(t <= LONGEST)) throw new UnitError(`${JSON.stringify(text)} is longer than the simulator's longest clock, 2^63 ns (about 292 years).`);
  return t;
}

/** The (number, unit) parts of a duration, units strictly decreasing; null if it is not one. */
function durationParts(text: string): [number, string][] | null {
  const parts: [number, string][] = [];
  DURATION_PART.lastIndex = 0;
  while (DURATION_PART.lastIndex < text.length) {
    const m = DURATION_PART.exec(text);
    if (m === null) return null;
    const prev = parts.at(-1);
    if (prev !== undefined && DURATION[m[2]] >= DURATION[prev[1]]) return null;
    parts.push([Number(m[1]), m[2]]);
  }
  return parts.length > 0 ? parts : null;
}
