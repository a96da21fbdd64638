/**
 * An LTO tape drive: how fast it writes what it is fed, and the mechanical
 * steps around the writing (load and thread, locate, rewind, unload).
 *
 * Speed matching and back-hitching, in native (tape-side) bytes/s, for a feed
 * f (what the rest of the route would deliver), native rate N, lowest matched
 * speed m, buffer B and back-hitch time h:
 *
 * - f >= N: the drive streams at N.
 * - m <= f < N: it runs at the highest speed-matching step <= f (or at f
 *   itself where no step table is published: LTO-5/6), with no back-hitch; the
 *   host is held to that speed.
 * - f < m: it cannot slow down further. It streams at m until its buffer
 *   empties (B / (m - f)), stops, and repositions (h) while the buffer refills
 *   (B / f); if h > B / f the host is throttled while it waits. The effective
 *   rate is e(f) = m * B/(m - f) / (B/(m - f) + max(h, B/f)): e(f) = f when
 *   h <= B/f, and below f otherwise.
 *
 * With compression ratio c the host sends c bytes per tape byte: the law
 * applies to f / c, and the drive never takes more than its compressed
 * (interface) rate. Times are ticks; the law works in seconds.
 */
import type { Kernel } from '../../engine/kernel.ts';
import type { Generation } from './lto.ts';
import type { Cartridge } from './tape-library.ts';

export interface DriveSpec {
  /** `library/drive`: the drive's name in steps, faults and reports */
  name: string;
  library: string;
  generation: Generation;
  /** native rate, bytes/s */
  nativeRate: number;
  /** speed-matching steps, bytes/s, highest first; empty: any speed from minRate to nativeRate */
  speedSteps: number[];
  /** lowest speed the drive can match, bytes/s */
  minRate: number;
  /** bytes */
  buffer: number;
  /** ticks, each stop-reverse-restart */
  backhitch: number;
  load: number;
  unload: number;
  locate: number;
  rewind: number;
  /** ticks, paid on the first load of a new cartridge (LTO-9) */
  mediaOptimisation: number;
  /** host bytes per tape byte, >= 1 */
  compression: number;
  /** most host bytes/s with compression */
  compressedRate: number;
  /** where it sits, in frames along the rail (geometry.ts); 0 without geometry */
  position: number;
}

export type Regime = 'streaming' | 'speed-matched' | 'back-hitching';

/** e(f), native bytes/s, for a feed f below the lowest matched speed m; h in seconds. */
export function backhitchRate(f: number, m: number, buffer: number, h: number): number {
  if (!(f > 0)) return 0;
  const drain = buffer / (m - f); // streaming at m until the buffer is empty
  const refill = buffer / f;
  return (m * drain) / (drain + Math.max(h, refill));
}

/** What the drive writes, native bytes/s, when fed f native bytes/s. */
export function matchedRate(spec: DriveSpec, f: number): number {
  if (f >= spec.nativeRate) return spec.nativeRate;
  if (f < spec.minRate) return backhitchRate(f, spec.minRate, spec.buffer, spec.backhitch / 1e9);
  if (spec.speedSteps.length === 0) return f;
  for (const s of spec.speedSteps) if (s <= f) return s;
  return spec.minRate;
}

export function regimeOf(spec: DriveSpec, f: number): Regime {
  return f >= spec.nativeRate ? 'streaming' : f >= spec.minRate ? 'speed-matched' : 'back-hitching';
}

export class TapeDrive {
  /** the cartridge in the drive, or null */
  cartridge: Cartridge | null = null;
  /** whether the tape is at its load point (no rewind needed before unload) */
  atLoadPoint = true;
  failed = false;
  /** most host bytes/s: the native rate times the compression, up to the interface */
  readonly hostRate: number;
  private backhitching = false;
  /** cartridges loaded, back-hitching episodes, and ticks spent back-hitching (to the last regime change) */
  mounts = 0;
  backhitches = 0;
  backhitchTime = 0;
  /** host bytes streamed to and from tape, and cartridges swapped in one cycle (demount + mount) */
  written = 0;
  read = 0;
  exchanges = 0;
  private hitchSince = 0;

  constructor(readonly spec: DriveSpec, private readonly kernel: Kernel) {
    this.hostRate = Math.min(spec.nativeRate * spec.compression, spec.compressedRate);
  }

  /** Host bytes/s the drive takes when the route would feed it `feed` host bytes/s. */
  rateFor(feed: number): number {
    // Fed at its full host rate the drive is the bottleneck: no matching to do.
    if (feed >= this.hostRate) return this.hostRate;
    const c = this.spec.compression;
    return Math.min(this.hostRate, c * matchedRate(this.spec, feed / c));
  }

  /** The law as the network's shaped flow asks for it; marks entering and leaving back-hitching (not on a probe). */
  readonly shape = (feed: number, probe = false): number => {
    const rate = this.rateFor(feed);
    if (probe) return rate;
    const hitching = regimeOf(this.spec, feed / this.spec.compression) === 'back-hitching' && feed < this.hostRate;
    if (hitching !== this.backhitching) {
      this.regime(hitching);
      this.kernel.trace.mark(this.kernel.now, 0, `tape: ${this.spec.name} ${hitching ? 'starts back-hitching' : 'stops back-hitching'}`, {
        drive: this.spec.name, feed, rate, minRate: this.spec.minRate * this.spec.compression,
      });
    }
    return rate;
  };

  /** A stream ended: the next one starts with no regime. */
  streamEnded(): void {
    this.regime(false);
  }

  /** Counts a back-hitching episode and its time. */
  private regime(hitching: boolean): void {
    if (hitching && !this.backhitching) { this.backhitches++; this.hitchSince = this.kernel.now; }
    if (!hitching && this.backhitching) this.backhitchTime += this.kernel.now - this.hitchSince;
    this.backhitching = hitching;
  }

  /** Ticks back-hitching up to `now`, an episode still under way included. */
  backhitchTicks(now: number): number {
    return this.backhitchTime + (this.backhitching ? now - this.hitchSince : 0);
  }

  /** Load and thread, plus media optimisation on a new cartridge's first load. */
  loadTime(c: Cartridge): { load: number; optimisation: number } {
    return { load: this.spec.load, optimisation: c.initialised ? 0 : this.spec.mediaOptimisation };
  }

  /** Rewind (if the tape is away from its load point) and unload. */
  unloadTime(): { rewind: number; unload: number } {
    return { rewind: this.atLoadPoint ? 0 : this.spec.rewind, unload: this.spec.unload };
  }
}
