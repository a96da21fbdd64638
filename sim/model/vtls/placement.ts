/**
 * Where a version's logical bytes go on a library's virtual cartridges when
 * the backup names none: the cartridges still filling first, then scratch
 * ones, a version spanning cartridges as a backup application continues a
 * backup on the next tape at the end of one.
 */
import type { VirtualCartridge } from './vtl.ts';

/** A part of a version on one cartridge. */
export interface Placement {
  barcode: string;
  /** logical bytes */
  bytes: number;
}

const isScratch = (c: VirtualCartridge) => c.used === 0 && c.versions.size === 0;

/**
 * Cartridges not busy that together have room for `bytes`: those filling
 * (in the order they were begun), then of `scratch` (in barcode order); at
 * least one. Undefined when the library has not that much room free.
 */
export function cartridgesFor(filling: readonly VirtualCartridge[], scratch: Iterable<VirtualCartridge>, capacity: number, bytes: number): VirtualCartridge[] | undefined {
  const out: VirtualCartridge[] = [];
  let room = 0;
  for (const c of filling) {
    if (c.busy !== null || c.used >= capacity) continue;
    out.push(c);
    room += capacity - c.used;
    if (room >= bytes) return out;
  }
  for (const c of scratch) {
    // A cartridge begun for a write that then failed is still filling and blank: count its room once.
    if (c.busy !== null || !isScratch(c) || out.includes(c)) continue;
    out.push(c);
    room += capacity;
    if (room >= bytes && out.length > 0) return out;
  }
  return undefined;
}

/** Fills the cartridges in order with `bytes`; returns what went where (the cartridges' own figures are the caller's). */
export function placements(on: readonly VirtualCartridge[], capacity: number, bytes: number): Placement[] {
  const out: Placement[] = [];
  let left = bytes;
  for (const [i, c] of on.entries()) {
    const put = i === on.length - 1 ? left : Math.min(left, capacity - c.used);
    if (put <= 0 && out.length > 0) continue;
    out.push({ barcode: c.barcode, bytes: put });
    left -= put;
  }
  return out;
}
