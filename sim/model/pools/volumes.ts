/**
 * Cartridges as pools see them: which pool holds each, what was written on
 * it and what of that is still valid, and the library's scratch and slots.
 *
 * Bytes are counted as the host sent them (integers, so expiry subtracts
 * exactly what a write added); on tape they take host / compression native
 * bytes, the drive model's compression, and a cartridge holds at most its
 * native capacity. Written bytes stay written until the cartridge returns
 * to scratch: an expired version only stops being valid (Spectrum Protect:
 * space on sequential volumes comes back by reclamation, not expiration).
 */

export interface Volume {
  label: string;
  library: string;
  generation: string;
  /** native bytes */
  capacity: number;
  /** host bytes per native byte, set by the pool's drives when it leaves scratch */
  compression: number;
  /** host bytes written, valid or not */
  written: number;
  /** host bytes of versions still retained */
  valid: number;
  /** the pool that holds it; null: scratch */
  pool: string | null;
  /** no more appends (filled, or gone offsite) */
  full: boolean;
  /** in the vault, not in the library */
  offsite: boolean;
  /** the drive it is mounted in or claimed for; null in its slot */
  drive: string | null;
}

/** Host bytes that still fit on the volume. */
export function room(v: Volume): number {
  return Math.max(0, Math.floor(v.capacity * v.compression) - v.written);
}

/** Native bytes written and still valid. */
export const nativeWritten = (v: Volume): number => v.written / v.compression;
export const nativeValid = (v: Volume): number => v.valid / v.compression;

/** The share of the cartridge that is reclaimable: written but expired, or never to be written (a full cartridge's tail). */
export function reclaimable(v: Volume): number {
  return 1 - nativeValid(v) / v.capacity;
}

/** Back to scratch: empty, in its slot, held by no pool. */
export function scratch(v: Volume): void {
  v.written = 0;
  v.valid = 0;
  v.pool = null;
  v.full = false;
  v.offsite = false;
  v.compression = 1;
}

export const isScratch = (v: Volume): boolean => v.pool === null && v.written === 0 && !v.offsite;

/** A library's cartridges the pools may use: those empty when the run began, in the order the scenario lists them. */
export class Shelf {
  constructor(readonly library: string, readonly volumes: readonly Volume[]) {}

  /** The first scratch cartridge of one of `generations`. */
  scratchOf(generations: readonly string[]): Volume | undefined {
    return this.volumes.find((v) => isScratch(v) && v.drive === null && generations.includes(v.generation));
  }

  scratchCount(): number {
    return this.volumes.filter(isScratch).length;
  }

  /** Slots with no cartridge in them: those of cartridges gone offsite. */
  slotsFree(): number {
    return this.volumes.filter((v) => v.offsite).length;
  }
}
