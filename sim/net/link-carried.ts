/**
 * Bytes each link has carried: for its flows that have ended, a sum; for its
 * moving flows, read for every link at
 * once in O(links + groups per link), not O(flows): what the sampler reads
 * at each boundary. A flow f in group G has delivered
 * bytes - (finish - G.workAt(t)), so a link's flows sum to
 * Σ(bytes - finish) + Σ_G count(G) × G.workAt(t): one running offset and one
 * count per group per link, both changed only when a flow joins or leaves a
 * group, never when a group's rate changes.
 */
import type { BottleneckGroup } from './group.ts';
import type { Flow } from './flow.ts';

/** A link's groups and how many of its flows each holds, as parallel arrays a sample reads without allocating. */
interface LinkGroups {
  groups: BottleneckGroup[];
  counts: number[];
  slot: Map<BottleneckGroup, number>;
}

export class LinkCarried {
  /** Bytes delivered by each link's flows that have ended. */
  private readonly ended: number[] = [];
  /** Σ(bytes - finish) over each link's flows that are in a group. */
  private readonly offset: number[] = [];
  private readonly links: LinkGroups[] = [];
  /** Flows in a group, by link: at 0 the offset restarts at 0, so its float error never builds up. */
  private readonly members: number[] = [];

  addLink(): void {
    this.ended.push(0);
    this.offset.push(0);
    this.links.push({ groups: [], counts: [], slot: new Map() });
    this.members.push(0);
  }

  /** A flow over `route` has ended, having delivered `delivered` bytes. */
  flowEnded(route: Int32Array, delivered: number): void {
    for (let i = 0; i < route.length; i++) this.ended[route[i]] += delivered;
  }

  /** Bytes link l's ended flows delivered. */
  endedOn(l: number): number {
    return this.ended[l];
  }

  /** f has just joined group g (its finish set by g.add). */
  joined(f: Flow, g: BottleneckGroup): void {
    const d = f.bytes - f.finish;
    const route = f.route;
    for (let i = 0; i < route.length; i++) {
      const l = route[i];
      this.offset[l] += d;
      this.members[l]++;
      const lg = this.links[l];
      const k = lg.slot.get(g);
      if (k !== undefined) { lg.counts[k]++; continue; }
      lg.slot.set(g, lg.groups.length);
      lg.groups.push(g);
      lg.counts.push(1);
    }
  }

  /** f is about to leave group g (its finish still the one it had in g). */
  leaving(f: Flow, g: BottleneckGroup): void {
    const d = f.bytes - f.finish;
    const route = f.route;
    for (let i = 0; i < route.length; i++) {
      const l = route[i];
      const lg = this.links[l];
      const k = lg.slot.get(g)!;
      if (--lg.counts[k] === 0) {
        // The last group takes the freed slot.
        const lastGroup = lg.groups.pop()!, lastCount = lg.counts.pop()!;
        lg.slot.delete(g);
        if (lastGroup !== g) { lg.groups[k] = lastGroup; lg.counts[k] = lastCount; lg.slot.set(lastGroup, k); }
      }
      if (--this.members[l] === 0) this.offset[l] = 0;
      else this.offset[l] -= d;
    }
  }

  /**
   * Sets out[l] to the bytes link l has carried by time t, its moving flows' counted from their groups' clocks.
   * A flow a hair past its finish (due this tick, its completion not yet
   * run) counts its bytes, no more, as Flow.remainingAt clamps them.
   */
  carriedInto(out: Float64Array, t: number): void {
    let overdue: Set<BottleneckGroup> | null = null;
    for (let l = 0; l < out.length; l++) {
      let s = this.offset[l];
      const { groups, counts } = this.links[l];
      for (let k = 0; k < groups.length; k++) {
        const g = groups[k];
        const w = g.workAt(t);
        s += counts[k] * w;
        const first = g.first();
        if (first !== undefined && first.finish < w) (overdue ??= new Set()).add(g);
      }
      out[l] = this.ended[l] + s;
    }
    if (overdue === null) return;
    for (const g of overdue) {
      const w = g.workAt(t);
      g.eachBefore(w, (f) => {
        for (let i = 0; i < f.route.length; i++) out[f.route[i]] -= w - f.finish;
      });
    }
  }
}
