/**
 * What limited each flow, when, from a trace alone: the max-min solver puts
 * every moving flow in the group of the constraint that froze it (a link, or
 * the flow's own cap), and the trace records each move between groups and
 * each change of a group's rate. So the limiter of a flow over an interval is
 * its group's, and the bytes a limiter held are the integral of its groups'
 * rate times their members.
 *
 * Built in one pass, O(records): a timeline per group (rate, members,
 * capacity at each change) and a list of group spans per flow. A flow's
 * intervals, the product of the two, are expanded only when asked for: in a
 * run where one link holds 10,000 flows each of its rate changes would
 * otherwise be copied 10,000 times.
 *
 * A flow's own cap group is named by cap-limit.ts from where its cap came
 * from (the flow-start record says) and, for a device law, the feed its
 * flow-feed records give: e.g. a VIOS's SEA starving a tape drive that then
 * speed-matches.
 *
 * Under weighted sharing (sim/net/model.ts: SimGrid's RTT weighting) each
 * flow moves in a group of its own, however it is limited; its flow-held
 * records name the link whose saturation froze it, and that link is its
 * limiter, as a link's group is under pure max-min.
 */
import { TICKS_PER_SECOND } from '../foundation/time.ts';
import { foldFlows } from './flow-fold.ts';
import { equipmentKind } from '../foundation/link-names.ts';
import type { TraceRecord } from './reader.ts';
import { capFacts, capLimit, type CapFacts } from './cap-limit.ts';
import { HeldLinks } from './held-links.ts';
import type { Feed, Limiter, LimiterKind } from '../foundation/limits.ts';

export interface LimitInterval {
  /** ticks, [t0, t1) */
  t0: number;
  t1: number;
  limiter: Limiter;
  /** bytes/s of the flow */
  rate: number;
  /** flows in the same group then, this one included */
  sharers: number;
  /** the network's group id: >= 0 a link id, < 0 -(flow id + 1) */
  group: number;
}

export interface FlowLimits {
  flow: number;
  label: string;
  owner: number;
  /** the actor whose request the flow serves, when another owns it (a flow-for record); null if none */
  for: number | null;
  bytes: number;
  /** effective cap, bytes/s (Infinity if none) */
  cap: number;
  route: readonly number[];
  start: number;
  /** ticks; -1 if the trace ends with the flow still live */
  end: number;
  status: 'done' | 'failed' | 'cancelled' | 'live';
  delivered: number;
}

export interface LimiterBytes {
  /** `${kind} ${link}`, then ` < ${feed link}` for a device law: one row per limiter */
  key: string;
  kind: LimiterKind;
  link: string | null;
  device: string | null;
  feed: Feed | null;
  bytes: number;
}

export interface Limiters {
  readonly flows: ReadonlyMap<number, FlowLimits>;
  /** bytes each limiter held over the whole run, most first */
  readonly bytes: readonly LimiterBytes[];
  /** ticks: the last record's time, where spans still open are closed */
  readonly end: number;
  /** The flow's limiter over each interval of its movement, in time order. */
  intervals(flow: number): LimitInterval[];
  /** Flows in group `group` at time t (ticks), by id. */
  members(group: number, t: number): number[];
}

/** A group's state at each change: parallel arrays, one entry per change. */
interface Timeline {
  t: number[];
  rate: number[];
  n: number[];
  capacity: number[];
  /** a cap group's feed bottleneck (flow-feed), -2 if none */
  feed: number[];
  /** the link holding a flow in its own group (flow-held, weighted sharing), -1 none */
  held: number[];
  /** flows sharing the limiter: the members, or the flows the holding link holds */
  shared: number[];
  /** flows that were ever members, in join order (a flow may repeat) */
  joined: number[];
}

/**
 * `kinds` optionally names the device kind of links by name (what
 * sim/scenario/run.ts learns from the families' ctx.device).
 */
export function flowLimiters(records: Iterable<TraceRecord>, kinds?: ReadonlyMap<string, string>): Limiters {
  const flows = new Map<number, FlowLimits>();
  const caps = new Map<number, CapFacts>();
  /** flows with a device law (they have flow-feed records): their device, the last hop (sim/net Flow.shape) */
  const shaped = new Set<number>();
  /** each shaped flow's feed bottleneck now: a link id, -1 its own cap */
  const feeds = new Map<number, number>();
  const held = new HeldLinks();
  const touch = (flow: number): void => { dirty.add(-flow - 1); };
  /** per flow: its spans in groups, as triples t0, t1 (-1 while open), group */
  const spans = new Map<number, number[]>();
  const timelines = new Map<number, Timeline>();
  const dirty = new Set<number>();

  const timeline = (g: number): Timeline => {
    let tl = timelines.get(g);
    if (tl === undefined) timelines.set(g, (tl = { t: [], rate: [], n: [], capacity: [], feed: [], held: [], shared: [], joined: [] }));
    return tl;
  };

  const fold = foldFlows(records, {
    instant({ now, members, rate, links }) {
      for (const g of dirty) {
        const tl = timeline(g);
        const r = rate.get(g) ?? 0, n = members.get(g)?.size ?? 0;
        const hd = g >= 0 ? -1 : held.of(-g - 1);
        const c = g >= 0 ? links[g].bandwidth : hd >= 0 ? links[hd].bandwidth : flows.get(-g - 1)!.cap;
        const fd = g >= 0 ? -2 : feeds.get(-g - 1) ?? -2;
        const sh = hd >= 0 ? held.flowsOn(hd).size : n;
        const i = tl.t.length - 1;
        if (i >= 0 && tl.rate[i] === r && tl.n[i] === n && tl.capacity[i] === c && tl.feed[i] === fd && tl.held[i] === hd && tl.shared[i] === sh) continue;
        if (i >= 0 && tl.t[i] === now) { tl.rate[i] = r; tl.n[i] = n; tl.capacity[i] = c; tl.feed[i] = fd; tl.held[i] = hd; tl.shared[i] = sh; continue; }
        tl.t.push(now); tl.rate.push(r); tl.n.push(n); tl.capacity.push(c); tl.feed.push(fd); tl.held.push(hd); tl.shared.push(sh);
      }
      dirty.clear();
    },
    record(r, { links }) {
      if (r.type === 'flow-start') {
        flows.set(r.flow, { flow: r.flow, label: r.label, owner: r.owner, for: null, bytes: r.bytes, cap: r.cap, route: r.route, start: r.t, end: -1, status: 'live', delivered: 0 });
        caps.set(r.flow, capFacts(r.route, r.cap, r.capFrom === 'link', (l) => links[l].bandwidth, (l) => links[l].flowCap));
      } else if (r.type === 'flow-held') {
        held.set(r.flow, r.link, touch);
      } else if (r.type === 'flow-end') {
        held.set(r.flow, -1, touch);
        const f = flows.get(r.flow)!;
        f.end = r.t;
        f.status = r.status;
        f.delivered = r.delivered;
      } else if (r.type === 'flow-for') {
        flows.get(r.flow)!.for = r.pid;
      } else if (r.type === 'flow-feed') {
        feeds.set(r.flow, r.link);
        shaped.add(r.flow);
        if (timelines.has(-r.flow - 1)) dirty.add(-r.flow - 1);
      } else if (r.type === 'link-state') {
        dirty.add(r.link);
        for (const f of held.flowsOn(r.link)) touch(f);
      }
    },
    join(f, g, { now }) {
      let s = spans.get(f);
      if (s === undefined) spans.set(f, (s = []));
      s.push(now, -1, g);
      timeline(g).joined.push(f);
      dirty.add(g);
    },
    leave(f, g, { now }) {
      const s = spans.get(f)!;
      s[s.length - 2] = now;
      dirty.add(g);
    },
    rated(g) {
      dirty.add(g);
    },
  });

  const end = fold.now;
  const nameOf = (l: number): string | null => (l >= 0 ? fold.links[l].name : null);
  const limiterOf = (g: number, rate: number, capacity: number, feed: number, by: number): Limiter => {
    if (g >= 0 || by >= 0) return named('link', nameOf(g >= 0 ? g : by), capacity, null, kinds);
    const f = -g - 1;
    const id = capLimit(caps.get(f)!, shaped.has(f) ? deviceOf(flows.get(f)!.route) : -1, rate, capacity, feed);
    const feedLink = nameOf(id.feedLink);
    const fed: Feed | null = id.feedKind === null ? null : { kind: id.feedKind, link: feedLink, device: feedLink === null ? null : kinds?.get(feedLink) ?? equipmentKind(feedLink) };
    return named(id.kind, nameOf(id.link), id.kind === 'device-law' ? rate : capacity, fed, kinds);
  };

  return {
    flows,
    bytes: bytesByLimiter(timelines, end, limiterOf),
    end,
    intervals(flow) {
      const s = spans.get(flow) ?? [];
      const out: LimitInterval[] = [];
      for (let k = 0; k < s.length; k += 3) {
        const t0 = s[k], t1 = s[k + 1] < 0 ? end : s[k + 1], g = s[k + 2];
        const tl = timelines.get(g)!;
        for (let i = Math.max(0, lastAtOrBefore(tl.t, t0)); i < tl.t.length && tl.t[i] < t1; i++) {
          const a = Math.max(t0, tl.t[i]), b = Math.min(t1, tl.t[i + 1] ?? t1);
          if (b > a) out.push({ t0: a, t1: b, limiter: limiterOf(g, tl.rate[i], tl.capacity[i], tl.feed[i], tl.held[i]), rate: tl.rate[i], sharers: tl.shared[i], group: g });
        }
      }
      return out;
    },
    members(group, t) {
      const out: number[] = [];
      for (const f of new Set(timelines.get(group)?.joined ?? [])) {
        const s = spans.get(f)!;
        for (let k = 0; k < s.length; k += 3) {
          if (s[k + 2] === group && s[k] <= t && (s[k + 1] < 0 ? end + 1 : s[k + 1]) > t) { out.push(f); break; }
        }
      }
      return out.sort((a, b) => a - b);
    },
  };
}

/** A shaped flow's device is its last hop (sim/net Flow.shape). */
const deviceOf = (route: readonly number[]): number => route[route.length - 1] ?? -1;

function named(kind: LimiterKind, link: string | null, capacity: number, feed: Feed | null, kinds?: ReadonlyMap<string, string>): Limiter {
  return { kind, link, device: link === null ? null : kinds?.get(link) ?? equipmentKind(link), capacity, feed };
}

/** Index of the last entry <= t in a sorted array, -1 if none. */
function lastAtOrBefore(ts: readonly number[], t: number): number {
  let lo = 0, hi = ts.length - 1;
  if (hi < 0 || ts[0] > t) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ts[mid] <= t) lo = mid; else hi = mid - 1;
  }
  return lo;
}

function bytesByLimiter(timelines: ReadonlyMap<number, Timeline>, end: number, limiterOf: (g: number, rate: number, capacity: number, feed: number, held: number) => Limiter): LimiterBytes[] {
  const rows = new Map<string, LimiterBytes>();
  // Group ids in order, so rows with equal bytes come out the same way every time.
  for (const g of [...timelines.keys()].sort((a, b) => a - b)) {
    const tl = timelines.get(g)!;
    for (let i = 0; i < tl.t.length; i++) {
      const moved = (tl.rate[i] * tl.n[i] * ((tl.t[i + 1] ?? end) - tl.t[i])) / TICKS_PER_SECOND;
      if (!(moved > 0)) continue;
      const lim = limiterOf(g, tl.rate[i], tl.capacity[i], tl.feed[i], tl.held[i]);
      const key = `${lim.kind} ${lim.link ?? ''}${lim.feed === null ? '' : ` < ${lim.feed.link ?? lim.feed.kind}`}`;
      const row = rows.get(key);
      if (row === undefined) rows.set(key, { key, kind: lim.kind, link: lim.link, device: lim.device, feed: lim.feed, bytes: moved });
      else row.bytes += moved;
    }
  }
  return [...rows.values()].sort((a, b) => b.bytes - a.bytes || (a.key < b.key ? -1 : 1));
}
