/**
 * One run for the page, the same way the CLI runs it: loadScenario, then
 * runScenario with a MemorySink (or, with actors placed in Web Workers,
 * runScenarioHosted), then the trace decoded into the story the views draw.
 * Pure of the browser (the workers come from the caller), so tests can call
 * it in Node too.
 */
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario, runScenarioHosted } from '../sim/scenario/run.ts';
import type { WorkerActorHost } from '../sim/workers/actor-host.ts';
import { parseScenarioText } from '../sim/scenario/source.ts';
import { MemorySink } from '../sim/trace/sink.ts';
import { readTrace } from '../sim/trace/reader.ts';
import { linkUtilisation } from '../sim/trace/utilisation.ts';
import { flowLimiters } from '../sim/trace/limiters.ts';
import { bottleneckStory } from '../reports/explain.ts';
import { packLimiters } from './limiter-data.ts';
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
  /** run the actors in this many Web Workers (default: the scenario's `workers:`; 0: in the simulation's worker) */
  workers?: number;
}

/** How the page says which way the steps went (sim/workers/step-channel.ts). */
const STEP_PATHS = { atomics: 'through shared memory', messages: 'by message (the page is not cross-origin isolated)' } as const;

/** Workers for placed actors: a fresh host over `count` of them for each run. */
export type ActorWorkers = (count: number) => { host(): WorkerActorHost };

export async function runForView(req: RunRequest, workers?: ActorWorkers): Promise<RunReply> {
  try {
    const doc = parseScenarioText(req.file, req.text).doc;
    const plan = failNowPlan(doc, req.failAt);
    const sets = req.failAt !== undefined && plan.setting ? [plan.setting] : [];
    const scn = loadScenario(req.file, req.text, { variant: req.variant || undefined, sets });
    const sink = new MemorySink();
    const count = req.workers ?? scn.workers;
    if (count > 0 && workers === undefined) throw new Error(`this page cannot start workers for the actors (workers: ${count})`);
    const host = count > 0 ? workers!(count).host() : null;
    const result = host === null ? runScenario(scn, { sink }) : await runScenarioHosted(scn, host, { sink });
    const bytes = sink.bytes();
    const topology = topologyOf(scn, doc);
    const story = storyOf(readTrace(bytes), topology.placements);
    const util = linkUtilisation(readTrace(bytes));
    const loads: LinkLoad[] = util.links.map((l) => ({ name: l.name, bandwidth: l.bandwidth, series: util.series[l.id] ?? [] }));
    const linkNames: string[] = [];
    for (const l of util.links) linkNames[l.id] = l.name;
    // Once per run, here where the trace is: the page explains any click and instant from this.
    const lim = flowLimiters(readTrace(bytes), new Map(result.devices.map((d) => [d.name, d.kind])));
    const limits = packLimiters(lim), bottlenecks = bottleneckStory(lim);
    return { ok: true, view: { result, ...story, topology, loads, linkNames, limits, bottlenecks, variants: scn.variants, failNote: plan.note, failLabel: plan.label, canFail: plan.setting !== null, placement: host?.placement ?? [], placedIn: host === null ? 'actors in-process' : `${host.describe('Web Workers')}; steps ${STEP_PATHS[host.path]}` } };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
