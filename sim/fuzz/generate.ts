/**
 * One seed, one whole situation: a valid random scenario (topology within
 * realistic bounds, workload, protocol design, faults at random times) as a
 * plain document, so it can be written out and run again with `backlab run`.
 * Every draw comes from a stream named after what it decides, so a change to
 * one part of a generator leaves the others' draws alone.
 */
import { RandomStream } from '../engine/rng.ts';

export type FuzzKind = 'network' | 'lanfree';
export const FUZZ_KINDS: readonly FuzzKind[] = ['network', 'lanfree'];
export type FaultLevel = 'none' | 'light' | 'heavy';

type Doc = Record<string, unknown>;

class Draw {
  constructor(private readonly seed: number) {}
  stream(name: string): RandomStream {
    return new RandomStream(this.seed, `fuzz/${name}`);
  }
}

const pick = <T>(r: RandomStream, xs: readonly T[]): T => xs[r.integer(0, xs.length - 1)];
const between = (r: RandomStream, lo: number, hi: number): number => r.integer(lo, hi);
/** A size drawn log-uniformly between lo and hi bytes, written in MB. */
const sizeMB = (r: RandomStream, lo: number, hi: number): string => `${Math.max(1, Math.round(Math.exp(r.uniform(Math.log(lo), Math.log(hi))) / 1e6))} MB`;

export function generate(kind: FuzzKind, seed: number, faults: FaultLevel): Doc {
  return kind === 'network' ? network(seed, faults) : lanfree(seed, faults);
}

/** Hosts on a random tree of links (plus a few shortcuts), flows between random pairs along the shortest path. */
function network(seed: number, faults: FaultLevel): Doc {
  const d = new Draw(seed);
  const t = d.stream('topology');
  const n = between(t, 2, 8);
  const hosts = Array.from({ length: n }, (_, i) => `h${i}`);
  const links: Record<string, Doc> = {};
  const adj: [string, string, string][] = [];
  const link = (a: string, b: string) => {
    const name = `l${Object.keys(links).length}`;
    links[name] = { between: [a, b], bandwidth: pick(t, ['10 MB/s', '100 MB/s', '1 GB/s', '1.25 GB/s', '10 GB/s']), latency: pick(t, ['0 s', '20 us', '1 ms', '20 ms']) };
    adj.push([name, a, b]);
  };
  for (let i = 1; i < n; i++) link(hosts[i], hosts[between(t, 0, i - 1)]);
  for (let k = between(t, 0, 2); k > 0 && n > 2; k--) {
    const a = pick(t, hosts), b = pick(t, hosts);
    if (a !== b) link(a, b);
  }
  const w = d.stream('workload');
  const flows: Record<string, Doc> = {};
  for (let i = between(w, 1, 30); i > 0; i--) {
    const a = pick(w, hosts);
    let b = pick(w, hosts);
    if (a === b) b = hosts[(hosts.indexOf(a) + 1) % n];
    flows[`f${i}`] = { from: a, to: b, route: path(adj, a, b), bytes: sizeMB(w, 1e6, 2e10), start: `${between(w, 0, 60)} s`, ...(w.bernoulli(0.2) ? { cap: pick(w, ['5 MB/s', '50 MB/s', '500 MB/s']) } : {}) };
  }
  const f = d.stream('faults');
  const names = Object.keys(links);
  const list: Doc[] = [];
  if (faults !== 'none') {
    const flaps = faults === 'light' ? between(f, 0, 1) : between(f, 1, 3);
    if (flaps > 0) list.push({ random: { kind: 'link-flap', targets: Array.from({ length: flaps }, () => pick(f, names)).filter((x, i, a) => a.indexOf(x) === i), mtbf: pick(f, ['10 s', '1 min', '10 min']), mttr: pick(f, ['100 ms', '2 s', '30 s']), until: '2 h' } });
    if (faults === 'heavy') for (let k = between(f, 0, 2); k > 0; k--) list.push({ at: `${between(f, 1, 600)} s`, 'host-fails': pick(f, hosts) });
  }
  return {
    name: `fuzz network ${seed}`, seed, until: '3 h',
    topology: { hosts: Object.fromEntries(hosts.map((h) => [h, {}])), links },
    workload: { flows },
    ...(list.length ? { faults: list } : {}),
    checks: ['events >= 0'],
  };
}

/** Fewest hops over the generated links (they form a connected graph). */
function path(adj: readonly [string, string, string][], from: string, to: string): string[] {
  const prev = new Map<string, [string, string]>([[from, ['', '']]]);
  for (let frontier = [from]; frontier.length > 0 && !prev.has(to);) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const [name, a, b] of adj) {
        const other = a === node ? b : b === node ? a : undefined;
        if (other !== undefined && !prev.has(other)) { prev.set(other, [node, name]); next.push(other); }
      }
    }
    frontier = next;
  }
  const route: string[] = [];
  for (let at = to; at !== from; at = prev.get(at)![0]) route.unshift(prev.get(at)![1]);
  return route;
}

/** POWER servers with client partitions, maybe a LAN-free server each, one fabric, one library, one design. */
function lanfree(seed: number, faults: FaultLevel): Doc {
  const d = new Draw(seed);
  const t = d.stream('topology');
  const serverCount = between(t, 1, 3);
  const fcGen = pick(t, ['8GFC', '16GFC', '32GFC']);
  const ltoGen = pick(t, ['LTO-7', 'LTO-8']);
  const media = ltoGen === 'LTO-7' ? 'L7' : 'L8';
  const servers: Record<string, Doc> = {};
  const hosts: Record<string, Doc> = { tsm: { cores: between(t, 2, 16) } };
  const links: Record<string, Doc> = { 'tsm-lan': { between: ['tsm', 'core'], port: pick(t, ['1GbE', '10GbE', '25GbE']) } };
  const clients: string[] = [];
  const lanfreeServers: string[] = [];
  const ports: Record<string, Doc> = { 'tsm-hba': { switch: 'sw', host: 'tsm' } };
  for (let s = 1; s <= serverCount; s++) {
    const partitions: Record<string, Doc> = {};
    for (let c = between(t, 1, 6); c > 0; c--) {
      const name = `s${s}c${c}`;
      partitions[name] = { cores: 0.5, memory: `${between(t, 2, 64)} GB` };
      clients.push(name);
      ports[`${name}-hba`] = { switch: 'sw', host: name };
    }
    if (s === 1 || t.bernoulli(0.7)) {
      partitions[`lf${s}`] = { cores: between(t, 1, 4), memory: '8 GB' };
      lanfreeServers.push(`lf${s}`);
      ports[`lf${s}-hba`] = { switch: 'sw', host: `lf${s}` };
    }
    servers[`p${s}`] = { cores: 24, vios: { name: `vios${s}`, cores: between(t, 1, 4), clock: pick(t, ['1.65 GHz', '3.5 GHz']), mtu: pick(t, [1500, 9000]) }, partitions };
    hosts[`vios${s}`] = {};
    links[`vios${s}-lan`] = { between: [`vios${s}`, 'core'], port: pick(t, ['1GbE', '10GbE']) };
  }
  const drives = between(t, 1, 6);
  const drivePorts: Record<string, string> = {};
  const driveDefs: Record<string, Doc> = {};
  for (let i = 1; i <= drives; i++) {
    ports[`d${i}-port`] = { switch: 'sw' };
    drivePorts[`lib/d${i}`] = `d${i}-port`;
    driveDefs[`d${i}`] = { generation: ltoGen };
  }
  const w = d.stream('workload');
  const design = pick(w, ['lan', 'dedicated', 'shared'] as const);
  const backups = clients.filter(() => w.bernoulli(0.8));
  if (backups.length === 0) backups.push(clients[0]);
  const restores = backups.filter(() => w.bernoulli(0.2));
  const f = d.stream('faults');
  const list: Doc[] = [];
  if (faults !== 'none' && serverCount > 1) {
    for (let k = faults === 'light' ? between(f, 0, 1) : between(f, 1, 3); k > 0; k--) {
      list.push({ at: `${between(f, 1, 1800)} s`, migrate: { partition: pick(f, backups), to: `p${between(f, 1, serverCount)}` } });
    }
  }
  if (faults === 'heavy') {
    for (let k = between(f, 0, 2); k > 0; k--) list.push({ at: `${between(f, 1, 3600)} s`, 'device-fails': pick(f, [...Object.keys(ports).filter((p) => p !== 'tsm-hba'), ...Object.keys(drivePorts)]) });
  }
  return {
    name: `fuzz lanfree ${seed}`, seed, until: '7 d',
    topology: {
      hosts, switches: { core: {} }, links, servers,
      fabrics: { san: { generation: fcGen, switches: { sw: {} }, ports } },
      libraries: { lib: { robot: { count: between(t, 1, 2) }, drives: driveDefs, cartridges: { [`A00001${media}`]: { count: 40 } } } },
    },
    protocol: {
      name: 'lanfree', design, backupServer: 'tsm', library: 'lib', drivePorts, lanfreeServers,
      multiplex: between(w, 1, 3), transaction: pick(w, ['256 MiB', '2 GiB', '8 GiB']),
      backup: { clients: backups, data: Object.fromEntries(backups.map((c) => [c, sizeMB(w, 1e9, 5e11)])) },
      ...(restores.length ? { restore: { clients: restores, data: sizeMB(w, 1e8, 1e9) } } : {}),
    },
    ...(list.length ? { faults: list } : {}),
    checks: ['events >= 0'],
  };
}
