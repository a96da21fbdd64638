/**
 * What one re-rate covers: the dirty links' components to solve in full, in
 * the order the dirty links came (so ties, trace records and ledger sums fall
 * as they always have), and the stars (star.ts) that need no solve, each at
 * the place its flows would have taken. Reused from one re-rate to the next:
 * collecting allocates nothing once the arrays have grown.
 */
import type { Flow } from './flow.ts';
import { addComponent, type Gathered } from './component.ts';
import type { Stars } from './star.ts';

export class RerateSet implements Gathered {
  readonly links: number[] = [];
  readonly flows: Flow[] = [];
  linkCount = 0;
  flowCount = 0;
  /** Stars re-rated without a solve, as (bottleneck link, index into flows) pairs. */
  readonly stars: number[] = [];
  /** Per component solved in full: where its links and its flows begin. */
  private readonly starts: number[] = [];
  private readonly stack: number[] = [];

  /** Flows of the stars re-rated without a solve, for the benchmarks' count of flows re-rated. */
  starFlows = 0;

  /**
   * Gathers the components of the dirty links, each star that still stands
   * (`stars`, null where stars do not apply) as its bottleneck alone. An empty
   * link is a component the solver leaves as it is, and is skipped.
   */
  collect(dirty: readonly number[], linkFlows: readonly Flow[][], linkVisit: number[], epoch: number, stars: Stars | null, factor: number): void {
    const { links, flows, starts } = this;
    // Written over in place and cut to length at the end: V8 frees an array's
    // store when its length is set to 0, so emptying it first made every
    // re-rate grow `flows` again push by push (45 of the 83 MB a 2,000-flow
    // staggered run allocated). Cutting it by less than half keeps the store.
    this.linkCount = this.flowCount = 0;
    this.stars.length = starts.length = 0;
    this.starFlows = 0;
    for (let i = 0; i < dirty.length; i++) {
      const l = dirty[i];
      if (linkFlows[l].length === 0 || linkVisit[l] === epoch) continue;
      const c = stars === null ? -1 : stars.around(l);
      if (c >= 0 && linkVisit[c] === epoch) continue;
      if (c >= 0 && stars!.stands(c, factor)) {
        linkVisit[c] = epoch;
        this.stars.push(c, this.flowCount);
        this.starFlows += linkFlows[c].length;
        continue;
      }
      if (c >= 0) stars!.breakAt(c);
      starts.push(this.linkCount, this.flowCount);
      addComponent(l, linkFlows, linkVisit, epoch, this, this.stack);
    }
    links.length = this.linkCount;
    flows.length = this.flowCount;
  }

  /** Tells `stars` of each component solved in full: which became stars, which no longer are. */
  solved(stars: Stars, factor: number): void {
    const s = this.starts;
    for (let k = 0; k < s.length; k += 2) {
      const linkTo = k + 2 < s.length ? s[k + 2] : this.links.length, to = k + 3 < s.length ? s[k + 3] : this.flows.length;
      stars.solved(this.links, s[k], linkTo, this.flows, s[k + 1], to, factor);
    }
  }
}
