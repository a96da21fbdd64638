/**
 * The world at the cursor, folded from the run's events 0..k. Always from
 * the start: stepping back is then exact by construction (the state at k
 * never depends on where the cursor came from), and a few thousand events
 * fold in well under a frame.
 */
import type { Topology, VizEvent } from './run-view.ts';
import { storyData } from '../sim/foundation/story.ts';

export interface VmState {
  name: string;
  host: string;
  running: boolean;
}

export interface WorldState {
  /** index of the current event, -1 before the first */
  index: number;
  /** names of failed sites, hosts, storage systems, links and devices */
  failed: Set<string>;
  vms: VmState[];
  /** partition -> the server it runs on */
  placement: Map<string, string>;
  /** the protocol step under way: the latest step with a patent figure label, else the latest labelled step */
  step: VizEvent | null;
  /** the latest fault whose target is still failed, null when none is */
  fault: VizEvent | null;
}

/** A step of a patent figure (by its data), told as a step or as a mark. */
const isFigure = (e: VizEvent): boolean => (e.kind === 'step' || e.kind === 'mark') && storyData(e.data).figure !== undefined;

export function stateAt(events: readonly VizEvent[], topo: Topology, k: number): WorldState {
  const failed = new Set<string>();
  const vms = new Map(topo.vms.map((v) => [v.name, { ...v, running: true }]));
  const siteOf = new Map(topo.nodes.map((n) => [n.name, n.site]));
  const hostDown = (host: string): boolean => failed.has(host) || failed.has(siteOf.get(host) ?? '');
  const placement = new Map(topo.nodes.filter((n) => n.server).map((n) => [n.name, n.server!]));
  let step: VizEvent | null = null;
  let fault: VizEvent | null = null;
  for (let i = 0; i <= k && i < events.length; i++) {
    const e = events[i];
    const story = storyData(e.data);
    if (e.kind === 'fault' && story.fault !== undefined) {
      const { kind, target } = story.fault;
      if (kind.endsWith('-fails')) { failed.add(target); fault = e; }
      if (kind.endsWith('-recovers')) failed.delete(target);
    }
    if (e.kind === 'mark' && story.fails !== undefined) failed.add(story.fails);
    if (e.kind === 'link') {
      if (e.up) failed.delete(e.link!); else failed.add(e.link!);
    }
    if (e.kind === 'placement') placement.set(e.partition!, e.server!);
    if (e.kind === 'mark' && story.vmStarted !== undefined) {
      const { vm, host } = story.vmStarted;
      vms.set(vm, { name: vm, host, running: true });
    }
    // Some protocols tell a figure's step as a mark, not a step: those count too.
    if (isFigure(e) || (e.kind === 'step' && !(step && isFigure(step)))) step = e;
    for (const vm of vms.values()) if (vm.running && hostDown(vm.host)) vm.running = false;
  }
  const still = fault !== null && failed.has(storyData(fault.data).fault!.target);
  return { index: Math.min(k, events.length - 1), failed, vms: [...vms.values()], placement, step, fault: still ? fault : null };
}

/** The last event at or before t (seconds), -1 if none: where "jump to a time" lands. */
export function indexAtTime(events: readonly VizEvent[], t: number): number {
  let lo = 0, hi = events.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid].t <= t) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}
