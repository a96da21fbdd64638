/**
 * Rebuilds each link's load over time from a trace alone: flow routes from
 * flow-start, group membership from flow-group, the shared rate of each
 * bottleneck group from group-rate. This is how reports and the visualizer
 * draw utilisation without re-running the simulation.
 */
import type { TraceRecord } from './reader.ts';

export interface LinkInfo {
  id: number;
  name: string;
  bandwidth: number;
}

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
  const links: LinkInfo[] = [];
  const series: LoadPoint[][] = [];
  const routes = new Map<number, number[]>();
  const groupOf = new Map<number, number>();
  const members = new Map<number, Set<number>>();
  const rate = new Map<number, number>();
  const onLink: Set<number>[] = [];
  const dirty = new Set<number>();
  let now = 0;

  const flush = (): void => {
    for (const l of [...dirty].sort((a, b) => a - b)) {
      let load = 0;
      for (const f of onLink[l]) load += rate.get(groupOf.get(f)!) ?? 0;
      const s = series[l];
      const last = s[s.length - 1];
      if (last !== undefined && last.t === now) last.load = load;
      else if (last === undefined || last.load !== load) s.push({ t: now, load });
    }
    dirty.clear();
  };
  const touchFlow = (f: number): void => { for (const l of routes.get(f) ?? []) dirty.add(l); };
  const leave = (f: number): void => {
    const g = groupOf.get(f);
    if (g === undefined) return;
    members.get(g)!.delete(f);
    groupOf.delete(f);
    for (const l of routes.get(f)!) onLink[l].delete(f);
    touchFlow(f);
  };

  for (const r of records) {
    if (r.t !== now) { flush(); now = r.t; }
    switch (r.type) {
      case 'link':
        links[r.link] = { id: r.link, name: r.name, bandwidth: r.bandwidth };
        series[r.link] = [{ t: r.t, load: 0 }];
        onLink[r.link] = new Set();
        break;
      case 'link-state':
        links[r.link].bandwidth = r.bandwidth;
        break;
      case 'flow-start':
        routes.set(r.flow, r.route);
        break;
      case 'flow-group': {
        leave(r.flow);
        groupOf.set(r.flow, r.group);
        let m = members.get(r.group);
        if (m === undefined) members.set(r.group, (m = new Set()));
        m.add(r.flow);
        for (const l of routes.get(r.flow)!) onLink[l].add(r.flow);
        touchFlow(r.flow);
        break;
      }
      case 'group-rate':
        rate.set(r.group, r.rate);
        for (const f of members.get(r.group) ?? []) touchFlow(f);
        break;
      case 'flow-end':
        leave(r.flow);
        routes.delete(r.flow);
        break;
      default:
        break;
    }
  }
  flush();
  return { links, series };
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
