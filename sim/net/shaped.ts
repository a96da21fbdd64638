/**
 * Flows whose last hop is a device with a law of its feed (Flow.shape: a tape
 * drive's speed matching and back-hitching), solved so that the links stay
 * work-conserving.
 *
 * The device's feed is what the rest of its route would deliver. A first
 * solve at plain caps gives each flow its share; its device makes of it a
 * limit, and a second solve applies the limits. That first share assumes
 * every other flow takes what it is offered: when the others' devices take
 * less (drives back-hitching, or held to a speed-matching step), the
 * capacity they leave was never offered back. Eight sessions on one CPU,
 * each fed below its drive's lowest matched speed, then left the CPU a
 * third idle, though a real host serves the other sessions while one
 * drive repositions (its session blocked on a full buffer).
 *
 * So the feed is raised to what the route leaves the flow, given what the
 * others really take (each link's capacity less the others' rates), and the
 * device's law is asked again; repeated until no feed rises. Feeds only
 * rise and a device's law does not fall with its feed, so limits only rise;
 * a flow alone on its bottleneck is left exactly as before (what its route
 * leaves it is its first share). A raised feed is a time-shared one: the
 * device's regime is that of the rate it then averages.
 */
import type { Flow } from './flow.ts';

/** Most rounds of raising feeds, each one more solve: a bound, since limits only rise; symmetric sessions settle in one. */
export const FEED_ROUNDS = 8;

export interface ShapedComponent {
  /** the component's flows, first solved at plain caps (newRate is each flow's share) */
  flows: readonly Flow[];
  /** bytes/s a link carries at most (its bandwidth under the network model's factor) */
  capacity(link: number): number;
  /** the active flows on a link */
  onLink(link: number): readonly Flow[];
  /** solves the component again at the flows' current limits */
  solve(): void;
}

/** Puts every shaped flow's limit back to its cap, for the first solve; whether there were any. */
export function atCaps(flows: readonly Flow[]): boolean {
  let any = false;
  for (const f of flows) if (f.shape !== null) { any = true; f.limit = f.cap; }
  return any;
}

/** Sets every shaped flow's limit from its device's law of its feed and solves, raising feeds the others leave unused. */
export function solveShaped(c: ShapedComponent, traceFeed: (f: Flow) => void): void {
  const shaped: Flow[] = [];
  const feeds: number[] = [];
  for (const f of c.flows) {
    if (f.shape === null) continue;
    shaped.push(f);
    feeds.push(f.newRate);
    f.limit = Math.min(f.cap, Math.max(0, f.shape(f.newRate)));
    traceFeed(f);
  }
  c.solve();
  const raised = new Array<boolean>(shaped.length).fill(false);
  for (let round = 0; round < FEED_ROUNDS; round++) {
    let any = false;
    for (let i = 0; i < shaped.length; i++) {
      const f = shaped[i];
      const left = leftFor(f, c);
      if (!(left > feeds[i] * (1 + 1e-9))) continue;
      feeds[i] = left;
      raised[i] = true;
      any = true;
      // A probe: the device marks its regime below, by the rate it then averages.
      f.limit = Math.min(f.cap, Math.max(0, f.shape!(left, true)));
    }
    if (!any) break;
    c.solve();
  }
  for (let i = 0; i < shaped.length; i++) if (raised[i]) shaped[i].shape!(shaped[i].newRate);
}

/** What a flow's route leaves it, the other flows at their rates: the least over its links, and its own cap. */
function leftFor(f: Flow, c: ShapedComponent): number {
  let left = f.cap;
  for (let i = 0; i < f.route.length; i++) {
    const l = f.route[i];
    let others = 0;
    for (const g of c.onLink(l)) if (g !== f) others += g.usage * g.newRate;
    left = Math.min(left, Math.max(0, c.capacity(l) - others) / f.usage);
  }
  return left;
}
