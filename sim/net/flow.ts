/** One transfer of bytes over a route, as the network model tracks it. */
import type { BottleneckGroup } from './group.ts';
import type { CapFacts } from '../trace/cap-limit.ts';

const NO_CAP: CapFacts = { fromLink: false, capLink: -1 };

export const enum FlowState { Latent = 0, Active = 1, Ended = 2 }

/**
 * A device's law: the rate it takes when its route would feed it `feed`.
 * A probe only asks (sim/net/shaped.ts tries feeds); otherwise the device
 * also records the regime that feed puts it in.
 */
export type DeviceLaw = (feed: number, probe?: boolean) => number;

export class Flow {
  state = FlowState.Latent;
  /** The group whose work clock this flow advances with (null while latent or unrated). */
  group: BottleneckGroup | null = null;
  /** Work-clock value of the group at which this flow has delivered all its bytes. */
  finish = 0;
  /** Position in the group's heap. */
  heapIndex = -1;
  /** Position in each route link's active list, parallel to route. */
  readonly linkPos: Int32Array;
  /** Re-rate bookkeeping: the epoch in which this flow was last visited / frozen. */
  visit = 0;
  frozen = 0;
  newRate = 0;
  /** The constraint that froze this flow in the last solve: a link id, or -1 for its own cap. */
  bottleneck = -1;
  /** Weighted sharing (sim/net/model.ts): the flow's rate on a shared link is proportional to 1 / penalty. */
  penalty = 1;
  /** Bytes of each route link the flow uses per byte it delivers: 1 + its ACKs' cross-traffic. */
  usage = 1;
  /** The group of this flow alone, used when its own cap is its bottleneck. */
  capGroup: BottleneckGroup | null = null;
  /**
   * For a device whose speed depends on what it is fed (a tape drive's speed
   * matching and back-hitching): given the rate the rest of the route would
   * deliver, the rate the device really takes. See Network.rerate.
   */
  shape: DeviceLaw | null = null;
  /** A shaped flow's feed bottleneck as last traced: a link id, -1 its own cap, -2 none yet. */
  feed = -2;
  /** Where its cap came from, for the limit ledger (sim/trace/cap-limit.ts). */
  capFacts: CapFacts = NO_CAP;
  /** The cap the solver uses: `cap`, or `cap` lowered by `shape`. */
  limit: number;
  /** Bytes delivered when the flow ended. */
  delivered = 0;
  endedAt = -1;

  constructor(
    readonly id: number,
    readonly route: Int32Array,
    readonly bytes: number,
    /** Most bytes/s this flow may take: min of its own cap and its links' per-flow caps. */
    readonly cap: number,
    readonly createdAt: number,
    readonly owner: unknown,
    readonly ownerPid: number,
  ) {
    this.linkPos = new Int32Array(route.length);
    this.limit = cap;
  }

  get rate(): number {
    return this.group === null ? 0 : this.group.rate;
  }

  /** Bytes still to deliver at time t (ticks). */
  remainingAt(t: number): number {
    if (this.state === FlowState.Ended) return 0;
    if (this.group === null) return this.bytes - this.delivered;
    return Math.max(0, this.finish - this.group.workAt(t));
  }
}
