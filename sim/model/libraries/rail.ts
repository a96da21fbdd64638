/**
 * Accessors sharing one rail: where each is over time, and when a trip may
 * start without coming within `clearance` of the other.
 *
 * Two accessors on one rail cannot pass each other (IBM TS4500: with two
 * accessors the library is divided into zones, and "each cartridge is mounted
 * in a drive within the same zone"), so accessor 0 is always to the left of
 * accessor 1. Each leg of a trip (the travel to a stop and the pick or
 * place there) is granted the stretch of rail it covers, from where the
 * accessor is to the stop, until the cartridge is handled there. A
 * trip starts at the first instant from which none of its legs comes within
 * the clearance of a leg of the other accessor's planned trip (first planned,
 * first served: the other's next trip then plans around this one). An
 * accessor parked in the way is pushed aside to just beyond the trip's
 * stretch, travelling like any trip (a pushed accessor may leave the rail's
 * end, as into a service bay: no bound is modelled), and its own next trip
 * starts once it is there. Trips are planned when they are granted, so no
 * accessor ever needs waking: everything is known at that instant.
 */
import { tripTime, zoneStart, type Geometry } from './geometry.ts';

/** A stretch of rail [lo, hi] occupied from t0 to t1 (ticks). */
interface Leg {
  t0: number;
  t1: number;
  lo: number;
  hi: number;
}

/** An accessor's latest planned motion: its legs, then parked at `at` from `until`. */
interface Motion {
  legs: Leg[];
  until: number;
  at: number;
}

/** A granted trip: ticks to wait for the other accessor, then ticks of travel and handling. */
export interface Planned {
  wait: number;
  ticks: number;
  /** ticks the other accessor spent being pushed aside (0: it was not in the way) */
  pushed: number;
}

/** The legs of a trip from `from` through `stops`, timed from 0: each the travel to a stop and the pick or place there. */
function legsOf(g: Geometry, from: number, stops: readonly number[]): Leg[] {
  let at = from;
  let t = 0;
  return stops.map((s) => {
    const leg = { t0: t, t1: t + Math.abs(s - at) * g.perFrame + g.handling, lo: Math.min(at, s), hi: Math.max(at, s) };
    t = leg.t1;
    at = s;
    return leg;
  });
}

export class Rail {
  private readonly motions: Motion[];

  constructor(private readonly g: Geometry, count: number) {
    this.motions = Array.from({ length: count }, (_, i) => ({ legs: [], until: 0, at: zoneStart(g, count, i) }));
  }

  /** Where accessor `i` is parked after its latest planned motion, in frames. */
  position(i: number): number {
    return this.motions[i].at;
  }

  /** Plans accessor `i`'s trip through `stops`, granted at `now` (ticks). */
  plan(i: number, now: number, stops: readonly number[]): Planned {
    const me = this.motions[i];
    const ticks = tripTime(this.g, me.at, stops);
    const legs = legsOf(this.g, me.at, stops);
    let start = Math.max(now, me.until);
    let pushed = 0;
    if (this.motions.length === 2) {
      const j = 1 - i;
      // accessor 0 stays left of accessor 1, `clearance` apart
      const c = this.g.clearance;
      const apart = (mine: Leg, theirs: Leg) => (i === 0 ? mine.hi + c <= theirs.lo : theirs.hi + c <= mine.lo);
      start = this.firstClear(legs, this.motions[j].legs, start, apart);
      const other = this.motions[j];
      const parked: Leg = { t0: other.until, t1: Infinity, lo: other.at, hi: other.at };
      if (!legs.every((l) => apart(l, parked))) {
        start = Math.max(start, other.until);
        const to = i === 0 ? Math.max(...legs.map((l) => l.hi)) + c : Math.min(...legs.map((l) => l.lo)) - c;
        pushed = Math.round(Math.abs(to - other.at) * this.g.perFrame);
        this.motions[j] = { legs: [{ t0: start, t1: start + pushed, lo: Math.min(to, other.at), hi: Math.max(to, other.at) }], until: start + pushed, at: to };
      }
    }
    this.motions[i] = { legs: legs.map((l) => ({ ...l, t0: l.t0 + start, t1: l.t1 + start })), until: start + ticks, at: stops[stops.length - 1] };
    return { wait: start - now, ticks, pushed };
  }

  /**
   * The first start (ticks, from `start`) at which no leg of the trip, shifted
   * there, is both at the same time as a leg of the other's and not `apart`
   * from it: each clash moves the start to where that leg of ours begins as
   * the other's ends, which is the least delay that clears it.
   */
  private firstClear(legs: Leg[], theirs: Leg[], start: number, apart: (mine: Leg, theirs: Leg) => boolean): number {
    for (let moved = true; moved;) {
      moved = false;
      for (const m of legs) {
        for (const o of theirs) {
          if (start + m.t0 < o.t1 && o.t0 < start + m.t1 && !apart(m, o)) {
            start = Math.ceil(o.t1 - m.t0);
            moved = true;
          }
        }
      }
    }
    return start;
  }
}
