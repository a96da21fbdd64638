/**
 * Runs a scenario: builds the network, one actor per flow, the faults, and
 * gathers what a report needs. The kernel runs in slices between sampling
 * boundaries, which lets the caller show progress; slicing changes nothing
 * about the run itself (events at a boundary run in the next slice, in the
 * same order).
 */
import type { Scenario } from '../foundation/scenario.ts';
import { Kernel, type RunStop } from '../engine/kernel.ts';
import type { ActorHost } from '../engine/remote.ts';
import { clockFor, onGrid } from '../foundation/time.ts';
import type { TraceSink } from '../trace/sink.ts';
import { evaluateCheck } from './checks.ts';
import { RUN_METRICS } from './metrics.ts';
import { Ledger } from '../engine/ledger.ts';
import type { DeviceRow, FlowRow, JobRow, LinkRow, RunResult } from '../foundation/result.ts';
import { FAMILIES } from '../registry.ts';
import type { DeviceReport, FamilyRuntime } from '../model/family.ts';
import { LinkSampler } from './sampler.ts';
import { LimitTimeline } from './limit-timeline.ts';
import { JobBook } from './job-book.ts';
import { windowsMissed, windowVerdict } from './windows.ts';
import { FlowBook } from './flow-book.ts';
import { deviceTable } from './device-table.ts';
import { countSchedule, countScheduleAsync, randomSchedule } from './random-faults.ts';
import { DEFAULT_MAX_EVENTS, EventCeilingError } from './event-ceiling.ts';
import { protocolNamed } from '../registry.ts';
import type { ProtocolRun } from '../protocols/protocol.ts';

import { workloadFlow, workloadJob, type FlowOutcome, type JobOutcome } from '../protocols/common/workload.ts';
import { faultMark } from '../foundation/story.ts';
import { withRunSeed } from './reseed.ts';

export interface RunOptions {
  /** overrides the scenario's seed */
  seed?: number;
  sink?: TraceSink;
  /** backlab's version, for the result */
  version?: string;
  /** called between slices: virtual time now and the scenario's until (ticks), events so far */
  onProgress?: (now: number, until: number | null, events: number) => void;
  /** called once the clock has stopped, before the trace is closed: for invariant checks (sim/fuzz) */
  inspect?: (end: { kernel: Kernel; audit: () => string[] }) => void;
  /** the most events the run may take (default DEFAULT_MAX_EVENTS); past it the run throws EventCeilingError */
  maxEvents?: number;
  /** a hosted run awaits this after every slice and every CHUNK events, so its host's event loop can answer (Ctrl-C) during a long run */
  pause?: () => Promise<void>;
}

/** Events between two pauses of a hosted run: well under a second of work. */
const CHUNK = 50_000;

/** Runs the scenario with every actor in-process. */
export function runScenario(scn: Scenario, opts: RunOptions = {}): RunResult {
  const run = prepare(scn, opts, null);
  while (!run.sliceEnded(run.kernel.run({ until: run.sliceEnd(), maxEvents: run.eventsLeft() })));
  return run.finish();
}

/**
 * Runs the scenario with the actors `host` adopts placed there (worker
 * threads, Web Workers: sim/workers/). The result, trace and hash are the
 * ones runScenario gives.
 */
export async function runScenarioHosted(scn: Scenario, host: ActorHost, opts: RunOptions = {}): Promise<RunResult> {
  // Counted ahead with pauses: a schedule near the event ceiling takes seconds to count, and Ctrl-C must not wait.
  const seed = opts.seed ?? scn.seed, maxEvents = opts.maxEvents ?? DEFAULT_MAX_EVENTS;
  const counts: number[] = [];
  for (const f of scn.faults) if (f.kind === 'random') counts.push(opts.pause ? await countScheduleAsync(f, seed, maxEvents, opts.pause, CHUNK) : countSchedule(f, seed, maxEvents));
  const run = prepare(scn, opts, host, counts);
  for (;;) {
    const r = await run.kernel.runAsync({ until: run.sliceEnd(), maxEvents: Math.min(CHUNK, run.eventsLeft()) });
    await opts.pause?.();
    if (r.reason === 'max-events' && run.eventsLeft() > 0) continue; // a chunk, not the slice, ended
    if (run.sliceEnded(r)) break;
  }
  return run.finish();
}

interface PreparedRun {
  kernel: Kernel;
  /** where the next slice stops */
  sliceEnd(): number;
  /** how many more events the run may take */
  eventsLeft(): number;
  /** samples after a slice; true when the run is over */
  sliceEnded(r: RunStop): boolean;
  finish(): RunResult;
}

/** `counts`: each random fault's schedule length, when counted already (runScenarioHosted). */
function prepare(given: Scenario, opts: RunOptions, host: ActorHost | null, counts?: readonly number[]): PreparedRun {
  const seed = opts.seed ?? given.seed;
  const scn = withRunSeed(given, seed);
  const kernel = new Kernel({ seed, sink: opts.sink, host: host ?? undefined, clock: clockFor(scn.until) });
  kernel.net.useModel(scn.network);
  for (const l of scn.links) kernel.net.addLink(l.name, l);
  const devices = new Map<number, string>();
  const runtimes: FamilyRuntime[] = [];
  const ledger = new Ledger(() => kernel.now);
  for (const f of FAMILIES) {
    const rt = f.build(scn.models.get(f.key), {
      kernel,
      ledger,
      device(name, kind, spec) {
        const id = kernel.net.addLink(name, spec);
        devices.set(id, kind);
        return id;
      },
    });
    if (rt) runtimes.push(rt);
  }
  const protocol = scn.protocol === null ? null : protocolNamed(scn.protocol.name)!;
  const limits = new LimitTimeline(() => kernel.net.limitTotals(), kernel.net, devices);
  const book = new JobBook(kernel, Object.keys(protocol?.metrics ?? {}), (now) => limits.checkpoint(now, true));
  const flowBook = new FlowBook(kernel);
  for (const j of scn.jobs) {
    const closes = j.window?.onMiss === 'cancel' ? { closes: j.window.end } : {};
    kernel.spawn(j.name, workloadJob, { name: j.name, start: j.start, steps: j.steps, ...closes, ...(j.retry === undefined ? {} : { retry: j.retry }) });
  }
  for (const f of scn.flows) kernel.spawn(f.name, workloadFlow, { name: f.name, start: f.start, route: f.route, bytes: f.bytes, cap: f.cap });
  const protocolRun: ProtocolRun | null = protocol === null ? null : protocol.build(scn.protocol!.def, { kernel, scenario: scn, devices });
  const maxEvents = opts.maxEvents ?? DEFAULT_MAX_EVENTS;
  scheduleFaults(kernel, scn, seed, runtimes, maxEvents, counts);

  const interval = onGrid(scn.interval ?? Math.max(1, scn.until !== null ? Math.ceil(scn.until / 500) : 1e9), kernel.clock.grid);
  const sampler = new LinkSampler(kernel.net, interval, devices);
  const end = Math.min(scn.until === null ? Infinity : onGrid(scn.until, kernel.clock.grid), kernel.clock.horizon);
  let reason = '';
  return {
    kernel,
    sliceEnd: () => Math.min(sampler.next, end),
    eventsLeft: () => maxEvents - kernel.events,
    sliceEnded(r) {
      if (r.reason === 'max-events') throw new EventCeilingError(maxEvents, kernel.now);
      const t = r.reason === 'idle' ? kernel.lastEvent : kernel.now;
      sampler.sample(t);
      limits.checkpoint(t, false);
      opts.onProgress?.(kernel.now, scn.until, kernel.events);
      if (r.reason === 'idle') reason = 'idle';
      else if (r.now >= end) reason = 'until';
      return reason !== '';
    },
    finish() {
      opts.inspect?.({ kernel, audit: () => runtimes.flatMap((r) => r.audit?.() ?? []) });
      const reports = runtimes.flatMap((r) => r.report?.(reason === 'idle' ? kernel.lastEvent : kernel.now) ?? []);
      const trace = kernel.finish();
      return collect(scn, kernel, { book, flowBook, run: protocolRun }, { devices, reports, ledger }, { sampler, limits }, { seed, reason, traceHash: trace.hash, traceBytes: trace.bytes, version: opts.version ?? '' });
    },
  };
}

/** Link state follows both the link's own faults and its two ends: a link is up when it is not failed and both ends are. */
function scheduleFaults(kernel: Kernel, scn: Scenario, seed: number, runtimes: FamilyRuntime[], maxEvents: number, counts?: readonly number[]): void {
  const net = kernel.net;
  const linkDown = new Set<string>();
  const nodeDown = new Set<string>();
  const refresh = (): void => {
    for (const l of scn.links) {
      const up = !linkDown.has(l.name) && !(l.between ?? []).some((n) => nodeDown.has(n));
      net.setLinkUp(net.linkId(l.name), up);
    }
  };
  const node = (n: string, down: boolean): void => {
    if (down) nodeDown.add(n); else nodeDown.delete(n);
    for (const r of runtimes) r.nodeDown?.(n, down);
  };
  const apply = (kind: string, target: string): void => {
    if (kind === 'link-down') linkDown.add(target);
    else if (kind === 'link-up') linkDown.delete(target);
    else if (kind === 'host-fails') node(target, true);
    else if (kind === 'host-recovers') node(target, false);
    else if (kind === 'site-fails') {
      for (const [n, site] of [...scn.hosts, ...scn.switches]) if (site === target) node(n, true);
      for (const r of runtimes) r.siteFails?.(target);
    }
    refresh();
  };
  // The fault's mark comes first, with its kind and target as data (the visualizer reads those, not the label).
  const marked = (m: { label: string; data: unknown }, fn: () => void) => () => { kernel.trace.mark(kernel.now, 0, m.label, m.data); fn(); };
  const fire = (t: number, m: { label: string; data: unknown }, fn: () => void) => kernel.at(t, marked(m, fn));
  const effect = (kind: string, target: string) => marked(faultMark(kind, target), () => apply(kind, target));
  const at = (t: number, kind: string, target: string) => kernel.at(t, effect(kind, target));
  let random = 0;
  for (const f of scn.faults) {
    if (f.kind === 'device-fails') {
      fire(f.at, faultMark('device-fails', f.target), () => void runtimes.some((r) => r.failDevice?.(f.target)));
      continue;
    }
    if (f.kind === 'migrate') {
      fire(f.at, faultMark('migrate', f.target, f.to), () => void runtimes.some((r) => r.migrate?.(f.target, f.to)));
      continue;
    }
    if (f.kind !== 'random') { at(f.at, f.kind, f.target); continue; }
    const count = counts?.[random++] ?? countSchedule(f, seed, maxEvents);
    if (count > maxEvents) throw new EventCeilingError(maxEvents, null, f.index);
    const events = randomSchedule(f, seed);
    kernel.series(count, () => {
      const e = events.next();
      return e.done || e.value.t > kernel.clock.horizon ? undefined : { t: e.value.t, fn: effect(e.value.kind, e.value.target) };
    });
  }
}

/** What an actor returned, or undefined while it runs. */
function outcomeOf<T>(kernel: Kernel, actor: string): T | undefined {
  return kernel.isDone(actor) ? (kernel.resultOf(actor) as T) : undefined;
}

function collect(
  scn: Scenario, kernel: Kernel, proto: { book: JobBook; flowBook: FlowBook; run: ProtocolRun | null },
  { devices, reports, ledger }: { devices: ReadonlyMap<number, string>; reports: readonly DeviceReport[]; ledger: Ledger }, { sampler, limits }: { sampler: LinkSampler; limits: LimitTimeline }, run: { seed: number; reason: string; traceHash: string; traceBytes: number; version: string },
): RunResult {
  const s = (t: number) => t / 1e9;
  const endTime = s(run.reason === 'idle' ? kernel.lastEvent : kernel.now);
  // The scenario's own flows: its metrics and its transfer jobs.
  const flows: FlowRow[] = scn.flows.map((f) => {
    const o = outcomeOf<FlowOutcome>(kernel, f.name);
    const result = o !== undefined && 'result' in o ? o.result : undefined;
    const failed = o !== undefined && 'error' in o ? o : undefined;
    const end = result ? s(result.end) : failed ? s(failed.failedAt) : null;
    const delivered = result?.bytes ?? failed?.delivered ?? 0;
    const status: FlowRow['status'] = result ? 'done' : failed ? 'failed' : 'running';
    return {
      name: f.name, actor: f.name, from: f.from, to: f.to, route: f.route, bytes: f.bytes, delivered, status,
      start: s(f.start), end, throughput: end !== null && end > s(f.start) ? delivered / (end - s(f.start)) : null,
      reason: failed?.error, label: `flow ${f.name}`,
    };
  });
  const jobs: JobRow[] = [
    ...scn.jobs.map((j): JobRow => {
      const o = outcomeOf<JobOutcome>(kernel, j.name);
      return {
        name: j.name, kind: j.kind, actor: j.name, status: o === undefined ? 'running' : o.error !== undefined ? 'failed' : 'completed',
        start: s(o?.start ?? j.start), end: o === undefined ? null : s(o.end), bytes: o?.bytes ?? 0, reason: o?.error,
        ...(o === undefined ? {} : { results: o.results }),
        ...(j.window === undefined ? {} : { window: windowVerdict(j.window.end, o, Math.round(endTime * 1e9)) }),
        ...(j.backup === undefined ? {} : { backup: j.backup }),
      };
    }),
    ...proto.book.rows(),
    ...flows.map((f): JobRow => ({
      name: f.name, kind: 'transfer', actor: f.actor, status: f.status === 'done' ? 'completed' : f.status === 'failed' ? 'failed' : 'running',
      start: f.start, end: f.end, bytes: f.delivered, reason: f.reason,
    })),
  ];
  const timeseries = sampler.timeseries();
  const net = kernel.net;
  const peaks = new Map(timeseries.series.map((s) => [s.name, s.rate.reduce((m, r) => (r / s.bandwidth > m ? r / s.bandwidth : m), 0)]));
  const peakOf = (name: string) => peaks.get(name) ?? 0;
  const meanOf = (id: number) => (endTime > 0 ? net.linkCarried(id) / (net.bandwidth[id] * endTime) : 0);
  const links: LinkRow[] = [];
  const deviceRows: DeviceRow[] = [];
  for (let id = 0; id < net.linkCount; id++) {
    const name = net.linkNames[id];
    const kind = devices.get(id);
    if (kind !== undefined) {
      deviceRows.push({ name, kind, bytes: net.linkCarried(id), busy: s(net.linkBusy(id)), meanUtilisation: meanOf(id) });
    } else {
      links.push({
        name, bandwidth: net.bandwidth[id], latency: net.latency[id] / 1e9, bytes: net.linkCarried(id), busy: s(net.linkBusy(id)),
        meanUtilisation: meanOf(id), peakUtilisation: peakOf(name),
      });
    }
  }
  const running = flows.filter((f) => f.status === 'running').length + jobs.filter((j) => j.status === 'running' && j.kind !== 'transfer').length;
  // A job that failed the moment it started (a backup on a site already dead) did no work: it does not set the makespan.
  const makespan = running > 0 ? endTime : Math.max(0, ...jobs.filter((j) => !(j.status === 'failed' && j.end === j.start)).map((j) => j.end ?? 0));
  const delivered = flows.reduce((a, f) => a + f.delivered, 0);
  const jobBytes = jobs.filter((j) => j.kind !== 'transfer').reduce((a, j) => a + j.bytes, 0);
  const metrics: Record<string, number> = {
    makespan, end_time: endTime,
    bytes_offered: flows.reduce((a, f) => a + f.bytes, 0),
    bytes_delivered: delivered,
    bytes_lost: net.lost,
    throughput: makespan > 0 ? (delivered + jobBytes) / makespan : 0,
    flows_done: flows.filter((f) => f.status === 'done').length,
    flows_failed: flows.filter((f) => f.status === 'failed').length,
    flows_running: flows.filter((f) => f.status === 'running').length,
    jobs_completed: jobs.filter((j) => j.status === 'completed' && j.kind !== 'transfer').length,
    jobs_failed: jobs.filter((j) => j.status === 'failed' && j.kind !== 'transfer').length,
    job_bytes: jobBytes,
    windows_missed: windowsMissed(jobs),
    events: kernel.events,
    ...Object.fromEntries(proto.book.tallies),
    ...proto.run?.metrics?.(jobs),
  };
  const units = { ...RUN_METRICS, ...(scn.protocol === null ? {} : protocolNamed(scn.protocol.name)!.metrics) };
  return {
    scenario: scn.name, file: scn.file, description: scn.description, variant: scn.variant, settings: scn.settings,
    seed: run.seed, backlab: run.version, traceHash: run.traceHash, traceBytes: run.traceBytes, events: kernel.events,
    endTime, stopReason: run.reason, metrics, units, findings: proto.run?.findings?.() ?? [],
    bottlenecks: limits.result(jobs, Math.round(endTime * 1e9)), protocol: scn.protocol?.name ?? null, flows: everyFlow(proto.flowBook.rows(jobs), flows), jobs, links, devices: deviceTable(deviceRows, reports),
    interval: sampler.interval / 1e9, report: scn.report, timeseries, checks: scn.checks.map((c) => evaluateCheck(c, metrics)),
    assumptions: scn.assumptions,
    ledger: ledger.readings().map((r) => ({ ...r, at: s(r.at) })), epoch: scn.epoch,
  };
}

/**
 * Every flow of the run, the scenario's own named as written (and listed, if
 * they never started). The flow book's rows are fresh, so they are named in
 * place: a copy of each was 100,000 objects of garbage at 100,000 flows.
 */
function everyFlow(started: FlowRow[], own: readonly FlowRow[]): FlowRow[] {
  const byName = new Map(own.map((f) => [f.name, f]));
  const listed = new Set<string>();
  for (const r of started) {
    const f = r.label === `flow ${r.actor}` ? byName.get(r.actor) : undefined;
    if (f === undefined) continue;
    listed.add(f.name);
    r.name = f.name;
    r.from = f.from;
    r.to = f.to;
  }
  for (const f of own) if (!listed.has(f.name)) started.push(f);
  return started;
}
