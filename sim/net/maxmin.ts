/**
 * Max-min fair rates by progressive filling, over one connected component of
 * links and flows.
 *
 * Every flow's rate grows at the same pace until some constraint saturates:
 * a link whose remaining capacity, shared equally among its unfrozen flows, is
 * the smallest such share, or a flow's own limit. The flows it limits freeze at
 * that rate and give up their share on every other link they cross; repeat.
 * Shares only grow as flows freeze (a flow frozen at x <= share leaves a
 * larger share to the rest), so a lazy min-heap of (share, link) entries with
 * version stamps finds each next bottleneck in O(log L): O((F·r + L) log L)
 * per solve for F flows of route length r over L links.
 *
 * Ties between equal shares are broken by insertion order, which is fixed by
 * the caller's order of links and flows: the result is deterministic.
 *
 * Weighted (SimGrid's RTT-weighted sharing, sim/net/model.ts): a flow's rate
 * is share / f.penalty and it uses f.usage bytes of every route link per byte
 * (its ACKs' cross-traffic), so a link's share is its remaining capacity over
 * the sum of usage / penalty of its unfrozen flows. With penalty = usage = 1,
 * as pure max-min has them, every number is the unweighted one, bit for bit.
 */
import { ShareHeap } from './share-heap.ts';
import type { Flow } from './flow.ts';

const LINK = 0;
const CAP = 1;

export class MaxMinSolver {
  private rem = new Float64Array(0);
  private cnt = new Int32Array(0);
  /** Sum of usage / penalty over each link's unfrozen flows. */
  private wsum = new Float64Array(0);
  private ver = new Int32Array(0);
  private readonly heap = new ShareHeap(256);
  /** Flows of the current solve not yet frozen. */
  private open = 0;

  /**
   * Sets f.newRate and f.bottleneck (a link id, or -1 for the flow's own cap)
   * for every flow in `flows`, stamping f.frozen = epoch.
   * `linkFlows[l]` must hold exactly the component's active flows on link l.
   */
  solve(links: readonly number[], flows: readonly Flow[], bandwidth: ArrayLike<number>, linkFlows: readonly Flow[][], epoch: number, bandwidthFactor = 1, weighted = false): void {
    this.ensure(bandwidth.length);
    const { rem, cnt, wsum, ver, heap } = this;
    for (const l of links) {
      rem[l] = bandwidthFactor === 1 ? bandwidth[l] : bandwidth[l] * bandwidthFactor;
      const onLink = linkFlows[l];
      cnt[l] = onLink.length;
      // Unweighted (pure max-min), every flow weighs 1: the sum is the count, with no pass over the link's flows.
      let w = onLink.length;
      if (weighted) { w = 0; for (let j = 0; j < onLink.length; j++) w += onLink[j].usage / onLink[j].penalty; }
      wsum[l] = w;
      ver[l]++;
      if (cnt[l] > 0) heap.push(rem[l] / w, LINK, l, ver[l]);
    }
    for (let i = 0; i < flows.length; i++) {
      const f = flows[i];
      if (f.limit < Infinity) heap.push(f.limit * f.penalty, CAP, i, 0);
    }
    this.open = flows.length;
    // Once every flow is frozen the entries left are all stale: stop, and drop them.
    while (this.open > 0 && heap.pop()) {
      const kind = heap.topKind, a = heap.topA;
      if (kind === LINK) {
        if (heap.topB !== ver[a] || cnt[a] === 0) continue;
        const share = Math.max(0, rem[a] / wsum[a]);
        const onLink = linkFlows[a];
        for (let j = 0; j < onLink.length; j++) {
          const f = onLink[j];
          if (f.frozen !== epoch) this.freeze(f, share / f.penalty, a, epoch);
        }
      } else {
        const f = flows[a];
        if (f.frozen !== epoch) this.freeze(f, f.limit, -1, epoch);
      }
    }
    heap.clear();
  }

  private freeze(f: Flow, rate: number, bottleneck: number, epoch: number): void {
    this.open--;
    f.frozen = epoch;
    f.newRate = rate;
    f.bottleneck = bottleneck;
    const { rem, cnt, wsum, ver, heap } = this;
    const route = f.route;
    const used = f.usage * rate, weight = f.usage / f.penalty;
    for (let i = 0; i < route.length; i++) {
      const m = route[i];
      rem[m] -= used;
      wsum[m] -= weight;
      cnt[m]--;
      // The bottleneck link itself is saturated: its other flows freeze in this same pass.
      if (m !== bottleneck && cnt[m] > 0) {
        ver[m]++;
        heap.push(Math.max(0, rem[m] / wsum[m]), LINK, m, ver[m]);
      }
    }
  }

  private ensure(n: number): void {
    if (this.rem.length >= n) return;
    const size = Math.max(n, this.rem.length * 2, 16);
    this.rem = new Float64Array(size);
    this.cnt = new Int32Array(size);
    this.wsum = new Float64Array(size);
    const ver = new Int32Array(size);
    ver.set(this.ver);
    this.ver = ver;
  }
}
