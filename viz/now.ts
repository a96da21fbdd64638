/**
 * What is under way at an instant, for the "Now" panel and the topology's
 * data path: the transfers moving then (each with its rate and what limits
 * it, from the limiters the worker folded), the links they cross, and each
 * actor's protocol step (the timeline's step spans that cover the instant).
 * Pure, and linear in flows and spans: a step of the cursor costs one pass.
 */
import { seconds } from '../sim/foundation/time.ts';
import type { Limiters } from '../sim/trace/limiters.ts';
import type { Span } from './run-view.ts';

export interface Moving {
  flow: number;
  label: string;
  /** bytes/s at the instant */
  rate: number;
  /** the link or device that holds it, null for its own cap */
  limiter: string | null;
  /** what kind of limit: a link, a link's cap per flow, the flow's own cap, a device's law */
  kind: string;
}

export interface Present {
  moving: Moving[];
  /** trace link names the moving flows cross */
  path: Set<string>;
  /** actor -> the label of the step it is in */
  steps: { actor: string; label: string; t0: number; event: number }[];
}

/** `linkNames[id]`: the trace's link names by id (a flow's route is ids). */
export function presentAt(lim: Limiters, linkNames: readonly string[], spans: readonly Span[], lanes: readonly string[], t: number): Present {
  const at = seconds(t);
  const moving: Moving[] = [];
  const path = new Set<string>();
  for (const f of lim.flows.values()) {
    const end = f.end < 0 ? lim.end : f.end;
    if (f.start > at || end <= at) continue;
    const now = lim.intervals(f.flow).find((x) => x.t0 <= at && at < x.t1);
    if (!now || now.rate <= 0) continue;
    moving.push({ flow: f.flow, label: f.label, rate: now.rate, limiter: now.limiter.link, kind: now.limiter.kind });
    for (const id of f.route) if (linkNames[id] !== undefined) path.add(linkNames[id]);
  }
  moving.sort((a, b) => b.rate - a.rate || a.flow - b.flow);
  const steps = spans.filter((s) => s.kind === 'step' && s.t0 <= t && t < s.t1)
    .map((s) => ({ actor: lanes[s.lane], label: s.label, t0: s.t0, event: s.event ?? -1 }))
    .sort((a, b) => b.t0 - a.t0 || (a.actor < b.actor ? -1 : 1));
  return { moving, path, steps };
}
