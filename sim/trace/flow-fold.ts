/**
 * The one walk over a trace's network records: which links exist, each
 * flow's route, which bottleneck group each moving flow is in and each
 * group's rate per flow. Analyses (utilisation.ts, limiters.ts) add what they
 * derive through hooks, so the membership bookkeeping is written once.
 *
 * Group ids are the network's (sim/net/group.ts): >= 0 the link of that id,
 * < 0 the group of flow -(id + 1) alone, limited by its own cap.
 */
import type { TraceRecord } from './reader.ts';

export interface LinkInfo {
  id: number;
  name: string;
  /** bytes/s now (link-state records change it) */
  bandwidth: number;
  /** most bytes/s one flow may take on this link; Infinity if none */
  flowCap: number;
}

export interface FlowFold {
  readonly links: LinkInfo[];
  /** route of every flow started so far, by flow id */
  readonly routes: Map<number, readonly number[]>;
  /** group of each flow now moving */
  readonly groupOf: Map<number, number>;
  readonly members: Map<number, Set<number>>;
  /** rate per member flow, by group id */
  readonly rate: Map<number, number>;
  /** time of the records being applied */
  now: number;
}

export interface FoldHooks {
  /** Every record of instant `now` has been applied: the state holds from `now` on. */
  instant?(fold: FlowFold): void;
  record?(r: TraceRecord, fold: FlowFold): void;
  join?(flow: number, group: number, fold: FlowFold): void;
  leave?(flow: number, group: number, fold: FlowFold): void;
  rated?(group: number, fold: FlowFold): void;
}

export function foldFlows(records: Iterable<TraceRecord>, hooks: FoldHooks): FlowFold {
  const fold: FlowFold = { links: [], routes: new Map(), groupOf: new Map(), members: new Map(), rate: new Map(), now: 0 };
  const { links, routes, groupOf, members, rate } = fold;
  const leave = (f: number): void => {
    const g = groupOf.get(f);
    if (g === undefined) return;
    members.get(g)!.delete(f);
    groupOf.delete(f);
    hooks.leave?.(f, g, fold);
  };
  for (const r of records) {
    if (r.t !== fold.now) { hooks.instant?.(fold); fold.now = r.t; }
    switch (r.type) {
      case 'link':
        links[r.link] = { id: r.link, name: r.name, bandwidth: r.bandwidth, flowCap: r.flowCap };
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
        hooks.join?.(r.flow, r.group, fold);
        break;
      }
      case 'group-rate':
        rate.set(r.group, r.rate);
        hooks.rated?.(r.group, fold);
        break;
      case 'flow-end':
        leave(r.flow);
        break;
      default:
        break;
    }
    hooks.record?.(r, fold);
  }
  hooks.instant?.(fold);
  return fold;
}
