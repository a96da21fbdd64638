/**
 * What the "why" panel says about the thing clicked (a flow's bar, a lane, a
 * link or device in the topology) at the cursor: the sentences of `backlab
 * explain` (reports/explain-text.ts), from the limiters the worker folded
 * once per run (limiter-data.ts). Pure: main.ts puts the lines on the page.
 */
import { seconds } from '../sim/foundation/time.ts';
import type { Limiters } from '../sim/trace/limiters.ts';
import type { Story } from '../reports/explain.ts';
import { resourceText, selectionText } from '../reports/explain-text.ts';
import { unpackLimiters } from './limiter-data.ts';
import type { RunView } from './run-view.ts';

export type Selection = { kind: 'flow'; flow: number } | { kind: 'lane'; lane: number } | { kind: 'link'; link: string };

/** Everything an explanation reads, made once per run. */
export interface Explainer {
  lim: Limiters;
  story: Story;
  lanes: readonly string[];
  /** the flows each lane's actor owned (its transfer bars) */
  laneFlows: number[][];
}

/** Flows told one by one; the panel scrolls, but a link holding thousands would drown the rest. */
const MOST = 40;
const more = (n: number): string => `... and ${n} more flows.`;

export function explainerOf(view: Pick<RunView, 'limits' | 'bottlenecks' | 'lanes' | 'spans'>): Explainer {
  const laneFlows = view.lanes.map(() => [] as number[]);
  for (const s of view.spans) if (s.flow !== undefined) laneFlows[s.lane].push(s.flow);
  for (const fs of laneFlows) fs.sort((a, b) => a - b);
  return { lim: unpackLimiters(view.limits), story: view.bottlenecks, lanes: view.lanes, laneFlows };
}

/** The panel's heading and lines for a selection at t seconds. */
export function explanation(x: Explainer, sel: Selection, t: number): { title: string; lines: string[] } {
  const at = Math.min(seconds(t), x.lim.end);
  switch (sel.kind) {
    case 'flow': {
      const what = `flow ${x.lim.flows.get(sel.flow)?.label ?? sel.flow}`;
      return { title: what, lines: selectionText(x.lim, x.lim.flows.has(sel.flow) ? [sel.flow] : [], what, at, MOST, more) };
    }
    case 'lane': {
      const what = `actor ${x.lanes[sel.lane]}`;
      return { title: what, lines: selectionText(x.lim, x.laneFlows[sel.lane] ?? [], what, at, MOST, more) };
    }
    case 'link':
      return { title: sel.link, lines: resourceText(x.lim, x.story, sel.link, at, MOST, more) };
  }
}
