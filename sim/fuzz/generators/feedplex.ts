/**
 * feedplex scenarios: one to three source nodes backing up to one or two
 * target nodes (hosts on links, or partitions of one POWER server on its
 * virtual LAN; FIG. 3, or FIG. 2 traditional), mirrored source and feed
 * volumes, some restores (FIG. 4), applications on the nodes; disk (plex)
 * failures, link flaps and node failures at random times.
 */
import type { RandomStream } from '../../engine/rng.ts';
import { between, Draw, pick, sizeMB, type Doc, type Generator } from '../draw.ts';

const RATES = ['100 MB/s', '400 MB/s', '1 GB/s', '3 GB/s'];
const PIPES = ['100 MB/s', '1 GB/s', '1.25 GB/s', '6.25 GB/s', '12.5 GB/s'];

/** `n` disk plexes named `${prefix}1..n`, each on a disk of its own. */
const disks = (t: RandomStream, prefix: string, n: number): Record<string, Doc> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i + 1}`, { disk: { rate: pick(t, RATES) } }]));

export const feedplex: Generator = (seed, faults) => {
  const d = new Draw(seed);
  const t = d.stream('topology');
  const sources = Array.from({ length: between(t, 1, 3) }, (_, i) => `src${i + 1}`);
  const targets = Array.from({ length: between(t, 1, 2) }, (_, i) => `tgt${i + 1}`);
  const nodes = [...sources, ...targets];
  // Hosts joined by links (one each way between a source and a target, or one both ways share), or
  // partitions of one POWER server on its virtual LAN (FIG. 3's nodes as the bundled scenarios have them).
  const lpar = t.bernoulli(0.3);
  const duplex = t.bernoulli(0.5);
  const hosts: Record<string, Doc> = lpar ? {} : Object.fromEntries(nodes.map((h) => [h, { cores: between(t, 1, 8) }]));
  const servers: Record<string, Doc> = lpar ? { p1: { cores: 64, partitions: Object.fromEntries(nodes.map((h) => [h, { cores: between(t, 1, 8), memory: '64 GB' }])) } } : {};
  const links: Record<string, Doc> = {};
  const wire = (from: string, to: string): string[] => {
    if (lpar) return [`${from}@p1`, 'p1.vlan', `${to}@p1`];
    const name = duplex ? `${from}-${to}` : [from, to].sort().join('.');
    links[name] ??= { between: [from, to], bandwidth: pick(t, PIPES), latency: pick(t, ['0 s', '50 us', '1 ms']) };
    return [name];
  };

  const w = d.stream('workload');
  const block = Number.parseInt(sizeMB(w, 8e6, 200e6), 10) * 1e6;
  const volumes: Record<string, Doc> = {};
  const backups: Record<string, Doc> = {};
  const restores: Record<string, Doc> = {};
  const diskPlexes: string[] = [];
  let horizon = 0;
  for (let i = 1, n = between(w, 1, 3); i <= n; i++) {
    const src = pick(w, sources), tgt = pick(w, targets);
    const [sv, tv] = [`vol${i}`, `feed${i}`];
    volumes[sv] = { host: src, plexes: { ...disks(t, 'd', between(t, 1, 2)), out: { network: { route: wire(src, tgt) } } } };
    // The feed plex first or last: FIG. 3 does not say where it sits among the plexes.
    const mirrors = disks(t, 'm', between(t, 1, 3));
    const feed = { feed: { network: { route: wire(tgt, src) } } };
    volumes[tv] = { host: tgt, plexes: t.bernoulli(0.5) ? { ...feed, ...mirrors } : { ...mirrors, ...feed } };
    for (const v of [sv, tv]) for (const [p, x] of Object.entries((volumes[v] as { plexes: Record<string, Doc> }).plexes)) if ('disk' in x) diskPlexes.push(`${v}.${p}`);
    const bytes = sizeMB(w, 2 * block, 120 * block);
    const start = between(w, 0, 20);
    backups[`b${i}`] = { source: { volume: sv, plex: 'out' }, target: { volume: tv, feedPlex: 'feed' }, bytes, ...(start > 0 ? { start: `${start} s` } : {}) };
    const restore = w.bernoulli(0.5);
    if (restore) restores[`r${i}`] = { backup: `b${i}` };
    // A rough end: the bytes at the slowest plausible rate, there and back.
    horizon = Math.max(horizon, start + ((restore ? 2 : 1) * Number.parseInt(bytes, 10) * 1e6) / 1e8);
  }
  const applications: Record<string, Doc> = {};
  for (let i = between(w, 0, 2); i > 0; i--) applications[`app${i}`] = { host: pick(w, nodes), cpu: `${between(w, 1, 20)} s`, start: `${between(w, 0, 30)} s` };

  const f = d.stream('faults');
  const when = () => `${between(f, 1, Math.ceil(horizon * 1000))} ms`;
  const list: Doc[] = [];
  // Partitions are no scenario hosts nor is the virtual LAN a scenario link: a fault can fail only their disks.
  const kinds = lpar ? (['disk'] as const) : (['disk', 'disk', 'flap', 'host'] as const);
  const count = faults === 'none' ? 0 : faults === 'light' ? 1 : between(f, 2, 5);
  for (let k = 0; k < count; k++) {
    const kind = pick(f, kinds);
    if (kind === 'disk') list.push({ at: when(), 'device-fails': pick(f, diskPlexes) });
    else if (kind === 'flap') list.push({ random: { kind: 'link-flap', targets: [pick(f, Object.keys(links))], mtbf: `${between(f, 1, Math.ceil(horizon))} s`, mttr: pick(f, ['10 ms', '500 ms', '5 s']), until: `${Math.ceil(horizon)} s` } });
    else {
      const host = pick(f, nodes);
      const at = between(f, 1, Math.ceil(horizon * 1000));
      list.push({ at: `${at} ms`, 'host-fails': host });
      if (f.bernoulli(0.7)) list.push({ at: `${at + between(f, 1, 30_000)} ms`, 'host-recovers': host });
    }
  }
  return {
    name: `fuzz feedplex ${seed}`, seed,
    topology: { ...(lpar ? { servers } : { hosts, links }), volumes },
    protocol: {
      name: 'feedplex', design: pick(w, ['feed-plex', 'traditional']), block: `${block / 1e6} MB`, buffers: between(w, 1, 3),
      backups,
      ...(Object.keys(restores).length ? { restores } : {}),
      ...(Object.keys(applications).length ? { applications } : {}),
    },
    ...(list.length ? { faults: list } : {}),
    checks: ['events >= 0'],
  };
};
