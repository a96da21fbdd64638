/**
 * The checks a schema cannot make: names that must refer to something, routes
 * that must connect, capacities that must be positive, faults that must name
 * what they fail. Then every quantity is resolved to bytes, bytes/s or ticks.
 */
import { type Check } from '../foundation/scenario.ts';
import type { FaultDef, FlowDef, JobDef, LinkDef, Scenario } from '../foundation/scenario.ts';
import { formatPath, type Path } from '../foundation/path.ts';
import { Names, type LinkDefaults } from '../model/family.ts';
import { FAMILIES } from '../registry.ts';
import { parseCheck } from './checks.ts';
import { resolveStep } from './ops.ts';
import { ScenarioError } from '../foundation/errors.ts';
import { RUN_METRICS } from './metrics.ts';
import { resolveField } from '../foundation/declare.ts';
import { CALENDAR, FLOW, JOB_KIND, LINK, NETWORK, REPORT, SEED, UNTIL, WORKERS, networkModel } from './sections.ts';
import { protocolNamed } from '../registry.ts';
import { assumptionsOf } from './assumptions.ts';
import { jobsOf } from './schedule-jobs.ts';

import { parseDuration } from '../foundation/units.ts';
import { clockFor, horizonText } from '../foundation/time.ts';

type Obj = Record<string, unknown>;
const ACTIONS = ['link-down', 'link-up', 'host-fails', 'host-recovers', 'site-fails', 'device-fails', 'migrate'] as const;

export function resolveScenario(doc: Obj, file: string, where: (path: Path) => string): Scenario {
  const fail = (path: Path, expected: string): never => { throw new ScenarioError(where(path), formatPath(path), expected); };
  const declCtx = { fail };
  const entries = (o: unknown): [string, Obj][] => Object.entries((o ?? {}) as Record<string, Obj>);
  const topo = (doc.topology ?? {}) as Obj;

  const sites = Object.keys((topo.sites ?? {}) as Obj);
  const siteOf = (kind: string) => new Map(entries(topo[kind]).map(([n, v]) => {
    const site = v.site as string | undefined;
    if (site !== undefined && !sites.includes(site)) fail(['topology', kind, n, 'site'], `no site named '${site}'${sites.length ? `; sites are: ${sites.join(', ')}` : '; topology.sites is empty'}`);
    return [n, site];
  }));
  const hosts = siteOf('hosts');
  const switches = siteOf('switches');
  for (const n of switches.keys()) if (hosts.has(n)) fail(['topology', 'switches', n], `'${n}' is also a host; hosts and switches share one set of names`);
  const nodes = [...hosts.keys(), ...switches.keys()];

  const names = new Names();
  const until = resolveField(UNTIL, doc.until, ['until'], declCtx) ?? null;
  const ctx = { fail, names, until };
  // The families that imply anything of a link, asked per link (the rest added an empty object each).
  const implying = FAMILIES.filter((f) => f.linkDefaults !== undefined);
  const links: LinkDef[] = entries(topo.links).map(([n, v]) => {
    const p: Path = ['topology', 'links', n];
    // What the link's family fields imply (a port type, a WAN's window); its own fields win.
    const implied = Object.assign({}, ...implying.map((f) => f.linkDefaults!(v, ctx, p) ?? {})) as LinkDefaults;
    const l = resolveField(LINK, v, p, declCtx);
    const bandwidth = l.bandwidth ?? implied.bandwidth ?? fail(p, "missing field 'bandwidth' (or a port type that implies one)");
    if (!(bandwidth > 0)) fail([...p, 'bandwidth'], 'a link needs a bandwidth above zero');
    const flowCap = l.flowCap ?? implied.flowCap;
    if (flowCap !== undefined && !(flowCap > 0)) fail([...p, 'flowCap'], 'a per-flow cap must be above zero');
    const between = v.between === undefined ? undefined : l.between as [string, string];
    between?.forEach((end, i) => {
      if (!nodes.includes(end)) fail([...p, 'between', i], `no host or switch named '${end}'${nodes.length ? `; there are: ${nodes.join(', ')}` : '; define it under topology.hosts or topology.switches'}`);
    });
    if (between && between[0] === between[1]) fail([...p, 'between'], 'a link joins two different hosts or switches');
    return { name: n, between, bandwidth, latency: l.latency ?? implied.latency ?? 0, flowCap };
  });
  const linkByName = new Map(links.map((l) => [l.name, l]));
  const linkNames = () => [...linkByName.keys()].join(', ') || '(none: define them under topology.links)';

  const flows: FlowDef[] = entries((doc.workload as Obj | undefined)?.flows).map(([n, v]) => {
    const p: Path = ['workload', 'flows', n];
    const f = resolveField(FLOW, v, p, declCtx);
    f.route.forEach((l, i) => { if (!linkByName.has(l)) fail([...p, 'route', i], `no link named '${l}'; links are: ${linkNames()}`); });
    if (new Set(f.route).size !== f.route.length) fail([...p, 'route'], 'a route crosses each link at most once');
    for (const end of ['from', 'to'] as const) {
      const h = f[end];
      if (h !== undefined && !nodes.includes(h)) fail([...p, end], `no host or switch named '${h}'`);
    }
    if (f.from !== undefined || f.to !== undefined) checkPath(f.route, f.from, f.to, linkByName, p, fail);
    return { name: n, ...f };
  });

  if (until !== null && until <= 0) fail(['until'], 'until must be after the start, above 0 s');

  for (const s of sites) names.define('site', s);
  for (const h of hosts.keys()) names.define('host', h);
  for (const w of switches.keys()) names.define('switch', w);
  for (const l of links) names.define('link', l.name);
  const models = new Map<string, unknown>();
  for (const f of FAMILIES) models.set(f.key, f.resolve(topo, ctx, ['topology']));

  const calendar = resolveField(CALENDAR, doc.calendar, ['calendar'], declCtx);
  const jobs: JobDef[] = entries((doc.workload as Obj | undefined)?.jobs).flatMap(([n, v]) => jobsOf({
    name: n,
    kind: resolveField(JOB_KIND, v.kind, ['workload', 'jobs', n, 'kind'], declCtx),
    steps: (v.steps as Obj[]).map((step, i) => resolveStep(step, names, ['workload', 'jobs', n, 'steps', i], fail)),
    written: v,
  }, { epoch: calendar.epoch, seed: resolveField(SEED, doc.seed, ['seed'], declCtx) }, until, declCtx));
  const flowNames = new Set(flows.map((f) => f.name));
  for (const j of jobs) if (flowNames.has(j.name)) fail(['workload', 'jobs', j.name], `'${j.name}' is also a flow; jobs and flows run as actors and need different names`);

  const faults: FaultDef[] = ((doc.faults ?? []) as Obj[]).map((f, index) => resolveFault(f, index, { links: linkByName, hosts, sites, until, names }, fail));

  // The run's clock is the finest that reaches `until` (1 ns without one): a start past its horizon could never come.
  const clock = clockFor(until);
  // Paths made only for a start that fails: a scenario of 100,000 flows made as many arrays to check them.
  const late = (t: number, p: () => Path): void => { if (t > clock.horizon) fail(p(), `a start at day ${(t / 86400e9).toFixed(2)} is past ${horizonText(clock)}`); };
  for (const f of flows) late(f.start, () => ['workload', 'flows', f.name, 'start']);
  for (const j of jobs) late(j.start, () => ['workload', 'jobs', j.name, 'start']);
  for (const f of faults) if (f.kind !== 'random') late(f.at, () => ['faults', f.index, 'at']);

  const reportSection = resolveField(REPORT, doc.report, ['report'], declCtx);
  const interval = reportSection.interval ?? null;
  if (interval === 0) fail(['report', 'interval'], 'the sampling interval must be above 0 s');
  const report = { headline: reportSection.headline, x: reportSection.x ?? null, scale: reportSection.scale };

  const base = {
    file, name: doc.name as string, description: (doc.description as string | undefined) ?? '', seed: resolveField(SEED, doc.seed, ['seed'], declCtx), workers: resolveField(WORKERS, doc.workers, ['workers'], declCtx),
    network: networkModel(resolveField(NETWORK, doc.network, ['network'], declCtx)),
    until, epoch: calendar.epoch, sites, hosts, switches, links, flows, jobs, models, faults, interval, report, variants: [], variant: null, settings: [],
    assumptions: assumptionsOf(doc),
  };
  let protocol: Scenario['protocol'] = null;
  if (doc.protocol !== undefined) {
    const section = doc.protocol as Obj;
    const p = protocolNamed(section.name as string);
    if (p === undefined) return fail(['protocol', 'name'], `no protocol named '${section.name as string}' is built into this backlab; leave protocol out for a network scenario`);
    protocol = { name: p.name, def: p.resolve(section, { fail, names, scenario: base }, ['protocol']) };
  }
  if (flows.length === 0 && jobs.length === 0 && protocol === null) fail(['workload'], 'nothing to run: add workload.flows or workload.jobs (or a protocol)');

  const units = { ...RUN_METRICS, ...(protocol === null ? {} : protocolNamed(protocol.name)!.metrics) };
  // A headline names a metric the run reports, as a check does.
  report.headline.forEach((m, i) => {
    if (!(m in units)) fail(['report', 'headline', i], `'${m}' is not a metric of this scenario; it reports: ${Object.keys(units).sort().join(', ')}`);
  });
  const checks: Check[] = ((doc.checks ?? []) as string[]).map((text, i) => {
    try { return parseCheck(text, units); } catch (e) { return fail(['checks', i], (e as Error).message); }
  });
  return { ...base, protocol, checks };
}

/** Walks the route from `from`: each link must start where the last one ended, and the walk must end at `to`. */
function checkPath(route: string[], from: string | undefined, to: string | undefined, links: Map<string, LinkDef>, p: Path, fail: (path: Path, e: string) => never): void {
  let at = from;
  route.forEach((name, i) => {
    const l = links.get(name)!;
    if (l.between === undefined) fail([...p, 'route', i], `link '${name}' has no 'between', so the route from ${from ?? '?'} to ${to ?? '?'} cannot be followed; give the link its two ends`);
    const [a, b] = l.between;
    // Without `from`, the route starts at the end of its first link that the second link does not touch.
    if (at === undefined) at = links.get(route[1] ?? '')?.between?.includes(a) ? b : a;
    if (a === at) at = b;
    else if (b === at) at = a;
    else fail([...p, 'route', i], `link '${name}' joins ${a} and ${b}, but the route is at ${at} there: the links do not connect`);
  });
  if (to !== undefined && at !== to) fail([...p, 'route'], `the route ends at ${at}, not at ${to}`);
}

function resolveFault(
  f: Obj, index: number,
  w: { links: Map<string, LinkDef>; hosts: Map<string, string | undefined>; sites: string[]; until: number | null; names: Names },
  fail: (path: Path, e: string) => never,
): FaultDef {
  const p: Path = ['faults', index];
  const actions = ACTIONS.filter((a) => f[a] !== undefined);
  if (f.random !== undefined) {
    if (actions.length > 0 || f.at !== undefined) fail(p, 'a random fault stands alone: no `at` and no other action beside `random`');
    const r = f.random as Obj;
    const failure = r.kind as 'link-flap' | 'host-failure';
    const known = failure === 'link-flap' ? [...w.links.keys()] : [...w.hosts.keys()];
    (r.targets as string[]).forEach((t, i) => {
      if (!known.includes(t)) fail([...p, 'random', 'targets', i], `no ${failure === 'link-flap' ? 'link' : 'host'} named '${t}'`);
    });
    const mtbf = parseDuration(r.mtbf), mttr = parseDuration(r.mttr);
    if (mtbf <= 0) fail([...p, 'random', 'mtbf'], 'the mean time between failures must be above 0 s');
    if (mttr <= 0) fail([...p, 'random', 'mttr'], 'the mean time to repair must be above 0 s');
    const until = r.until === undefined ? w.until : parseDuration(r.until);
    if (until === null) fail([...p, 'random'], 'random faults need an end: give `until` here or in the scenario');
    const from = r.from === undefined ? 0 : parseDuration(r.from);
    if (from >= until) fail([...p, 'random', r.from === undefined ? 'until' : 'from'], `the window from ${r.from ?? '0 s'} to ${r.until ?? `the scenario's until (${w.until! / 1e9} s)`} is empty, so no fault would ever happen; \`from\` must come before \`until\``);
    return { kind: 'random', index, failure, targets: r.targets as string[], mtbf, mttr, from, until };
  }
  if (actions.length !== 1) fail(p, actions.length === 0 ? `a fault needs one action: ${ACTIONS.join(', ')}, or random` : `one action per fault, got ${actions.join(' and ')}`);
  if (f.at === undefined) fail(p, 'missing field \'at\': when the fault happens');
  const kind = actions[0];
  const at = parseDuration(f.at);
  if (w.until !== null && at >= w.until) fail([...p, 'at'], `the fault at ${f.at} comes at or after the scenario's until, so it would never happen`);
  const target = f[kind] as string;
  const bad = (what: string, names: string[]) => fail([...p, kind], `no ${what} named '${target}'${names.length ? `; ${what}s are: ${names.join(', ')}` : `: this scenario has no ${what}s`}`);
  switch (kind) {
    case 'link-down': case 'link-up': if (!w.links.has(target)) bad('link', [...w.links.keys()]); break;
    case 'host-fails': case 'host-recovers': if (!w.hosts.has(target)) bad('host', [...w.hosts.keys()]); break;
    case 'site-fails': if (!w.sites.includes(target)) bad('site', w.sites); break;
    case 'device-fails': if (!w.names.has('device', target)) bad('device', w.names.list('device')); break;
    case 'migrate': {
      const m = f.migrate as { partition: string; to: string };
      for (const [field, kindOf] of [['partition', 'partition'], ['to', 'server']] as const) {
        if (!w.names.has(kindOf, m[field])) {
          const known = w.names.list(kindOf);
          fail([...p, 'migrate', field], `no ${kindOf} named '${m[field]}'${known.length ? `; ${kindOf}s are: ${known.join(', ')}` : `: this scenario has no ${kindOf}s`}`);
        }
      }
      return { kind: 'migrate', at, target: m.partition, to: m.to, index };
    }
  }
  return { kind: kind as 'link-down', at, target, index };
}
