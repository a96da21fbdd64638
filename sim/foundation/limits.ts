/**
 * What limited a flow, as plain data: the max-min solver puts every moving
 * flow in the group of the constraint that froze it, a link or the flow's own
 * cap, and a device's law (a tape drive's speed matching) can lower a capped
 * flow further. The trace reader (sim/trace/limiters.ts), the network's own
 * ledger (sim/net/limit-ledger.ts), the run's result and the reports all
 * speak of limiters in these terms.
 */

export type LimiterKind = 'link' | 'link-cap' | 'flow-cap' | 'device-law';

export interface Limiter {
  kind: LimiterKind;
  /** the link holding the flow; null for a transfer's cap that is no link's */
  link: string | null;
  /** the link's device kind, when known */
  device: string | null;
  /** bytes/s: the link's bandwidth ('link'), its flowCap ('link-cap'), the flow's cap ('flow-cap'), what the device law allows ('device-law') */
  capacity: number;
  /** 'device-law' only: what limited the device's feed, null when unknown */
  feed: Feed | null;
}

/** The constraint that bottlenecked a device's feed: a link, or the flow's own cap. */
export interface Feed {
  kind: 'link' | 'link-cap' | 'flow-cap';
  link: string | null;
  /** the feed link's device kind, when known (a VIOS's SEA is a 'sea') */
  device: string | null;
}

/** One row per limiter: its kind, its link, and for a device law the link that starved its feed. */
export const limiterKey = (l: Limiter): string => `${l.kind} ${l.link ?? ''}${l.feed?.link ? ` < ${l.feed.link}` : ''}`;

/**
 * The resource to widen to move the flow faster: for a device law, whatever starved the
 * device's feed (its law only makes that worse), else the limiter itself. Null: no resource
 * (a transfer's own cap that is no link's speed).
 */
export function rootOf(l: Limiter): string | null {
  return l.feed !== null ? l.feed.link : l.link;
}

/**
 * The bottleneck as a resource class: a device kind (four tape drives sharing
 * the work evenly are the bottleneck together, not whichever of them ties
 * first), for a speed-matching device the kind of what starves its feed (two
 * VIOS SEAs), or a limiter of no device by itself.
 */
export function classKey(l: Limiter): string {
  if (l.kind === 'device-law' && l.feed?.link) return l.feed.device === null ? `feed ${l.feed.link}` : `feed device ${l.feed.device}`;
  return l.device === null ? limiterKey(l) : `${l.kind} device ${l.device}`;
}

/** Bytes held by one limiter, and their share of the bytes moved. */
export interface LimiterShare {
  key: string;
  limiter: Limiter;
  bytes: number;
  /** of the bytes moved, 0..1 */
  share: number;
}

/**
 * A stretch of time over which one resource class limited the most bytes.
 * Times are ticks in the trace's readers and seconds in a run's result.
 */
export interface Stretch {
  t0: number;
  t1: number;
  /** the class (classKey); null: nothing moved */
  key: string | null;
  /** one of the dominant class's limiters, and the resources to widen (rootOf) it stands for that limited bytes then */
  limiter: Limiter | null;
  links: string[];
  /** bytes the dominant class limited in the stretch, and all bytes moved in it */
  bytes: number;
  moved: number;
}
