/**
 * One run for the page, the same way the CLI runs it: loadScenario, then
 * runScenario with a MemorySink, then the trace decoded into the story the
 * views draw. Pure of the browser, so tests can call it in Node too.
 */
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { parseScenarioText } from '../sim/scenario/source.ts';
import { MemorySink } from '../sim/trace/sink.ts';
import { readTrace } from '../sim/trace/reader.ts';
import { linkUtilisation } from '../sim/trace/utilisation.ts';
import { storyOf } from './events.ts';
import { failNowPlan } from './fail-now.ts';
import { topologyOf } from './topology.ts';
import type { LinkLoad, RunReply } from './run-view.ts';

export interface RunRequest {
  file: string;
  text: string;
  variant?: string;
  /** seconds: run with the scenario's fault moved here ("fail now") */
  failAt?: number;
}

export function runForView(req: RunRequest): RunReply {
  try {
    const doc = parseScenarioText(req.file, req.text).doc;
    const plan = failNowPlan(doc, req.failAt);
    const sets = req.failAt !== undefined && plan.setting ? [plan.setting] : [];
    const scn = loadScenario(req.file, req.text, { variant: req.variant || undefined, sets });
    const sink = new MemorySink();
    const result = runScenario(scn, { sink });
    const bytes = sink.bytes();
    const topology = topologyOf(scn, doc);
    const story = storyOf(readTrace(bytes), topology.placements);
    const util = linkUtilisation(readTrace(bytes));
    const loads: LinkLoad[] = util.links.map((l) => ({ name: l.name, bandwidth: l.bandwidth, series: util.series[l.id] ?? [] }));
    return { ok: true, view: { result, ...story, topology, loads, variants: scn.variants, failNote: plan.note, canFail: plan.setting !== null } };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
