/**
 * Stars: components of the network in which one link limits every flow (a
 * shared backbone, a disk array's port, a server's NIC), re-rated after a
 * completion in O(1) instead of a solve over every flow of the component.
 *
 * When a full solve freezes every flow of a component at the same link L,
 * the component is a star around L, and the least of everything else the
 * solver's heap would start from (the other links' shares, capacity over
 * flows, and the flows' caps) is kept as its bound. While only flows leave
 * the star (completions, cancels, failures), no share can fall (a share is
 * capacity over a count that only shrinks, and correctly rounded division is
 * monotone) and no cap appears, so the bound stays a lower bound. If L's own
 * share is then strictly below it, L is the first bottleneck the solver
 * would pop, freezing every flow of the component at exactly that share:
 * the re-rate is the one group's new rate, to the last bit what a solve
 * gives. A flow joining any of the star's links, or a change of one of its
 * bandwidths, breaks the star; the next re-rate solves it in full.
 *
 * Pure max-min only: weighted sharing and device laws give flows of one link
 * different rates, and the network takes this path only without them.
 */
import type { Flow } from './flow.ts';
import type { BottleneckGroup } from './group.ts';

/** The share a link's capacity gives each of `count` flows, as the solver's heap first holds it. */
export function firstShare(bandwidth: number, factor: number, count: number): number {
  return (factor === 1 ? bandwidth : bandwidth * factor) / count;
}

export class Stars {
  /** Off, every star is solved in full: tests hold the shortcut to the solver that way. */
  static shortcut = true;

  /** Per link: the bottleneck link of the star it lies in, -1 for none. */
  private readonly starOf: number[] = [];
  /** Per link: the generation of its star when it joined it. */
  private readonly joined: number[] = [];
  /** Per link, as a star's bottleneck: the current generation; a link of an older one is no longer in a star. */
  private readonly gen: number[] = [];
  /** Per link, as a star's bottleneck: the least first entry of the solver's heap besides its own share. */
  private readonly bound: number[] = [];

  constructor(
    private readonly linkFlows: readonly Flow[][],
    private readonly linkGroups: readonly BottleneckGroup[],
    private readonly bandwidth: ArrayLike<number>,
  ) {}

  addLink(): void {
    this.starOf.push(-1);
    this.joined.push(0);
    this.gen.push(0);
    this.bound.push(0);
  }

  /** The bottleneck of the star link l lies in, if that star still stands; -1 otherwise. */
  around(l: number): number {
    const c = this.starOf[l];
    return c >= 0 && this.joined[l] === this.gen[c] && Stars.shortcut ? c : -1;
  }

  /** The share link c gives each of its flows now, as a solve would start from it. */
  share(c: number, factor: number): number {
    return firstShare(this.bandwidth[c], factor, this.linkFlows[c].length);
  }

  /** Whether the star around c needs no solve: its group holds all of c's flows, its share still below everything else. */
  stands(c: number, factor: number): boolean {
    return this.linkFlows[c].length === this.linkGroups[c].size && this.share(c, factor) < this.bound[c];
  }

  /** Breaks the star link l lies in: a flow joined it or a bandwidth changed. */
  breakAt(l: number): void {
    const c = this.starOf[l];
    if (c >= 0) this.gen[c]++;
    this.starOf[l] = -1;
  }

  /**
   * After a full solve of one component (links, and flows[from, to)): forgets
   * the stars its links were in, and makes it a star if one link froze every flow.
   */
  solved(links: readonly number[], linkFrom: number, linkTo: number, flows: readonly Flow[], from: number, to: number, factor: number): void {
    for (let i = linkFrom; i < linkTo; i++) {
      const m = links[i];
      this.gen[m]++;
      this.starOf[m] = -1;
    }
    if (to <= from) return;
    const c = flows[from].bottleneck;
    if (c < 0) return;
    let bound = Infinity;
    for (let i = from; i < to; i++) {
      const f = flows[i];
      if (f.bottleneck !== c) return;
      if (f.limit < Infinity) bound = Math.min(bound, f.limit * f.penalty);
    }
    for (let i = linkFrom; i < linkTo; i++) {
      const m = links[i];
      if (m !== c && this.linkFlows[m].length > 0) bound = Math.min(bound, this.share(m, factor));
    }
    this.bound[c] = bound;
    const g = this.gen[c];
    for (let i = linkFrom; i < linkTo; i++) {
      this.starOf[links[i]] = c;
      this.joined[links[i]] = g;
    }
  }
}
