/**
 * Why a run is as fast as it is, from the limiter intervals of its trace
 * (sim/trace/limiters.ts): which resources held how many of the bytes moved,
 * the dominant bottleneck stretch by stretch, and what held a chosen set of
 * flows at or around an instant. Pure: the sentences are in explain-text.ts.
 *
 * A limiter is carried through as the trace module gives it, so a field it
 * gains later reaches the JSON without a change here.
 */
import { TICKS_PER_SECOND } from '../sim/foundation/time.ts';
import { limiterKey, rootOf, type Limiter, type LimiterShare, type Stretch } from '../sim/foundation/limits.ts';
import { smooth, type Segment } from '../sim/trace/bottleneck-timeline.ts';
import type { Limiters, LimitInterval } from '../sim/trace/limiters.ts';

/** Bytes held by one resource to widen: a link, or the feed of the devices it starves (sim/trace/limiters.ts rootOf). */
export interface RootBytes {
  root: string;
  bytes: number;
  share: number;
}

export interface Story {
  moved: number;
  resources: LimiterShare[];
  /** the same bytes by the resource to widen, largest first */
  roots: RootBytes[];
  timeline: Stretch[];
}

/** A flow's intervals joined while its limiter and the flows sharing it stay the same. */
export interface Span {
  t0: number;
  t1: number;
  key: string;
  limiter: Limiter;
  /** bytes moved in the span, and the flow's rate and sharers at its start */
  bytes: number;
  rate: number;
  sharers: number;
}

const movedIn = (i: LimitInterval): number => (i.rate * (i.t1 - i.t0)) / TICKS_PER_SECOND;

/** The run's bottleneck story over the given flows (all of them by default). */
export function bottleneckStory(lim: Limiters, flows: Iterable<number> = lim.flows.keys()): Story {
  const rows = new Map<string, LimiterShare>();
  /** per instant where some flow's limiter or rate changes: rate deltas per key */
  const deltas = new Map<number, Map<string, number>>();
  const limiters = new Map<string, Limiter>();
  const add = (t: number, key: string, r: number): void => {
    let d = deltas.get(t);
    if (d === undefined) deltas.set(t, (d = new Map()));
    d.set(key, (d.get(key) ?? 0) + r);
  };
  const roots = new Map<string, number>();
  let moved = 0;
  for (const f of flows) {
    for (const i of lim.intervals(f)) {
      const key = limiterKey(i.limiter), b = movedIn(i);
      moved += b;
      const root = rootOf(i.limiter) ?? key;
      roots.set(root, (roots.get(root) ?? 0) + b);
      const row = rows.get(key);
      if (row === undefined) rows.set(key, { key, limiter: i.limiter, bytes: b, share: 0 });
      else row.bytes += b;
      limiters.set(key, i.limiter);
      add(i.t0, key, i.rate);
      add(i.t1, key, -i.rate);
    }
  }
  const resources = [...rows.values()].filter((r) => r.bytes > 0).sort((a, b) => b.bytes - a.bytes || (a.key < b.key ? -1 : 1));
  for (const r of resources) r.share = moved > 0 ? r.bytes / moved : 0;
  const byRoot = [...roots].filter(([, b]) => b > 0).map(([root, bytes]) => ({ root, bytes, share: moved > 0 ? bytes / moved : 0 }))
    .sort((a, b) => b.bytes - a.bytes || (a.root < b.root ? -1 : 1));
  return { moved, resources, roots: byRoot, timeline: smooth(segments(deltas), limiters, lim.end / 100) };
}

/** The run cut at every rate change: bytes per limiter in each piece. */
function segments(deltas: ReadonlyMap<number, ReadonlyMap<string, number>>): Segment[] {
  const rate = new Map<string, number>();
  const ts = [...deltas.keys()].sort((a, b) => a - b);
  const segs: Segment[] = [];
  for (let k = 0; k < ts.length; k++) {
    for (const [key, d] of deltas.get(ts[k])!) {
      const r = (rate.get(key) ?? 0) + d;
      // Rates added and taken away again leave float dust, not a resource at work.
      if (Math.abs(r) < 1e-6) rate.delete(key); else rate.set(key, r);
    }
    if (k + 1 === ts.length) break;
    const dt = (ts[k + 1] - ts[k]) / TICKS_PER_SECOND;
    const bytes = new Map<string, number>();
    for (const [key, r] of rate) bytes.set(key, r * dt);
    segs.push({ t0: ts[k], t1: ts[k + 1], bytes });
  }
  return segs;
}

/** A flow's limiter changes, and changes in who shares it. */
export function spansOf(lim: Limiters, flow: number): Span[] {
  const out: Span[] = [];
  for (const i of lim.intervals(flow)) {
    const key = limiterKey(i.limiter), last = out[out.length - 1];
    if (last !== undefined && last.key === key && last.sharers === i.sharers && last.t1 === i.t0) { last.t1 = i.t1; last.bytes += movedIn(i); continue; }
    out.push({ t0: i.t0, t1: i.t1, key, limiter: i.limiter, bytes: movedIn(i), rate: i.rate, sharers: i.sharers });
  }
  return out;
}

/** What held one flow at instant t: the interval then, and the next change of limiter after it. */
export interface FlowAt {
  flow: number;
  now: LimitInterval;
  next: Span | null;
}

export function flowAt(lim: Limiters, flow: number, t: number): FlowAt | null {
  const all = lim.intervals(flow);
  const now = all.find((i) => i.t0 <= t && t < i.t1);
  if (now === undefined) return null;
  const next = spansOf(lim, flow).find((s) => s.t0 > t && s.key !== limiterKey(now.limiter)) ?? null;
  return { flow, now, next };
}

/** The flows moving at t, of those given, by id. */
export function movingAt(lim: Limiters, flows: readonly number[], t: number): number[] {
  return flows.filter((f) => lim.intervals(f).some((i) => i.t0 <= t && t < i.t1));
}

/** Of those given, the flow whose movement is nearest to t (before it first), for "nothing moves then". */
export function nearestFlow(lim: Limiters, flows: readonly number[], t: number): number | null {
  let best: number | null = null, gap = Infinity;
  for (const f of flows) {
    const fl = lim.flows.get(f)!;
    const end = fl.end < 0 ? lim.end : fl.end;
    const d = t < fl.start ? fl.start - t : t >= end ? t - end : 0;
    if (d < gap) { best = f; gap = d; }
  }
  return best;
}

/** The resources holding the given flows at t, by the rate they hold, most first. */
export interface HeldAt {
  key: string;
  limiter: Limiter;
  rate: number;
  flows: number;
}

export function heldAt(lim: Limiters, flows: readonly number[], t: number): HeldAt[] {
  const rows = new Map<string, HeldAt>();
  for (const f of flows) {
    const i = lim.intervals(f).find((x) => x.t0 <= t && t < x.t1);
    if (i === undefined) continue;
    const key = limiterKey(i.limiter), row = rows.get(key);
    if (row === undefined) rows.set(key, { key, limiter: i.limiter, rate: i.rate, flows: 1 });
    else { row.rate += i.rate; row.flows++; }
  }
  return [...rows.values()].sort((a, b) => b.rate - a.rate || (a.key < b.key ? -1 : 1));
}

/** The flows a resource (a link or device, by name) holds at t: as their limiter, or as what starves their device's feed. */
export function heldBy(lim: Limiters, link: string, t: number): number[] {
  const out: number[] = [];
  for (const f of lim.flows.values()) {
    if (f.start > t || (f.end >= 0 && f.end <= t)) continue;
    const i = lim.intervals(f.flow).find((x) => x.t0 <= t && t < x.t1);
    if (i !== undefined && (i.limiter.link === link || rootOf(i.limiter) === link)) out.push(f.flow);
  }
  return out.sort((a, b) => a - b);
}
