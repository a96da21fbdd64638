/**
 * Where things are in a library with geometry, and what an accessor's trip
 * costs. Positions are in frames along the rail, from 0 (the left end of frame
 * 1) to `frames`; a drive sits at the middle of its frame, a cartridge's slot
 * where the scenario's spreading put it. A trip is a list of stops, each a pick
 * or a place: the accessor travels from where it is to each stop in turn
 * (perFrame per frame) and handles the cartridge there (handling). With two
 * accessors the library is split into two zones of equal length, each
 * accessor working the drives of its own zone (IBM TS4500: dual accessor
 * figures assume "each cartridge is mounted in a drive within the same zone");
 * rail.ts keeps the two from meeting.
 */

export interface Geometry {
  frames: number;
  /** ticks per pick or place */
  handling: number;
  /** ticks per frame travelled */
  perFrame: number;
  /** frames two accessors on one rail keep between them (rail.ts) */
  clearance: number;
}

/** A drive's position: the middle of its frame (1-based). */
export const drivePosition = (frame: number): number => frame - 0.5;

/** The zone (accessor index) a position belongs to, of `count` equal zones. */
export function zoneOf(g: Geometry, count: number, position: number): number {
  return Math.min(count - 1, Math.floor((position / g.frames) * count));
}

/** Where an accessor waits before its first trip: the start of its zone. */
export const zoneStart = (g: Geometry, count: number, zone: number): number => (zone * g.frames) / count;

/** Ticks to travel from `from` through each stop, handling the cartridge at each; rounded to the tick. */
export function tripTime(g: Geometry, from: number, stops: readonly number[]): number {
  let at = from;
  let frames = 0;
  for (const s of stops) {
    frames += Math.abs(s - at);
    at = s;
  }
  return Math.round(frames * g.perFrame + stops.length * g.handling);
}

/**
 * `n` slot positions spread evenly over [from, to): the middles of n equal
 * parts, so cartridges listed in order fill the span from left to right.
 */
export function spread(n: number, from: number, to: number): number[] {
  return Array.from({ length: n }, (_, i) => from + ((i + 0.5) * (to - from)) / n);
}
