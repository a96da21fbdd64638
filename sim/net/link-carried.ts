/**
 * Bytes each link has carried for its moving flows, read for every link at
 * once in O(links + groups per link), not O(flows): what the sampler reads
 * at each boundary. A flow f in group G has delivered
 * bytes - (finish - G.workAt(t)), so a link's flows sum to
 * Σ(bytes - finish) + Σ_G count(G) × G.workAt(t): one running offset and one
 * count per group per link, both changed only when a flow joins or leaves a
 * group, never when a group's rate changes.
 */
import type { BottleneckGroup } from './group.ts';
import type { Flow } from './flow.ts';

export class LinkCarried {
  /** Σ(bytes - finish) over each link's flows that are in a group. */
  private readonly offset: number[] = [];
  /** Each link's groups with how many of its flows each holds, in the order they came. */
  private readonly groups: Map<BottleneckGroup, number>[] = [];
  /** Flows in a group, by link: at 0 the offset restarts at 0, so its float error never builds up. */
  private readonly members: number[] = [];

  addLink(): void {
    this.offset.push(0);
    this.groups.push(new Map());
    this.members.push(0);
  }

  /** f has just joined group g (its finish set by g.add). */
  joined(f: Flow, g: BottleneckGroup): void {
    const d = f.bytes - f.finish;
    const route = f.route;
    for (let i = 0; i < route.length; i++) {
      const l = route[i];
      this.offset[l] += d;
      this.members[l]++;
      const m = this.groups[l];
      m.set(g, (m.get(g) ?? 0) + 1);
    }
  }

  /** f is about to leave group g (its finish still the one it had in g). */
  leaving(f: Flow, g: BottleneckGroup): void {
    const d = f.bytes - f.finish;
    const route = f.route;
    for (let i = 0; i < route.length; i++) {
      const l = route[i];
      const m = this.groups[l];
      const n = m.get(g)! - 1;
      if (n === 0) m.delete(g); else m.set(g, n);
      if (--this.members[l] === 0) this.offset[l] = 0;
      else this.offset[l] -= d;
    }
  }

  /**
   * Adds each link's moving flows' delivered bytes at time t to out[l].
   * A flow a hair past its finish (due this tick, its completion not yet
   * run) counts its bytes, no more, as Flow.remainingAt clamps them.
   */
  addInto(out: Float64Array, t: number): void {
    const overdue = new Set<BottleneckGroup>();
    for (let l = 0; l < out.length; l++) {
      let s = this.offset[l];
      for (const [g, n] of this.groups[l]) {
        const w = g.workAt(t);
        s += n * w;
        const first = g.first();
        if (first !== undefined && first.finish < w) overdue.add(g);
      }
      out[l] += s;
    }
    for (const g of overdue) {
      const w = g.workAt(t);
      g.eachBefore(w, (f) => {
        for (let i = 0; i < f.route.length; i++) out[f.route[i]] -= w - f.finish;
      });
    }
  }
}
