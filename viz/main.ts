/**
 * The page: wires the worker's runs to the views. Every view draws the state
 * at the cursor (cursor.ts); nothing here keeps state of its own beyond the
 * run on show.
 */
import { wrap } from 'comlink';
import { drawChart } from './chart.ts';
import { renderCompare } from './compare-view.ts';
import { CursorStore } from './cursor.ts';
import { clock, parseClock } from './format.ts';
import { EventLog } from './log-view.ts';
import { renderNarration } from './narration-view.ts';
import { measureTimeline } from './perf.ts';
import { Player } from './player.ts';
import type { RunView } from './run-view.ts';
import { BUNDLED } from './scenarios.ts';
import { stateAt } from './state.ts';
import { Timeline } from './timeline.ts';
import { timelineOf } from './timeline-data.ts';
import { drawTopology } from './topology-view.ts';
import { presentAt } from './now.ts';
import { activityOf } from './timeline-data.ts';
import { explainerOf, type Explainer, type Selection } from './explanation.ts';
import { renderWhy } from './why-view.ts';
import { renderLegend, type Heat } from './heat.ts';
import { accruals, sharesAt, type Accrual } from './limited-share.ts';
import { seconds } from '../sim/foundation/time.ts';
import type { WorkerApi } from './worker.ts';
import { MAX_WORKERS } from '../sim/engine/remote.ts';

const $ = <T extends Element = HTMLElement>(id: string): T => document.getElementById(id) as unknown as T;
const api = wrap<WorkerApi>(new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }));

const ui = {
  scenario: $<HTMLSelectElement>('scenario'), variant: $<HTMLSelectElement>('variant'), file: $<HTMLInputElement>('file'),
  compare: $<HTMLButtonElement>('compare'), seed: $('seed'), hash: $('hash'), placement: $('placement'), error: $('error'), busy: $('busy'),
  play: $<HTMLButtonElement>('play'), speed: $<HTMLSelectElement>('speed'), jump: $<HTMLInputElement>('jump'), time: $('time'),
  failNote: $('failnote'), failNow: $<HTMLButtonElement>('failnow'), undo: $<HTMLButtonElement>('undo'), topology: $<SVGSVGElement>('topology'), chart: $<SVGSVGElement>('chart'), narration: $('narration'),
  compareView: $('compare-view'), compareBody: $('compare-body'),
  why: $('why'), colourBy: $<HTMLSelectElement>('colour-by'), legend: $('limit-legend'),
};

const params = new URLSearchParams(location.search);
/** ?workers=N runs the actors in N Web Workers (0: in the simulation's worker); unset, the scenario's `workers:` decides. */
const placedIn = params.has('workers') ? Math.max(0, Math.min(MAX_WORKERS, Math.floor(Number(params.get('workers'))) || 0)) : undefined;
let source = { file: BUNDLED[0]?.file ?? '', text: BUNDLED[0]?.text ?? '' };
let view: RunView | null = null;
let runs = 0;
/** The run's limiters, unpacked once per run; what the "why" panel explains; the bytes limited by instant, made on first use. */
let explainer: Explainer | null = null;
let selected: Selection | null = null;
let accrued: Accrual[] | null = null;
/** each resource's share of the bytes it limited over the run (the bottleneck story's roots) */
let runShares: Heat | null = null;
let moveChartCursor: (t: number) => void = () => {};
/** the fault's time of the run on show, if "fail now" moved it (kept in the address, undone by "undo") */
let failedAt: number | undefined;
/** servers whose folded partitions are shown one by one */
const expanded = new Set<string>();
const cursor = new CursorStore();
const player = new Player(cursor, () => view?.result.endTime ?? 0);
const timeline = new Timeline($<HTMLCanvasElement>('timeline'), (t) => cursor.toTime(t), (lane, flow) => select(flow >= 0 ? { kind: 'flow', flow } : { kind: 'lane', lane }));

/** Select something to explain; the panel and the topology redraw at the cursor. */
function select(sel: Selection): void {
  selected = sel;
  draw(cursor.value.k, cursor.value.t);
  ui.why.scrollIntoView({ block: 'nearest' });
}

/** The topology's heat at t seconds: bytes limited over the run or up to t, by the resource to widen; null: colour by load. */
function heatAt(t: number): Heat | null {
  if (!view || ui.colourBy.value === 'load') return null;
  if (ui.colourBy.value === 'run') return runShares;
  accrued ??= accruals(explainer!.lim);
  return sharesAt(accrued, seconds(t));
}
const log = new EventLog($('log'), (k) => cursor.toIndex(k));

function draw(k: number, t: number): void {
  if (!view) return;
  const state = stateAt(view.events, view.topology, k);
  const now = presentAt(explainer!.lim, view.linkNames, view.spans, view.lanes, t);
  ui.time.textContent = `t = ${clock(t)}`;
  renderNarration(ui.narration, view.events, state, t, now, view.result);
  log.setCursor(k);
  const heat = heatAt(t);
  const resources = [...new Set([...view.bottlenecks.roots.map((r) => r.root), ...view.bottlenecks.resources.flatMap((r) => (r.limiter.link === null ? [] : [r.limiter.link]))])].sort();
  const link = selected?.kind === 'link' ? selected.link : null;
  drawTopology(ui.topology, view.topology, view.loads, state, t, {
    resources, heat, selected: link, onPick: (l) => select({ kind: 'link', link: l }),
    path: now.path, limits: runShares!, expanded, redraw: () => draw(cursor.value.k, cursor.value.t), width: topoWidth,
  });
  renderLegend(ui.legend, heat, ui.colourBy.value === 'run' ? 'over the run' : `by ${clock(t)}`, (l) => select({ kind: 'link', link: l }));
  renderWhy(ui.why, explainer, selected, t);
  timeline.setCursor(t);
  moveChartCursor(t);
}

/** Redraws what is sized to the page when its width changes: the topology and the chart (the timeline watches its own box). */
function onWidth(el: Element, redraw: (width: number) => void): void {
  let width = -1;
  new ResizeObserver(([e]) => {
    if (e.contentRect.width === width) return;
    width = e.contentRect.width;
    if (view) redraw(width);
  }).observe(el);
}
/** the topology's width, as its observer last saw it */
let topoWidth = 0;
onWidth(ui.topology, (w) => { topoWidth = w; draw(cursor.value.k, cursor.value.t); });
onWidth(ui.chart, () => { moveChartCursor = drawChart(ui.chart, view!.result, 220, { legend: $<HTMLElement>('chart-legend') }); moveChartCursor(cursor.value.t); });

cursor.subscribe(({ k, t }) => {
  if (!view) return;
  if (!player.playing) keepInUrl(t);
  draw(k, t);
});
ui.colourBy.addEventListener('change', () => draw(cursor.value.k, cursor.value.t));
player.listen((playing) => {
  ui.play.textContent = playing ? '❚❚ pause' : '▶ play';
  if (!playing) keepInUrl(cursor.value.t);
});

/** The address carries scenario, variant, a moved fault and cursor time, so a moment can be shared (bundled scenarios only). */
function writeUrl(t: number): void {
  const bundled = BUNDLED.find((b) => b.file === source.file && b.text === source.text);
  const q = bundled ? new URLSearchParams({ scenario: bundled.id, ...(ui.variant.value ? { variant: ui.variant.value } : {}), ...(placedIn !== undefined ? { workers: String(placedIn) } : {}), ...(failedAt !== undefined ? { failAt: String(failedAt) } : {}), ...(params.has('debug') ? { debug: '' } : {}), t: String(t) }) : null;
  history.replaceState(null, '', q ? `?${q}` : location.pathname);
}
let urlTimer: ReturnType<typeof setTimeout> | undefined;
/** Chromium charges ~5 ms a replaceState (and throttles bursts): held keys write the address once, when they pause. */
function keepInUrl(t: number): void {
  clearTimeout(urlTimer);
  urlTimer = setTimeout(() => writeUrl(t), 150);
}

function showError(message: string | null): void {
  ui.error.hidden = message === null;
  ui.error.textContent = message ?? '';
}

/** Runs the source in the worker and shows it; the cursor lands at t. */
async function load(variant: string, failAt?: number, t = 0): Promise<void> {
  player.pause();
  ui.busy.hidden = false;
  try {
    const reply = await api.run({ file: source.file, text: source.text, variant, failAt, workers: placedIn });
    if (!reply.ok) return showError(reply.error);
    showError(null);
    view = reply.view;
    explainer = explainerOf(view);
    runShares = new Map(view.bottlenecks.roots.map((r) => [r.root, r.share]));
    failedAt = failAt;
    selected = null;
    accrued = null;
    document.body.dataset.scenario = view.result.scenario;
    ui.seed.textContent = String(view.result.seed);
    ui.hash.textContent = `${view.result.traceHash.slice(0, 16)}…`;
    ui.hash.title = ui.hash.dataset.hash = view.result.traceHash;
    ui.placement.textContent = view.placedIn;
    ui.placement.dataset.placement = view.placement.join('/');
    ui.failNote.textContent = failAt === undefined ? `(${view.failNote})` : `(${view.failLabel.replace(/ now$/, '')}: now at ${clock(failAt)})`;
    ui.failNow.textContent = view.failLabel;
    ui.failNow.disabled = !view.canFail;
    ui.undo.hidden = failAt === undefined;
    fillVariants(view.variants, variant);
    ui.compare.hidden = view.variants.length === 0;
    ui.compareView.hidden = true;
    log.setEvents(view.events);
    timeline.setData(timelineOf(view.lanes, view.spans, view.events, view.result.endTime), activityOf(view.events, view.result.endTime));
    moveChartCursor = drawChart(ui.chart, view.result, 220, { legend: $<HTMLElement>('chart-legend') });
    cursor.reset(view.events, t);
  } finally {
    ui.busy.hidden = true;
    // Tests wait on this: one more run has been shown (or refused).
    document.body.dataset.runs = String(++runs);
  }
}

function fillVariants(variants: string[], chosen: string): void {
  ui.variant.replaceChildren(new Option('(as written)', ''), ...variants.map((v) => new Option(v, v)));
  ui.variant.value = chosen;
  ui.variant.disabled = variants.length === 0;
}

async function compareVariants(): Promise<void> {
  if (!view) return;
  ui.busy.hidden = false;
  const runs = [];
  for (const variant of view.variants) {
    const reply = await api.run({ file: source.file, text: source.text, variant, workers: placedIn });
    if (!reply.ok) { ui.busy.hidden = true; return showError(reply.error); }
    runs.push({ variant, result: reply.view.result });
  }
  ui.compareView.hidden = false;
  renderCompare(ui.compareBody, runs);
  ui.busy.hidden = true;
  ui.compareView.scrollIntoView({ block: 'start' });
}

ui.scenario.append(...BUNDLED.map((b) => new Option(b.id, b.id)));
ui.scenario.addEventListener('change', () => {
  const b = BUNDLED.find((x) => x.id === ui.scenario.value)!;
  source = { file: b.file, text: b.text };
  void load('');
});
ui.variant.addEventListener('change', () => void load(ui.variant.value));
async function openFile(f: File | undefined): Promise<void> {
  if (!f) return;
  source = { file: f.name, text: await f.text() };
  await load('');
}
ui.file.addEventListener('change', () => { void openFile(ui.file.files?.[0]); ui.file.value = ''; });
document.addEventListener('dragover', (ev) => ev.preventDefault());
document.addEventListener('drop', (ev) => { ev.preventDefault(); void openFile(ev.dataTransfer?.files[0]); });
ui.compare.addEventListener('click', () => void compareVariants());
$('first').addEventListener('click', () => cursor.toIndex(-1));
$('last').addEventListener('click', () => cursor.toTime(view?.result.endTime ?? 0));
$('back').addEventListener('click', () => cursor.step(-1));
$('fwd').addEventListener('click', () => cursor.step(1));
ui.play.addEventListener('click', () => player.toggle());
ui.speed.addEventListener('change', () => { player.speed = Number(ui.speed.value); });
ui.jump.addEventListener('change', () => {
  const t = parseClock(ui.jump.value);
  if (Number.isFinite(t)) cursor.toTime(t);
});
ui.failNow.addEventListener('click', () => {
  const t = cursor.value.t;
  void load(ui.variant.value, t, t);
});
// Undo: the scenario as written, the cursor where it is.
ui.undo.addEventListener('click', () => void load(ui.variant.value, undefined, cursor.value.t));
/** Shift+arrow: to the previous or next protocol step (a labelled step), skipping the marks and transfers between. */
function toStep(dir: 1 | -1): void {
  const events = view?.events ?? [];
  for (let k = cursor.value.k + dir; k >= 0 && k < events.length; k += dir) if (events[k].kind === 'step') return cursor.toIndex(k);
}

document.addEventListener('keydown', (ev) => {
  if (ev.target instanceof HTMLInputElement || ev.target instanceof HTMLSelectElement) return;
  const keys: Record<string, () => void> = {
    ' ': () => player.toggle(),
    ArrowLeft: () => (ev.shiftKey ? toStep(-1) : cursor.step(-1)), ArrowRight: () => (ev.shiftKey ? toStep(1) : cursor.step(1)),
    Home: () => cursor.toIndex(-1), End: () => cursor.toTime(view?.result.endTime ?? 0),
  };
  const act = keys[ev.key];
  if (!act) return;
  ev.preventDefault();
  act();
});

// The frame-time probe is for developers: ?debug shows it.
$('perf').hidden = !params.has('debug');
const perfTimeline = new Timeline($<HTMLCanvasElement>('perf-canvas'), () => {});
$('perf-run').addEventListener('click', async () => {
  $('perf-box').hidden = false;
  $('perf-out').textContent = 'measuring…';
  const f = await measureTimeline(perfTimeline);
  $('perf-out').textContent = `${f.events.toLocaleString('en')} events: draw ${f.drawMeanMs.toFixed(2)} ms mean, ${f.drawP95Ms.toFixed(2)} ms p95, ${f.drawMaxMs.toFixed(2)} ms max; ${f.frameMeanMs.toFixed(1)} ms between frames`;
});

const start = BUNDLED.find((b) => b.id === params.get('scenario')) ?? BUNDLED.find((b) => b.id === 'vmdr-student') ?? BUNDLED[0];
if (start) {
  ui.scenario.value = start.id;
  source = { file: start.file, text: start.text };
  const failAt = params.has('failAt') ? Number(params.get('failAt')) : NaN;
  void load(params.get('variant') ?? '', Number.isFinite(failAt) ? failAt : undefined, Number(params.get('t') ?? 0) || 0);
}
