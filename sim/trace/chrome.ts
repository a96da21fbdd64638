/**
 * A trace as Chrome Trace Event JSON, the format Perfetto UI and
 * chrome://tracing open. Perfetto reads JSON on a best-effort basis and
 * mis-draws overlapping slices on one track, so the layout is chosen to keep
 * every track well formed:
 *
 * - pid 1 "actors": one thread per actor; each step is a complete slice from
 *   the step to the actor's next step (or its end), so slices on a thread
 *   follow one another and never overlap. Marks, interrupts and abnormal ends
 *   are instants on the actor's thread (a kernel mark on thread 0).
 * - pid 2 "network": each flow is an async slice with its own id (id2.local),
 *   on the thread of the actor that started it; concurrent flows of one
 *   owner would overlap as thread slices, async ids keep them apart.
 * - pid 3 "links": a counter per link, its load in bytes/s, rebuilt from the
 *   flow records the same way utilisation.ts does.
 *
 * Ticks are nanoseconds and `ts` is in microseconds: ts = t / 1000, and every
 * `dur` is an integer tick difference divided by 1000, so a slice's end and
 * the next slice's start print as the same decimal.
 */
import type { TraceRecord } from './reader.ts';
import { linkUtilisation } from './utilisation.ts';

export interface ChromeTrace {
  traceEvents: object[];
  displayTimeUnit: 'ns';
  otherData: object;
}

export const ACTORS_PID = 1;
export const NETWORK_PID = 2;
export const LINKS_PID = 3;

const us = (ticks: number): number => ticks / 1000;

interface OpenSlice {
  t: number;
  name: string;
  args: Record<string, unknown>;
}

interface OpenFlow {
  id: string;
  name: string;
  tid: number;
}

/** Fields worth showing for a step; empty ones are left out to keep the file small. */
function stepArgs(r: Extract<TraceRecord, { type: 'step' }>): Record<string, unknown> {
  const a: Record<string, unknown> = { op: r.op };
  if (r.label) a.label = r.label;
  if (r.ref) a.ref = r.ref;
  if (r.data !== undefined) a.data = r.data;
  return a;
}

/** Records pass through unchanged while `visit` sees each one: one pass feeds two consumers. */
function* tap<T>(items: Iterable<T>, visit: (item: T) => void): Generator<T> {
  for (const x of items) {
    visit(x);
    yield x;
  }
}

export function toChromeTrace(records: Iterable<TraceRecord>): ChromeTrace {
  const events: object[] = [
    { ph: 'M', name: 'process_name', pid: ACTORS_PID, tid: 0, ts: 0, args: { name: 'actors' } },
    { ph: 'M', name: 'process_name', pid: NETWORK_PID, tid: 0, ts: 0, args: { name: 'network' } },
    { ph: 'M', name: 'process_name', pid: LINKS_PID, tid: 0, ts: 0, args: { name: 'links' } },
    ...[ACTORS_PID, NETWORK_PID, LINKS_PID].map((pid) => ({ ph: 'M', name: 'process_sort_index', pid, tid: 0, ts: 0, args: { sort_index: pid } })),
  ];
  const actorNames = new Map<number, string>();
  const namedThreads = new Set<string>();
  const linkNames: string[] = [];
  const open = new Map<number, OpenSlice>();
  const flows = new Map<number, OpenFlow>();
  const meta: unknown[] = [];
  let asyncIds = 0;
  let last = 0;

  const nameThread = (pid: number, tid: number): void => {
    const key = `${pid}/${tid}`;
    if (namedThreads.has(key)) return;
    namedThreads.add(key);
    const name = tid === 0 ? (pid === NETWORK_PID ? 'no owner' : 'kernel') : actorNames.get(tid) ?? `actor ${tid}`;
    events.push({ ph: 'M', name: 'thread_name', pid, tid, ts: 0, args: { name } });
    events.push({ ph: 'M', name: 'thread_sort_index', pid, tid, ts: 0, args: { sort_index: tid } });
  };
  const close = (pid: number, t: number): void => {
    const s = open.get(pid);
    if (s === undefined) return;
    open.delete(pid);
    events.push({ ph: 'X', cat: 'step', name: s.name, pid: ACTORS_PID, tid: pid, ts: us(s.t), dur: us(t - s.t), args: s.args });
  };
  const instant = (pid: number, tid: number, t: number, name: string, cat: string, args?: unknown): void => {
    nameThread(pid, tid);
    events.push({ ph: 'i', s: 't', cat, name, pid, tid, ts: us(t), ...(args === undefined ? {} : { args }) });
  };
  const endFlow = (flow: number, t: number, args: Record<string, unknown>): void => {
    const f = flows.get(flow);
    if (f === undefined) return;
    flows.delete(flow);
    events.push({ ph: 'e', cat: 'flow', name: f.name, pid: NETWORK_PID, tid: f.tid, ts: us(t), id2: { local: f.id }, args });
  };

  const visit = (r: TraceRecord): void => {
    last = r.t;
    switch (r.type) {
      case 'meta': meta.push(r.data); break;
      case 'actor':
        actorNames.set(r.pid, r.name);
        nameThread(ACTORS_PID, r.pid);
        break;
      case 'step':
        close(r.pid, r.t);
        open.set(r.pid, { t: r.t, name: r.label || r.op, args: stepArgs(r) });
        break;
      case 'end':
        close(r.pid, r.t);
        if (r.status !== 'returned') instant(ACTORS_PID, r.pid, r.t, r.status, 'end', { reason: r.reason });
        break;
      case 'interrupt': instant(ACTORS_PID, r.pid, r.t, `interrupt: ${r.cause}`, 'interrupt', { cause: r.cause }); break;
      case 'mark': instant(ACTORS_PID, r.pid, r.t, r.label, 'mark', r.data === undefined ? undefined : { data: r.data }); break;
      case 'link': linkNames[r.link] = r.name; break;
      case 'link-state':
        events.push({ ph: 'i', s: 'p', cat: 'link', name: `${linkNames[r.link] ?? `link ${r.link}`} ${r.up ? 'up' : 'down'}`, pid: LINKS_PID, tid: 0, ts: us(r.t), args: { bandwidth: r.bandwidth } });
        break;
      case 'flow-start': {
        endFlow(r.flow, r.t, { status: 'replaced' });
        nameThread(NETWORK_PID, r.owner);
        const f: OpenFlow = { id: `0x${(++asyncIds).toString(16)}`, name: r.label || `flow ${r.flow}`, tid: r.owner };
        flows.set(r.flow, f);
        const route = r.route.map((l) => linkNames[l] ?? `link ${l}`);
        events.push({
          ph: 'b', cat: 'flow', name: f.name, pid: NETWORK_PID, tid: f.tid, ts: us(r.t), id2: { local: f.id },
          args: { flow: r.flow, route: route.join(' > '), bytes: r.bytes, ...(Number.isFinite(r.cap) ? { cap: r.cap } : {}) },
        });
        break;
      }
      case 'flow-end': endFlow(r.flow, r.t, { status: r.status, delivered: r.delivered }); break;
      default: break;
    }
  };

  const load = linkUtilisation(tap(records, visit));
  for (const pid of [...open.keys()]) close(pid, last);
  for (const flow of [...flows.keys()]) endFlow(flow, last, { status: 'running' });
  for (const l of load.links) {
    if (l === undefined) continue;
    for (const p of load.series[l.id]) events.push({ ph: 'C', cat: 'link', name: l.name, pid: LINKS_PID, tid: 0, ts: us(p.t), args: { 'B/s': p.load } });
  }
  return { traceEvents: events, displayTimeUnit: 'ns', otherData: { producer: 'backlab', meta } };
}
