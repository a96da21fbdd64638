/**
 * The generic network scenario: links with bandwidth and latency, flows with
 * an explicit route, a size and a start time. No protocol: it is how the flow
 * model is checked against closed forms and other simulators.
 *
 * {
 *   "name": "parking lot", "seed": 1,
 *   "links": { "l1": { "bandwidth": "100 MB/s", "latency": "0 s", "flowCap": "20 MB/s" } },
 *   "flows": { "A": { "route": ["l1"], "bytes": "1 GB", "start": "0 s", "cap": "10 MB/s" } }
 * }
 */
import { Kernel } from '../engine/kernel.ts';
import { sleep, transfer, type TransferResult } from '../engine/commands.ts';
import type { TraceSink } from '../trace/sink.ts';
import type { TraceSummary } from '../trace/recorder.ts';
import { ScenarioError } from './errors.ts';
import { parseDuration, parseRate, parseSize, UnitError } from './units.ts';

export interface NetworkScenario {
  name: string;
  description: string;
  seed: number;
  links: { name: string; bandwidth: number; latency: number; flowCap?: number }[];
  flows: { name: string; route: string[]; bytes: number; start: number; cap?: number }[];
}

export interface FlowReport {
  name: string;
  route: string[];
  bytes: number;
  /** ticks */
  start: number;
  end: number;
  status: 'done' | 'failed';
  delivered: number;
}

export interface NetworkRun {
  scenario: NetworkScenario;
  seed: number;
  flows: FlowReport[];
  /** ticks: when the last flow ended */
  makespan: number;
  events: number;
  trace: TraceSummary;
}

type Obj = Record<string, unknown>;

export function parseNetworkScenario(file: string, doc: unknown): NetworkScenario {
  const fail = (path: string, expected: string): never => { throw new ScenarioError(file, path, expected); };
  const obj = (v: unknown, path: string): Obj =>
    (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : fail(path, 'expected an object'));
  const unit = <T>(parse: (x: unknown) => T, v: unknown, path: string): T => {
    try { return parse(v); } catch (e) { return fail(path, (e as UnitError).message); }
  };
  const only = (o: Obj, path: string, keys: string[]) => {
    for (const k of Object.keys(o)) if (!keys.includes(k)) fail(`${path}${path ? '.' : ''}${k}`, `unknown field; expected one of: ${keys.join(', ')}`);
  };
  const top = obj(doc, '');
  only(top, '', ['name', 'description', 'seed', 'links', 'flows']);
  const name = typeof top.name === 'string' && top.name !== '' ? top.name : fail('name', 'expected a non-empty string');
  const seed = top.seed === undefined ? 1 : Number.isSafeInteger(top.seed) ? (top.seed as number) : fail('seed', 'expected an integer');
  const links = Object.entries(obj(top.links, 'links')).map(([ln, v]) => {
    const p = `links.${ln}`;
    const o = obj(v, p);
    only(o, p, ['bandwidth', 'latency', 'flowCap']);
    const bandwidth = unit(parseRate, o.bandwidth, `${p}.bandwidth`);
    if (!(bandwidth > 0)) fail(`${p}.bandwidth`, 'expected a bandwidth above zero');
    return {
      name: ln, bandwidth,
      latency: o.latency === undefined ? 0 : unit(parseDuration, o.latency, `${p}.latency`),
      flowCap: o.flowCap === undefined ? undefined : unit(parseRate, o.flowCap, `${p}.flowCap`),
    };
  });
  if (links.length === 0) fail('links', 'expected at least one link');
  const linkNames = new Set(links.map((l) => l.name));
  const flows = Object.entries(obj(top.flows, 'flows')).map(([fn, v]) => {
    const p = `flows.${fn}`;
    const o = obj(v, p);
    only(o, p, ['route', 'bytes', 'start', 'cap']);
    if (!Array.isArray(o.route) || o.route.length === 0) fail(`${p}.route`, 'expected a list of link names, at least one');
    const route = (o.route as unknown[]).map((l, i) =>
      (typeof l === 'string' && linkNames.has(l) ? l : fail(`${p}.route[${i}]`, `no link named ${JSON.stringify(l)}; links are: ${[...linkNames].join(', ')}`)));
    if (new Set(route).size !== route.length) fail(`${p}.route`, 'a route crosses each link at most once');
    return {
      name: fn, route,
      bytes: unit(parseSize, o.bytes, `${p}.bytes`),
      start: o.start === undefined ? 0 : unit(parseDuration, o.start, `${p}.start`),
      cap: o.cap === undefined ? undefined : unit(parseRate, o.cap, `${p}.cap`),
    };
  });
  if (flows.length === 0) fail('flows', 'expected at least one flow');
  return { name, description: typeof top.description === 'string' ? top.description : '', seed, links, flows };
}

export function runNetworkScenario(s: NetworkScenario, opts: { seed?: number; sink?: TraceSink } = {}): NetworkRun {
  const seed = opts.seed ?? s.seed;
  const kernel = new Kernel({ seed, sink: opts.sink });
  for (const l of s.links) kernel.net.addLink(l.name, l);
  const reports: FlowReport[] = s.flows.map((f) => ({ name: f.name, route: f.route, bytes: f.bytes, start: f.start, end: -1, status: 'failed', delivered: 0 }));
  s.flows.forEach((f, i) => {
    kernel.spawn(f.name, function* (ctx) {
      yield sleep(f.start, 'wait for start');
      try {
        const r = (yield transfer(f.route, f.bytes, { cap: f.cap, label: `flow ${f.name}` })) as TransferResult;
        Object.assign(reports[i], { end: r.end, status: 'done', delivered: r.bytes });
      } catch (e) {
        Object.assign(reports[i], { end: ctx.now, delivered: (e as { delivered?: number }).delivered ?? 0 });
      }
    });
  });
  const r = kernel.run();
  return { scenario: s, seed, flows: reports, makespan: Math.max(0, ...reports.map((f) => f.end)), events: r.events, trace: kernel.finish() };
}
