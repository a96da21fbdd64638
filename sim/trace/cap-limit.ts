/**
 * Which limiter holds a flow that is alone in its own cap group: the one rule
 * both the trace's reader (limiters.ts) and the network's ledger
 * (sim/net/limit-ledger.ts) apply, so a run's result and `backlab explain`
 * cannot name different limiters for the same bytes.
 *
 * The cap is min(the transfer's cap, its route links' flowCap):
 *  - 'link-cap': it is a route link's flowCap (a TCP window over an RTT);
 *  - 'flow-cap': the transfer's own cap; its link is the device it is the
 *    speed of: a shaped flow's last hop, else the route link of equal bandwidth, if any;
 *  - 'device-law': a shaped flow moves below its cap, so its device's law
 *    (sim/net Flow.shape: a tape drive's speed matching, back-hitching)
 *    lowered it; its feed is what limited the rate the device was fed.
 */
import type { Feed, LimiterKind } from '../foundation/limits.ts';

/** What a flow knows of its cap from its start. */
export interface CapFacts {
  /** the cap is a route link's flowCap */
  fromLink: boolean;
  /** that link (the last of equal windows, as the network takes it), or the route link whose bandwidth the cap equals; -1 none */
  capLink: number;
}

export function capFacts(route: ArrayLike<number>, cap: number, fromLink: boolean, bandwidth: (l: number) => number, flowCap: (l: number) => number): CapFacts {
  let capLink = -1;
  for (let i = 0; i < route.length; i++) {
    const l = route[i];
    if (fromLink ? flowCap(l) === cap : capLink < 0 && bandwidth(l) === cap) capLink = l;
  }
  return { fromLink, capLink };
}

/** A limiter by link ids: -1 no link; feedKind null when no feed is known. */
export interface LimitIds {
  kind: LimiterKind;
  link: number;
  feedKind: Feed['kind'] | null;
  feedLink: number;
}

/**
 * `device`: a shaped flow's device (its last hop), -1 for a flow without a device law;
 * `feed`: its feed bottleneck (a link id, -1 its own cap, -2 unknown).
 */
export function capLimit(c: CapFacts, device: number, rate: number, cap: number, feed: number): LimitIds {
  const link = device >= 0 ? device : c.capLink;
  if (c.fromLink) return { kind: 'link-cap', link, feedKind: null, feedLink: -1 };
  // Below its cap, a flow in its own group was held by its device's law (the network re-rates shaped flows so).
  if (device < 0 || !(rate < cap * (1 - 1e-12))) return { kind: 'flow-cap', link, feedKind: null, feedLink: -1 };
  if (feed >= 0) return { kind: 'device-law', link, feedKind: 'link', feedLink: feed };
  if (feed === -1) return { kind: 'device-law', link, feedKind: 'flow-cap', feedLink: c.capLink };
  return { kind: 'device-law', link, feedKind: null, feedLink: -1 };
}
