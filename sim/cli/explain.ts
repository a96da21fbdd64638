/** `backlab explain FILE`: why the run is as fast as it is, in sentences (or --json), from its trace. */
import { parseDuration, UnitError } from '../foundation/units.ts';
import { TICKS_PER_SECOND } from '../foundation/time.ts';
import type { RunResult } from '../foundation/result.ts';
import { runScenario } from '../scenario/run.ts';
import { flowLimiters, type Limiters } from '../trace/limiters.ts';
import { readTrace } from '../trace/reader.ts';
import { MemorySink } from '../trace/sink.ts';
import { bottleneckStory, spansOf, type Story } from '../../reports/explain.ts';
import { selectFlows, type Selector } from '../../reports/explain-select.ts';
import { clock, instantText, selectionText, storyText } from '../../reports/explain-text.ts';
import { LIMIT_FLAGS, LIMIT_HELP, maxEventsFlag, parseArgs, UsageError } from './args.ts';
import { loadScenarioFile, maxFileBytes, settingsOf } from './scenario-file.ts';

export const EXPLAIN_HELP = `usage: backlab explain FILE [--variant V] [--set path=value ...] [--until T] [--at T] [--flow NAME | --job NAME | --actor NAME] [--json]

Runs the scenario and says what limited its flows, from its trace: the link,
the per-flow cap, or the device law (a tape drive's speed matching) that held
each flow, when, and with how many sharers.

With no selector: which resources limited how many of the bytes moved, and
the dominant bottleneck stretch by stretch, with the instants it changes.

  --at T          an instant, "0:12:00" or "12 min": what holds the flows then
  --flow NAME     a flow, by its name in the scenario or its trace label
  --job NAME      a job, by its name in jobs.csv: the flows its actor moved
  --actor NAME    an actor, by name: the flows it moved
  --variant NAME  explain one of the scenario's variants
  --json          the same as JSON (times in seconds, sizes in bytes, rates in bytes/s)
${LIMIT_HELP}

exit codes: 0 ok, 2 bad input, 70 a bug (an internal error)`;

/** The most flows written out one by one in the text; --json lists them all. */
const SHOWN = 6;

export interface Explained {
  result: RunResult;
  lim: Limiters;
  actors: ReadonlyMap<number, string>;
}

/** Runs a loaded scenario with its trace kept and reads its limiters: what every explanation starts from. */
export function explainRun(scn: Parameters<typeof runScenario>[0], maxEvents?: number): Explained {
  const sink = new MemorySink();
  const result = runScenario(scn, { sink, maxEvents });
  const actors = new Map<number, string>();
  for (const r of readTrace(sink.bytes())) if (r.type === 'actor') actors.set(r.pid, r.name);
  const kinds = new Map(result.devices.map((d) => [d.name, d.kind]));
  return { result, lim: flowLimiters(readTrace(sink.bytes()), kinds), actors };
}

export function explainCommand(argv: string[]): number {
  const p = parseArgs(argv, {
    variant: { value: true }, set: { value: true, many: true }, until: { value: true }, at: { value: true },
    flow: { value: true }, job: { value: true }, actor: { value: true }, json: { value: false }, help: { value: false }, ...LIMIT_FLAGS,
  }, 'explain');
  if (p.flags.has('help')) { console.log(EXPLAIN_HELP); return 0; }
  if (p.positional.length !== 1) throw new UsageError(`explain: needs exactly one scenario FILE${p.positional.length > 1 ? ` (got ${p.positional.join(', ')})` : ''}. Try 'backlab explain --help'.`);
  const selectors = (['flow', 'job', 'actor'] as const).filter((k) => p.flags.has(k));
  if (selectors.length > 1) throw new UsageError(`explain: give one of --flow, --job, --actor (got ${selectors.map((k) => `--${k}`).join(' and ')})`);
  const atText = p.flags.get('at')?.[0];
  const at = atText === undefined ? undefined : parseAt(atText);
  const maxEvents = maxEventsFlag(p, 'explain');
  const scn = loadScenarioFile(p.positional[0], { variant: p.flags.get('variant')?.[0], sets: settingsOf(p, 'explain'), maxBytes: maxFileBytes(p, 'explain') });
  const run = explainRun(scn, maxEvents);
  if (at !== undefined && at > run.lim.end) throw new UsageError(`explain: --at ${atText} is after the run's last event at ${clock(run.lim.end)}`);
  const sel: Selector | undefined = selectors.length === 0 ? undefined : { by: selectors[0], name: p.flags.get(selectors[0])![0] };
  const out = explain(run, sel, at);
  console.log(p.flags.has('json') ? JSON.stringify(out.json, null, 2) : out.text.join('\n'));
  return 0;
}

/** "0:12:00", "12:00" (m:ss) or a duration ("12 min"): ticks from the run's start. */
export function parseAt(text: string): number {
  const hms = /^(\d+):(\d{1,2})(?::(\d{1,2}(?:\.\d+)?))?$/.exec(text.trim());
  if (hms !== null) {
    const [a, b, c] = [Number(hms[1]), Number(hms[2]), hms[3] === undefined ? undefined : Number(hms[3])];
    const s = c === undefined ? a * 60 + b : a * 3600 + b * 60 + c;
    if (b < 60 && (c === undefined || c < 60)) return Math.round(s * TICKS_PER_SECOND);
  } else {
    try { return parseDuration(text); } catch (e) { if (!(e instanceof UnitError)) throw e; }
  }
  throw new UsageError(`explain: --at needs a time from the run's start like 0:12:00 or "12 min", got '${text}'`);
}

/** The explanation as lines of text and as JSON; throws UsageError for a name that matches nothing. */
export function explain(run: Explained, sel?: Selector, at?: number): { text: string[]; json: unknown } {
  const { result, lim, actors } = run;
  const title = `${result.scenario}${result.variant ? ` [${result.variant}]` : ''}`;
  const s = (t: number): number => t / TICKS_PER_SECOND;
  if (sel === undefined) {
    const all = [...lim.flows.keys()];
    const story = bottleneckStory(lim);
    const text = [title, '', ...storyText(story, lim.end), ...(at === undefined ? [] : ['', ...instantText(lim, all, at)])];
    return { text, json: { scenario: result.scenario, variant: result.variant, end: s(lim.end), ...storyJson(story, s) } };
  }
  const picked = selectFlows(lim, sel, actors, result.jobs);
  if (!picked.found) {
    const few = picked.valid.slice(0, 8).map((n) => `'${n}'`).join(', ');
    throw new UsageError(`explain: no ${sel.by} named '${sel.name}'${picked.valid.length > 0 ? `; there are ${few}${picked.valid.length > 8 ? ` and ${picked.valid.length - 8} more` : ''}` : `; this run has no ${sel.by}s`}`);
  }
  const flows = picked.flows;
  const what = `${sel.by} ${sel.name}`;
  const text = [`${title}: ${what}`, ''];
  text.push(...selectionText(lim, flows, what, at, SHOWN, (n) => `... and ${n} more flows (--json lists them all).`));
  const story = bottleneckStory(lim, flows);
  const json = {
    scenario: result.scenario, variant: result.variant, selector: sel, at: at === undefined ? null : s(at), end: s(lim.end),
    moved: story.moved, resources: story.resources, roots: story.roots,
    flows: flows.map((id) => {
      const f = lim.flows.get(id)!;
      return {
        flow: id, label: f.label, actor: actors.get(f.owner) ?? null, bytes: f.bytes, delivered: f.delivered, status: f.status,
        start: s(f.start), end: f.end < 0 ? null : s(f.end),
        spans: spansOf(lim, id).map((x) => ({ t0: s(x.t0), t1: s(x.t1), limiter: x.limiter, bytes: x.bytes, rate: x.rate, sharers: x.sharers })),
      };
    }),
  };
  return { text, json };
}

function storyJson(story: Story, s: (t: number) => number): object {
  return {
    moved: story.moved,
    resources: story.resources,
    roots: story.roots,
    timeline: story.timeline.map((t) => ({ t0: s(t.t0), t1: s(t.t1), key: t.key, limiter: t.limiter, bytes: t.bytes, moved: t.moved })),
  };
}
