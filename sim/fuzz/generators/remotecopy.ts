/**
 * remotecopy scenarios: a branch VLS replicating over a T1 to OC-12 WAN to a
 * DR VLS with an LTO library (and maybe one at the branch), one to three
 * weeks of fulls and incrementals, Smart Copy or the second-instance
 * baseline, dedup or full replication, storage cells, the lock, copies of
 * all cartridges or only fulls, tape stacking; WAN and LAN flaps and
 * outages, gateway failures, tape drive and virtual library failures and
 * the DR site failing, at random times.
 */
import { between, Draw, pick, sizeMB, type Doc, type Generator } from '../draw.ts';

const DAY_S = 86_400;
/** The largest full a carrier replicates within a few weeks, even without dedup (T1: 0.127 MB/s). */
const FULL_MAX: Record<string, number> = { T1: 3e10, T3: 1e12, 'OC-3': 1.4e12, 'OC-12': 1.4e12 };

export const remotecopy: Generator = (seed, faults) => {
  const d = new Draw(seed);
  const t = d.stream('topology');
  const carrier = pick(t, ['T1', 'T3', 'OC-3', 'OC-12']);
  const gen = between(t, 5, 8);
  const localTape = t.bernoulli(0.3);
  const library = (prefix: string) => ({
    drives: { d1: { generation: `LTO-${gen}` } },
    cartridges: { [`${prefix}001L${gen}`]: { count: between(t, 1, 6) } },
  });

  const w = d.stream('workload');
  const days = between(w, 1, 7), weeks = between(w, 1, 3), seeded = w.bernoulli(0.7);
  const slots = days * weeks + (seeded ? 1 : 0);
  const fullBytes = Number.parseInt(sizeMB(w, 1e10, FULL_MAX[carrier]), 10) * 1e6;
  const share = pick(w, [0.05, 0.1, 0.3, 1]);
  const change = Math.min(share, pick(w, [0, 0.005, 0.01, 0.03]));
  const design = w.bernoulli(0.75) ? 'smart-copy' : 'second-instance';
  const toLocal = design === 'smart-copy' && localTape && w.bernoulli(0.5);
  const copy: Doc = {
    to: toLocal ? `LOC001L${gen}` : `XYZ001L${gen}`, route: [toLocal ? 'branch-sas' : 'sas'], api: pick(w, ['ndmp', 'smi-s']), of: pick(w, ['all', 'all', 'fulls']),
    ...(design === 'smart-copy' && w.bernoulli(0.3) ? { lock: true } : {}),
    ...(w.bernoulli(0.5) ? { window: `${between(w, 1, 48)} h` } : {}),
    ...(w.bernoulli(0.3) ? { at: `${between(w, 1, 7 * 24)} h` } : {}),
  };
  const vtlDisk = () => ({ rate: pick(t, ['80 MB/s', '200 MB/s', '500 MB/s']), stream: pick(t, ['30 MB/s', '80 MB/s']) });

  const f = d.stream('faults');
  const horizon = (weeks * 7 + (seeded ? 1 : 0)) * DAY_S;
  const when = () => between(f, 1, horizon);
  const list: Doc[] = [];
  const count = faults === 'none' ? 0 : faults === 'light' ? 1 : between(f, 2, 5);
  const drives = ['dr-tape/d1', ...(localTape ? ['branch-tape/d1'] : [])];
  for (let k = 0; k < count; k++) {
    const kind = pick(f, ['wan-flap', 'wan-outage', 'lan-flap', 'gateway', 'drive', 'library', 'site'] as const);
    if (kind === 'wan-flap' || kind === 'lan-flap') {
      list.push({ random: { kind: 'link-flap', targets: [kind === 'wan-flap' ? 'wan' : 'lan'], mtbf: pick(f, ['1 h', '12 h', '2 d']), mttr: pick(f, ['1 s', '5 min', '2 h']), until: `${horizon} s` } });
    } else if (kind === 'wan-outage') {
      const at = when();
      list.push({ at: `${at} s`, 'link-down': 'wan' }, { at: `${at + between(f, 60, DAY_S)} s`, 'link-up': 'wan' });
    } else if (kind === 'gateway') {
      const at = when(), host = pick(f, ['branch-gw', 'dr-gw']);
      list.push({ at: `${at} s`, 'host-fails': host });
      if (f.bernoulli(0.8)) list.push({ at: `${at + between(f, 60, DAY_S)} s`, 'host-recovers': host });
    } else if (kind === 'drive') {
      list.push({ at: `${when()} s`, 'device-fails': pick(f, drives) });
    } else if (kind === 'library') {
      list.push({ at: `${when()} s`, 'device-fails': pick(f, ['branch-vtl', 'dr-vtl']) });
    } else {
      list.push({ at: `${when()} s`, 'site-fails': 'dr' });
    }
  }

  return {
    name: `fuzz remotecopy ${seed}`, seed,
    topology: {
      sites: { branch: {}, dr: {} },
      hosts: { 'backup-server': { site: 'branch' }, 'branch-gw': { site: 'branch' }, 'dr-gw': { site: 'dr' } },
      links: {
        lan: { between: ['backup-server', 'branch-gw'], port: pick(t, ['1GbE', '10GbE']) },
        wan: { between: ['branch-gw', 'dr-gw'], wan: { carrier, distance: pick(t, ['50 km', '500 km', '3000 km']) } },
        sas: { bandwidth: pick(t, ['300 MB/s', '600 MB/s']) },
        ...(localTape ? { 'branch-sas': { bandwidth: '600 MB/s' } } : {}),
      },
      libraries: { 'dr-tape': library('XYZ'), ...(localTape ? { 'branch-tape': library('LOC') } : {}) },
      vtls: {
        'branch-vtl': { disk: vtlDisk(), cartridges: { count: slots + between(t, 0, 2), prefix: 'ABC' }, replicate: { to: 'dr-vtl', route: ['wan'] }, ...(localTape ? { tape: 'branch-tape/d1' } : {}) },
        'dr-vtl': { disk: vtlDisk(), cartridges: { count: slots + between(t, 0, 2), prefix: 'DR' }, tape: 'dr-tape/d1' },
      },
    },
    protocol: {
      name: 'remotecopy', local: 'branch-vtl', design, replication: pick(w, ['dedup', 'dedup', 'full']), cells: between(w, 1, 4),
      backup: {
        route: ['lan'], full: `${fullBytes / 1e6} MB`, incremental: `${Math.max(1, Math.round((fullBytes * share) / 1e6))} MB`, days, weeks, change,
        seeded, ...(w.bernoulli(0.3) ? { changeSpread: 0.5 } : {}), ...(w.bernoulli(0.3) ? { start: `${between(w, 1, 12)} h` } : {}),
      },
      copy,
    },
    ...(list.length ? { faults: list } : {}),
    checks: ['events >= 0'],
  };
};
