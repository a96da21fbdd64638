/**
 * Rebuilds each link's load over time from a trace alone: flow routes from
 * flow-start, group membership from flow-group, the shared rate of each
 * bottleneck group from group-rate. This is how reports and the visualizer
 * draw utilisation without re-running the simulation.
 */
import { foldFlows, type LinkInfo } from './flow-fold.ts';
import type { TraceRecord } from './reader.ts';


export interface LoadPoint {
  /** ticks */
  t: number;
  /** bytes/s from t until the next point */
  load: number;
}

export interface Utilisation {
  links: LinkInfo[];
  /** Per link id: the load, as a step function, one point per change. */
  series: LoadPoint[][];
}

export function linkUtilisation(records: Iterable<TraceRecord>): Utilisation {
  const series: LoadPoint[][] = [];
  const onLink: Set<number>[] = [];
  const dirty = new Set<number>();
  const touchFlow = (route: readonly number[]): void => { for (const l of route) dirty.add(l); };

  const fold = foldFlows(records, {
    instant({ now, groupOf, rate }) {
      for (const l of [...dirty].sort((a, b) => a - b)) {
        let load = 0;
        for (const f of onLink[l]) load += rate.get(groupOf.get(f)!) ?? 0;
        const s = series[l];
        const last = s[s.length - 1];
        if (last !== undefined && last.t === now) last.load = load;
        else if (last === undefined || last.load !== load) s.push({ t: now, load });
      }
      dirty.clear();
    },
    record(r) {
      if (r.type !== 'link') return;
      series[r.link] = [{ t: r.t, load: 0 }];
      onLink[r.link] = new Set();
    },
    join(f, _g, { routes }) {
      const route = routes.get(f)!;
      for (const l of route) onLink[l].add(f);
      touchFlow(route);
    },
    leave(f, _g, { routes }) {
      const route = routes.get(f)!;
      for (const l of route) onLink[l].delete(f);
      touchFlow(route);
    },
    rated(g, { members, routes }) {
      for (const f of members.get(g) ?? []) touchFlow(routes.get(f)!);
    },
  });
  return { links: fold.links, series };
}

/** The load of a step-function series at time t. */
export function loadAt(s: readonly LoadPoint[], t: number): number {
  let lo = 0, hi = s.length - 1;
  if (hi < 0 || t < s[0].t) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s[mid].t <= t) lo = mid; else hi = mid - 1;
  }
  return s[lo].load;
}
