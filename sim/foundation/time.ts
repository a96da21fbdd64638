/**
 * Virtual time.
 *
 * One tick is one nanosecond, an integer count held in a JS number. A double
 * holds every integer up to 2^53, so at the default grid of 1 ns a run is
 * exact to Number.MAX_SAFE_INTEGER = 2^53 - 1 ns, about 104.2 days. A longer
 * run keeps the nanosecond as its unit and steps on a coarser grid of 2^k ns:
 * a double holds every multiple of 2^k up to 2^(53+k), and the sum of two
 * such multiples is exact, so every time stays exact on its grid (4 ns for
 * 400 days, 1024 ns for 292 years). Every conversion that reads ticks as ns
 * stays true whatever the grid. Nothing rounds silently: a time that is not a
 * whole tick, negative, or past the horizon is an error.
 */

export type Ticks = number;

export const TICKS_PER_SECOND = 1e9;
export const MAX_TIME: Ticks = Number.MAX_SAFE_INTEGER;
/** The coarsest grid: 2^10 ns, still below the microseconds runs time latencies in. */
export const MAX_GRID = 1024;
/** The horizon of the coarsest grid: (2^53 - 1) x 2^10 ns, about 292 years. */
export const LONGEST: Ticks = MAX_TIME * MAX_GRID;

/** A run's clock: the grid every time is a multiple of, and the last time it holds exactly. */
export interface Clock {
  readonly grid: Ticks;
  readonly horizon: Ticks;
}

export const NS_CLOCK: Clock = { grid: 1, horizon: MAX_TIME };

/** The finest clock whose horizon reaches `until` (ticks); 1 ns when there is none. */
export function clockFor(until: Ticks | null): Clock {
  let grid = 1;
  while (until !== null && until > MAX_TIME * grid && grid < MAX_GRID) grid *= 2;
  return grid === 1 ? NS_CLOCK : { grid, horizon: MAX_TIME * grid };
}

/** A duration rounded up to whole steps of the grid (exact: the grid is a power of two). */
export function onGrid(d: Ticks, grid: Ticks): Ticks {
  return grid === 1 ? d : Math.ceil(d / grid) * grid;
}

/** The horizon in words, with how to widen it, for errors past it. */
export function horizonText(clock: Clock): string {
  const days = (clock.horizon / 86400e9).toFixed(1);
  const widen = clock.horizon >= LONGEST
    ? 'the longest any run can be'
    : 'a longer `until` widens it, the clock then stepping in 2, 4, ... up to 1024 ns';
  return `the clock's horizon of ${days} days (2^53 steps of ${clock.grid} ns); ${widen}`;
}

export const ns = (x: number): Ticks => toTicks(x, 1);
export const us = (x: number): Ticks => toTicks(x, 1e3);
export const ms = (x: number): Ticks => toTicks(x, 1e6);
export const seconds = (x: number): Ticks => toTicks(x, 1e9);
export const minutes = (x: number): Ticks => toTicks(x, 60e9);
export const hours = (x: number): Ticks => toTicks(x, 3600e9);
export const days = (x: number): Ticks => toTicks(x, 86400e9);

/** Converts an amount of some unit to ticks, rounding to the nearest nanosecond. */
function toTicks(x: number, ticksPerUnit: number): Ticks {
  const t = Math.round(x * ticksPerUnit);
  if (!Number.isFinite(x) || t < 0 || t > LONGEST) {
    throw new RangeError(`duration ${x} x ${ticksPerUnit} ns is outside 0 .. 2^63 ns (about 292 years)`);
  }
  return t;
}

export const toSeconds = (t: Ticks): number => t / TICKS_PER_SECOND;

export function checkTime(t: number, what: string, clock: Clock = NS_CLOCK): Ticks {
  if (!Number.isInteger(t) || t < 0 || t > clock.horizon) {
    throw new RangeError(`${what}: ${t} is not a time in ticks (an integer number of ns from 0 to ${horizonText(clock)})`);
  }
  return t;
}

/** Formats ticks as h:mm:ss.fffffffff for traces and messages. */
export function formatTime(t: Ticks): string {
  let totalS = Math.floor(t / 1e9);
  if (totalS * 1e9 > t) totalS--; // t / 1e9 rounded up to a whole second (t past 2^53 / 1e9 s)
  const frac = String(t - totalS * 1e9).padStart(9, '0');
  const h = Math.floor(totalS / 3600);
  const m = Math.floor((totalS % 3600) / 60);
  const s = totalS % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${frac}`;
}
