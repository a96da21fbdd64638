/** Generic network scenarios: hosts on a random tree of links (plus shortcuts), flows along shortest paths, link flaps and host failures. */
import { between, Draw, pick, sizeMB, type Doc, type Generator } from '../draw.ts';
import { lanRoute } from '../../protocols/common/lan-route.ts';

/** Hosts on a random tree of links (plus a few shortcuts), flows between random pairs along the shortest path. */
export const network: Generator = (seed, faults) => {
  const d = new Draw(seed);
  const t = d.stream('topology');
  const n = between(t, 2, 8);
  const hosts = Array.from({ length: n }, (_, i) => `h${i}`);
  const links: Record<string, Doc> = {};
  const link = (a: string, b: string) => {
    const name = `l${Object.keys(links).length}`;
    links[name] = { between: [a, b], bandwidth: pick(t, ['10 MB/s', '100 MB/s', '1 GB/s', '1.25 GB/s', '10 GB/s']), latency: pick(t, ['0 s', '20 us', '1 ms', '20 ms']) };
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
    flows[`f${i}`] = { from: a, to: b, route: lanRoute(Object.entries(links).map(([name, l]) => ({ name, between: l.between as [string, string], bandwidth: 1, latency: 0 })), a, b)!, bytes: sizeMB(w, 1e6, 2e10), start: `${between(w, 0, 60)} s`, ...(w.bernoulli(0.2) ? { cap: pick(w, ['5 MB/s', '50 MB/s', '500 MB/s']) } : {}) };
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
};
