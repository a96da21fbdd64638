/**
 * Under weighted sharing (sim/net/model.ts: SimGrid's RTT weighting) every
 * flow moves in a group of its own, and flow-held records say which link
 * holds it. This keeps both directions: the link holding each flow, and the
 * flows each link holds, which are its sharers as a link group's members are
 * under pure max-min. A pure max-min trace has no flow-held record and leaves
 * it empty.
 */
export class HeldLinks {
  private readonly linkOf = new Map<number, number>();
  private readonly flowsOf = new Map<number, Set<number>>();

  /** The link holding `flow`, -1 none (its own cap, or not weighted). */
  of(flow: number): number {
    return this.linkOf.get(flow) ?? -1;
  }

  /** The flows `link` holds now, in the order it came to hold them. */
  flowsOn(link: number): ReadonlySet<number> {
    return this.flowsOf.get(link) ?? EMPTY;
  }

  /** `flow` is now held by `link` (-1: by none); `touch` hears every flow whose link or sharers changed. */
  set(flow: number, link: number, touch: (flow: number) => void): void {
    const old = this.of(flow);
    if (old === link) return;
    if (old >= 0) {
      this.flowsOf.get(old)!.delete(flow);
      this.linkOf.delete(flow);
      for (const f of this.flowsOn(old)) touch(f);
    }
    if (link >= 0) {
      for (const f of this.flowsOn(link)) touch(f);
      this.linkOf.set(flow, link);
      let s = this.flowsOf.get(link);
      if (s === undefined) this.flowsOf.set(link, (s = new Set()));
      s.add(flow);
    }
    touch(flow);
  }
}

const EMPTY: ReadonlySet<number> = new Set();
