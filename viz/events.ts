/**
 * Turns decoded trace records into what a person steps through: the events
 * that say something (labelled steps, marks, faults, link changes, dropped
 * messages, abnormal ends, transfers), one lane per actor, and the spans
 * drawn on those lanes: jobs, transfers and protocol steps. Unlabelled bookkeeping (receive, sleep, message
 * send/deliver) stays out: a student steps through the story, not the
 * kernel's heartbeat.
 */
import { toSeconds } from '../sim/foundation/time.ts';
import type { TraceRecord } from '../sim/trace/reader.ts';
import type { Span, Topology, VizEvent } from './run-view.ts';
import { storyData } from '../sim/foundation/story.ts';

/** Marks made by the model itself (pid 0), not by an actor. */
export const MODEL_LANE = '(model)';

export interface Story {
  events: VizEvent[];
  lanes: string[];
  spans: Span[];
}

/** `placements`: links that say where a partition runs (topology.ts); their changes are moves, not failures. */
export function storyOf(records: Iterable<TraceRecord>, placements: Topology['placements'] = []): Story {
  const placement = new Map(placements.map((p) => [p.link, p]));
  const adapterUp = new Map<string, boolean>();
  const events: VizEvent[] = [];
  const lanes: string[] = [MODEL_LANE];
  const laneOf = new Map<number, number>([[0, 0]]);
  const actorName = new Map<number, string>([[0, MODEL_LANE]]);
  const linkName = new Map<number, string>();
  const spans: Span[] = [];
  const openJobs = new Map<number, { t0: number; label: string }[]>();
  const openFlows = new Map<number, { t0: number; lane: number; label: string; flow: number }>();
  let end = 0;
  const openSteps = new Map<number, { t0: number; label: string; event: number }>();
  // A step lasts until its actor's next step (as in chrome.ts); an instant step draws nothing.
  const closeStep = (pid: number, t: number): void => {
    const open = openSteps.get(pid);
    openSteps.delete(pid);
    if (open && t > open.t0) spans.push({ lane: lane(pid), t0: open.t0, t1: t, kind: 'step', label: open.label, failed: false, event: open.event });
  };
  const actor = (pid: number): string => actorName.get(pid) ?? `pid ${pid}`;
  const lane = (pid: number): number => laneOf.get(pid) ?? 0;

  for (const r of records) {
    const t = toSeconds(r.t);
    end = t;
    switch (r.type) {
      case 'actor':
        actorName.set(r.pid, r.name);
        laneOf.set(r.pid, lanes.push(r.name) - 1);
        break;
      case 'link':
        linkName.set(r.link, r.name);
        break;
      case 'step': {
        closeStep(r.pid, t);
        if (r.label && r.op !== 'job.begin' && r.op !== 'job.end') openSteps.set(r.pid, { t0: t, label: r.label, event: events.length });
        if (r.op === 'job.begin') (openJobs.get(r.pid) ?? openJobs.set(r.pid, []).get(r.pid)!).push({ t0: t, label: r.label });
        if (r.op === 'job.end') {
          const open = openJobs.get(r.pid)?.pop();
          if (open) spans.push({ lane: lane(r.pid), t0: open.t0, t1: t, kind: 'job', label: open.label, failed: storyData(r.data).failed === true });
        }
        if (r.label) events.push({ t, kind: 'step', actor: actor(r.pid), text: r.label, op: r.op, data: r.data });
        break;
      }
      case 'mark':
        events.push({ t, kind: storyData(r.data).fault !== undefined ? 'fault' : 'mark', actor: actor(r.pid), text: r.label, data: r.data });
        break;
      case 'link-state': {
        const name = linkName.get(r.link) ?? `link ${r.link}`;
        const p = placement.get(name);
        if (p) {
          // An adapter coming up from down is the partition arriving on that server; its other changes
          // (down on every other server at the start, paused or drained around a move) are not news.
          const wasUp = adapterUp.get(name) ?? true;
          adapterUp.set(name, r.up);
          if (!wasUp && r.up) events.push({ t, kind: 'placement', actor: MODEL_LANE, text: `partition ${p.partition} now runs on ${p.server}`, partition: p.partition, server: p.server });
          break;
        }
        events.push({ t, kind: 'link', actor: MODEL_LANE, text: `link ${name} ${r.up ? 'up' : 'down'}`, link: name, up: r.up });
        break;
      }
      case 'drop':
        events.push({ t, kind: 'drop', actor: MODEL_LANE, text: `message dropped: ${r.reason}` });
        break;
      case 'end':
        closeStep(r.pid, t);
        if (r.status !== 'returned') events.push({ t, kind: 'end', actor: actor(r.pid), text: `${actor(r.pid)} ${r.status}: ${r.reason}` });
        break;
      case 'flow-start':
        openFlows.set(r.flow, { t0: t, lane: lane(r.owner), label: r.label, flow: r.flow });
        events.push({ t, kind: 'flow-start', actor: actor(r.owner), text: `transfer starts: ${r.label || `flow ${r.flow}`}` });
        break;
      case 'flow-end': {
        const f = openFlows.get(r.flow);
        openFlows.delete(r.flow);
        if (!f) break;
        spans.push({ lane: f.lane, t0: f.t0, t1: t, kind: 'transfer', label: f.label, failed: r.status === 'failed', flow: f.flow });
        events.push({ t, kind: 'flow-end', actor: lanes[f.lane], text: `transfer ${r.status}: ${f.label}` });
        break;
      }
    }
  }
  // Work still under way when the clock stopped runs to the end of the run.
  for (const [pid, open] of openJobs) for (const j of open) spans.push({ lane: lane(pid), t0: j.t0, t1: end, kind: 'job', label: j.label, failed: false });
  for (const f of openFlows.values()) spans.push({ lane: f.lane, t0: f.t0, t1: end, kind: 'transfer', label: f.label, failed: false, flow: f.flow });
  return { events, lanes, spans };
}

/** Whether an event is bad news: a fault, a drop, an abnormal end, a link down, a device or job failing. */
export function isFailure(e: VizEvent): boolean {
  return e.kind === 'fault' || e.kind === 'drop' || e.kind === 'end' || (e.kind === 'link' && !e.up) || failedNow(e);
}

/** A device failed, or a job ended failed, at this event (by its data). */
export function failedNow(e: VizEvent): boolean {
  const story = storyData(e.data);
  return story.fails !== undefined || story.failed === true;
}
