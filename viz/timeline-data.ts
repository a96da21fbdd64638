/**
 * The timeline's data in columns (typed arrays), each lane's spans sorted by
 * start: a canvas can then draw a million spans without allocating, and find
 * the visible ones by binary search.
 */
import type { Span, VizEvent } from './run-view.ts';
import { isFailure } from './events.ts';

export const KIND_JOB = 0, KIND_TRANSFER = 1, KIND_FAILED = 2, KIND_STEP = 3;

export interface LaneColumns {
  t0: Float64Array;
  t1: Float64Array;
  kind: Uint8Array;
  /** a transfer's flow id, -1 for anything else */
  flow: Float64Array;
  /** longest span on the lane: how far left of the view a visible span can start */
  maxDur: number;
}

export interface TimelineData {
  lanes: string[];
  /** per lane, jobs and transfers: the lane's bar */
  spans: LaneColumns[];
  /** per lane, protocol steps: a strip under the bar */
  steps: LaneColumns[];
  /** per lane, instants (events) in time order, and whether each is a failure */
  ticks: { t: Float64Array; failed: Uint8Array }[];
  end: number;
  count: number;
}

type Row = { t0: number; t1: number; kind: number; flow?: number };

export function columns(rows: Row[]): LaneColumns {
  rows.sort((a, b) => a.t0 - b.t0);
  const c: LaneColumns = { t0: new Float64Array(rows.length), t1: new Float64Array(rows.length), kind: new Uint8Array(rows.length), flow: new Float64Array(rows.length), maxDur: 0 };
  rows.forEach((r, i) => {
    c.t0[i] = r.t0; c.t1[i] = r.t1; c.kind[i] = r.kind; c.flow[i] = r.flow ?? -1;
    c.maxDur = Math.max(c.maxDur, r.t1 - r.t0);
  });
  return c;
}


export function timelineOf(lanes: string[], spans: readonly Span[], events: readonly VizEvent[], end: number): TimelineData {
  const rows = lanes.map(() => [] as Row[]);
  const stepRows = lanes.map(() => [] as Row[]);
  for (const s of spans) {
    if (s.kind === 'step') stepRows[s.lane].push({ t0: s.t0, t1: s.t1, kind: KIND_STEP });
    else rows[s.lane].push({ t0: s.t0, t1: s.t1, kind: s.failed ? KIND_FAILED : s.kind === 'job' ? KIND_JOB : KIND_TRANSFER, flow: s.flow });
  }
  const laneIndex = new Map(lanes.map((l, i) => [l, i]));
  const ticks = lanes.map(() => ({ t: [] as number[], failed: [] as number[] }));
  for (const e of events) {
    const tk = ticks[laneIndex.get(e.actor) ?? 0];
    tk.t.push(e.t);
    tk.failed.push(isFailure(e) ? 1 : 0);
  }
  return {
    lanes,
    spans: rows.map(columns),
    steps: stepRows.map(columns),
    ticks: ticks.map((tk) => ({ t: Float64Array.from(tk.t), failed: Uint8Array.from(tk.failed) })),
    end,
    count: spans.length + events.length,
  };
}

/** First index whose value is >= x, in a sorted array. */
export function lowerBound(a: Float64Array, x: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** The transfer under a click on a lane at t: of those moving then, the latest to start (-1 if none). */
export function flowUnder(c: LaneColumns, t: number): number {
  for (let i = lowerBound(c.t0, t + 1e-12) - 1; i >= 0 && c.t0[i] >= t - c.maxDur; i--) {
    if (c.flow[i] >= 0 && c.t1[i] >= t) return c.flow[i];
  }
  return -1;
}

/**
 * The span of time the story takes, to show first: from the first event to
 * the last, with a margin, when that is under 80 % of the run (a 2-hour run
 * whose story takes 20 minutes); undefined when the whole run is the story.
 */
export function activityOf(events: readonly { t: number }[], end: number): [number, number] | undefined {
  if (events.length === 0 || end <= 0) return undefined;
  const t0 = events[0].t, t1 = events[events.length - 1].t;
  if (t1 - t0 >= 0.8 * end) return undefined;
  const pad = Math.max((t1 - t0) * 0.05, end * 0.005);
  return [Math.max(0, t0 - pad), Math.min(end, t1 + pad)];
}
