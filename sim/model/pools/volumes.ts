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
import { LTO, type Generation } from '../libraries/lto.ts';

export interface Volume {
  label: string;
  library: string;
  generation: Generation;
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

/** Back to scratch: empty, held by no pool; where it is (slot or vault) does not change. */
export function scratch(v: Volume): void {
  v.written = 0;
  v.valid = 0;
  v.pool = null;
  v.full = false;
  v.compression = 1;
}

export const isScratch = (v: Volume): boolean => v.pool === null && v.written === 0 && !v.offsite;

/** What fills a library's slots, and what is away. */
export interface SlotUse {
  slots: number;
  /** cartridges with data in the library: the pools' and those listed with data */
  private: number;
  scratch: number;
  /** in the vault, holding copies */
  offsite: number;
  /** in the vault, empty, waiting for a slot */
  waiting: number;
}

/**
 * A library's cartridges the pools may use: those empty when the run began,
 * in the order the scenario lists them, then those the operator checked in.
 * Every cartridge in the library takes one of its slots; one in the vault
 * does not.
 */
export class Shelf {
  readonly volumes: Volume[];
  private readonly labels: Set<string>;

  /** `fixed`: cartridges listed with data on them, in slots of their own; `labels`: every label already used. */
  constructor(readonly library: string, volumes: readonly Volume[], public slots: number, readonly fixed: number, labels: Iterable<string>) {
    this.volumes = [...volumes];
    this.labels = new Set(labels);
  }

  /** The first scratch cartridge of one of `generations`. */
  scratchOf(generations: readonly string[]): Volume | undefined {
    return this.volumes.find((v) => isScratch(v) && v.drive === null && generations.includes(v.generation));
  }

  scratchCount(): number {
    return this.volumes.filter(isScratch).length;
  }

  /** Cartridges in the library (in a slot, or in a drive with their slot kept). */
  inLibrary(): number {
    return this.fixed + this.volumes.filter((v) => !v.offsite).length;
  }

  slotsFree(): number {
    return this.slots - this.inLibrary();
  }

  use(): SlotUse {
    const here = this.volumes.filter((v) => !v.offsite);
    const away = this.volumes.filter((v) => v.offsite);
    const scratchN = here.filter(isScratch).length;
    const waiting = away.filter((v) => v.pool === null).length;
    return { slots: this.slots, private: this.fixed + here.length - scratchN, scratch: scratchN, offsite: away.length - waiting, waiting };
  }

  /** Empty cartridges waiting in the vault come back to the slots free, in the library's order. */
  comeBack(): void {
    for (const v of this.volumes) if (v.offsite && v.pool === null && this.slotsFree() > 0) v.offsite = false;
  }

  /**
   * A new empty cartridge of `generation` the operator checks into a free
   * slot (undefined: none is free): like the last of that generation listed,
   * its label counting up from it (else CK00001 with the generation's media ID).
   */
  checkIn(generation: Generation): Volume | undefined {
    if (this.slotsFree() <= 0) return undefined;
    const like = this.volumes.filter((v) => v.generation === generation).at(-1);
    const v: Volume = {
      label: this.nextLabel(like?.label ?? `CK00000L${generation.slice(-1)}`), library: this.library, generation, capacity: like?.capacity ?? LTO[generation].capacity,
      compression: 1, written: 0, valid: 0, pool: null, full: false, offsite: false, drive: null,
    };
    this.labels.add(v.label);
    this.volumes.push(v);
    return v;
  }

  /** The first label after `from` counting up its number (A00009L6: A00010L6, ...) that no cartridge has. */
  private nextLabel(from: string): string {
    const [, head, digits, media] = /^(.*?)(\d+)(L[0-9A-Z])$/.exec(from) ?? [from, `${from}-`, '0', ''];
    for (let n = Number(digits) + 1; ; n++) {
      const label = `${head}${String(n).padStart(digits.length, '0')}${media}`;
      if (!this.labels.has(label)) return label;
    }
  }
}
