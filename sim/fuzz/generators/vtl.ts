/**
 * vtl scenarios: a few clients back up every night for 10 to 60 days to a
 * deduplicating virtual tape library (vtl.write with no cartridge: the
 * library fills cartridges and takes scratch ones), on weekly or monthly
 * fulls with incrementals, differentials or synthetic fulls between;
 * retention by days, versions or both; every morning vtl.expire and vtl.gc,
 * now and then replication over a WAN to a second library, and a restore of
 * a drawn day that retention may have removed (a refused restore is a
 * correct outcome). Small cartridges and a small disk, so cartridges return
 * to scratch, run out, and the disk fills within the run. Faults fail a
 * library or take the LAN or WAN down. The family's audit (no cartridge over
 * capacity, stored referenced ≤ logical kept, no expired version counted,
 * nothing restored that retention removed) is the invariant.
 */
import { between, Draw, pick, type Doc, type Generator } from '../draw.ts';
import { nightlyClients } from './nightly.ts';

export const vtl: Generator = (seed, faults) => {
  const d = new Draw(seed);
  const t = d.stream('topology');
  const days = between(t, 10, 60);
  const replicated = t.bernoulli(0.5);
  const retention = (): Doc => pick(t, [{ days: between(t, 1, 14) }, { versions: between(t, 1, 10) }, { days: between(t, 2, 14), versions: between(t, 2, 10) }]);
  const library = (prefix: string, more: Doc): Doc => ({
    disk: { rate: `${between(t, 40, 400)} MB/s`, ...(t.bernoulli(0.5) ? { capacity: `${between(t, 100, 3000)} GB` } : {}), housekeeping: `${between(t, 20, 200)} MB/s` },
    cartridges: { count: between(t, 5, 40), capacity: `${between(t, 20, 400)} GB`, prefix },
    dedup: { change: between(t, 5, 30) / 1000, compression: between(t, 10, 30) / 10 },
    ...(t.bernoulli(0.85) ? { retention: retention() } : {}),
    ...more,
  });
  const vtls: Doc = { site: library('S', replicated ? { replicate: { to: 'remote', route: ['wan'] } } : {}) };
  if (replicated) vtls.remote = library('R', {});

  const w = d.stream('workload');
  const { clients, jobs } = nightlyClients(w, {
    size: [1, 100], change: [0, 10],
    levels: [
      { full: 'weekly Sun' },
      { full: 'weekly Sun', differential: 'weekly Wed' },
      { full: 'monthly 1', 'synthetic-full': 'weekly Sat' },
      { full: 'monthly 1', otherwise: 'differential' },
    ],
    step: (c) => ({ 'vtl.write': { vtl: 'site', bytes: 'data', level: 'data', dataset: c, route: ['lan'] } }),
  });
  const libs = replicated ? ['site', 'remote'] : ['site'];
  const chores: Doc[] = libs.flatMap((v) => [{ 'vtl.expire': { vtl: v } }, { 'vtl.gc': { vtl: v } }]);
  if (replicated) chores.splice(pick(w, [0, 2, 4]), 0, { 'vtl.replicate': { vtl: 'site' } });
  if (w.bernoulli(0.6)) chores.splice(between(w, 0, chores.length), 0, { 'vtl.restore': { vtl: pick(w, libs), dataset: pick(w, clients), day: between(w, 0, days - 1), route: ['lan'] } });
  jobs.maintenance = { kind: 'maintenance', schedule: `daily 0${between(w, 2, 9)}:00`, steps: chores };

  const f = d.stream('faults');
  const list: Doc[] = [];
  const at = () => `${between(f, 1, days * 24 - 1)} h`;
  if (faults !== 'none') {
    for (let k = faults === 'light' ? between(f, 0, 1) : between(f, 1, 3); k > 0; k--) {
      const link = pick(f, replicated ? ['lan', 'wan'] : ['lan']);
      const down = between(f, 1, days * 24 - 1);
      list.push({ at: `${down} h`, 'link-down': link }, { at: `${down + between(f, 1, 8)} h`, 'link-up': link });
    }
  }
  if (faults === 'heavy' && f.bernoulli(0.4)) list.push({ at: at(), 'device-fails': pick(f, libs) });
  return {
    name: `fuzz vtl ${seed}`, seed, until: `${days} d`,
    calendar: { epoch: '2026-01-01 00:00' },
    topology: {
      hosts: { clients: {}, server: {}, ...(replicated ? { far: {} } : {}) },
      links: {
        lan: { between: ['clients', 'server'], bandwidth: pick(t, ['1 Gb/s', '10 Gb/s']) },
        ...(replicated ? { wan: { between: ['server', 'far'], bandwidth: pick(t, ['50 Mb/s', '155 Mb/s', '1 Gb/s']), latency: pick(t, ['5 ms', '40 ms']) } } : {}),
      },
      vtls,
    },
    workload: { jobs },
    ...(list.length ? { faults: list } : {}),
    checks: ['events >= 0'],
  };
};
