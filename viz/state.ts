/**
 * The world at the cursor, folded from the run's events 0..k: from the
 * start, or from a fold kept every 1,024 events that was itself made from the
 * start. Stepping back is then exact by construction (the state at k never
 * depends on where the cursor came from), and a step on 49,000 events folds
 * at most 1,024 of them.
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

/** What the fold carries from one event to the next. */
interface Fold {
  next: number;
  failed: Set<string>;
  vms: Map<string, VmState>;
  placement: Map<string, string>;
  step: VizEvent | null;
  fault: VizEvent | null;
}

/** Events between the folds kept: stepping anywhere folds at most this many. */
const EVERY = 1024;
/** Per run's events (and topology): the fold at events 0, EVERY, 2 EVERY, ... made as the cursor first passes them. */
const kept = new WeakMap<readonly VizEvent[], { topo: Topology; folds: Fold[] }>();

const copy = (f: Fold): Fold => ({ ...f, failed: new Set(f.failed), vms: new Map([...f.vms].map(([k, v]) => [k, { ...v }])), placement: new Map(f.placement) });

export function stateAt(events: readonly VizEvent[], topo: Topology, k: number): WorldState {
  let memo = kept.get(events);
  if (!memo || memo.topo !== topo) {
    memo = { topo, folds: [{ next: 0, failed: new Set(), vms: new Map(topo.vms.map((v) => [v.name, { ...v, running: true }])), placement: new Map(topo.nodes.filter((n) => n.server).map((n) => [n.name, n.server!])), step: null, fault: null }] };
    kept.set(events, memo);
  }
  const siteOf = new Map(topo.nodes.map((n) => [n.name, n.site]));
  const last = Math.min(k, events.length - 1);
  // The kept fold nearest below k, then the kept folds on the way there, then the rest: exact, since each kept fold is one from the start.
  const want = Math.floor((last + 1) / EVERY);
  while (memo.folds.length <= want) {
    const f = copy(memo.folds[memo.folds.length - 1]);
    foldTo(f, events, memo.folds.length * EVERY - 1, siteOf);
    memo.folds.push(f);
  }
  const f = copy(memo.folds[want]);
  foldTo(f, events, last, siteOf);
  const still = f.fault !== null && f.failed.has(storyData(f.fault.data).fault!.target);
  return { index: last, failed: f.failed, vms: [...f.vms.values()], placement: f.placement, step: f.step, fault: still ? f.fault : null };
}

/** Folds events f.next..k into f. */
function foldTo(f: Fold, events: readonly VizEvent[], k: number, siteOf: ReadonlyMap<string, string | null>): void {
  const { failed, vms, placement } = f;
  const hostDown = (host: string): boolean => failed.has(host) || failed.has(siteOf.get(host) ?? '');
  for (let i = f.next; i <= k && i < events.length; i++) {
    const e = events[i];
    const story = storyData(e.data);
    if (e.kind === 'fault' && story.fault !== undefined) {
      const { kind, target } = story.fault;
      if (kind.endsWith('-fails')) { failed.add(target); f.fault = e; }
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
    if (isFigure(e) || (e.kind === 'step' && !(f.step && isFigure(f.step)))) f.step = e;
    for (const vm of vms.values()) if (vm.running && hostDown(vm.host)) vm.running = false;
  }
  f.next = Math.max(f.next, Math.min(k, events.length - 1) + 1);
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
