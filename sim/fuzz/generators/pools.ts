/**
 * pools scenarios: a few clients backing up nightly (weekly fulls or
 * differentials, incrementals) into a disk pool or straight to a tape pool,
 * a morning's maintenance in a drawn order (copy, migrate, expire, reclaim,
 * a restore of a drawn day), small cartridges so they fill, go invalid and
 * return to scratch within the run, and a library that may run out of
 * scratch or of slots; faults fail drives and the LAN. The family's audit (no
 * cartridge over capacity, nothing expired counted as stored, nothing
 * restored after it expired, every cartridge scratch, used or offsite, no
 * more cartridges in the library than slots) is the invariant.
 */
import { between, Draw, pick, type Doc, type Generator } from '../draw.ts';
import { nightlyClients } from './nightly.ts';

export const pools: Generator = (seed, faults) => {
  const d = new Draw(seed);
  const t = d.stream('topology');
  const days = between(t, 8, 30);
  const gen = pick(t, ['LTO-5', 'LTO-6'] as const);
  const media = gen === 'LTO-5' ? 'L5' : 'L6';
  const cartridgeGB = between(t, 20, 200);
  const driveCount = between(t, 1, 4);
  const drives = Object.fromEntries(Array.from({ length: driveCount }, (_, i) => [`d${i + 1}`, { generation: gen, ...(t.bernoulli(0.3) ? { compression: 2 } : {}) }]));
  const names = Object.keys(drives).map((n) => `lib/${n}`);
  // All drives of a pool share compression: give the pool the drives with the first one's.
  const sameAs = (n: string) => (drives[n.slice(4)] as Doc).compression === (drives['d1'] as Doc).compression;
  const tapeDrives = names.filter(sameAs);
  const copyDrives = driveCount > 1 && t.bernoulli(0.6) ? [names[names.length - 1]] : null;
  const withDisk = t.bernoulli(0.8);
  const retention: Doc = t.bernoulli(0.5) ? { days: between(t, 2, 14) } : t.bernoulli(0.5) ? { versions: between(t, 1, 10) } : { days: between(t, 3, 14), versions: between(t, 2, 10) };
  const disk: Doc = { capacity: `${between(t, 100, 2000)} GB`, rate: `${between(t, 200, 2000)} MB/s`, next: 'tp', retention, migrate: { high: between(t, 50, 95), low: between(t, 10, 50) } };
  const tape: Doc = { library: 'lib', drives: tapeDrives, maxScratch: between(t, 5, 80), reclaim: pick(t, [40, 60, 80, 100]), ...(withDisk ? {} : { retention }) };
  const primary = withDisk ? 'dp' : 'tp';
  const copy: Doc | null = copyDrives === null ? null : { of: primary, library: 'lib', drives: copyDrives, route: ['san'], maxScratch: between(t, 5, 80), offsite: t.bernoulli(0.5) };

  const w = d.stream('workload');
  const { clients, jobs } = nightlyClients(w, {
    size: [5, 400], change: [1, 10],
    levels: [{ full: 'weekly Sun' }, { full: 'weekly Sun', differential: 'weekly Wed' }, { full: 'monthly 1' }],
    step: (c) => ({ 'pool.backup': { pool: primary, client: c, bytes: 'data', level: 'data', route: ['lan'] } }),
  });
  const chores: Doc[] = [{ 'pool.expire': { pool: primary } }, { 'pool.reclaim': { pool: 'tp' } }];
  if (withDisk) chores.push({ 'pool.migrate': { pool: 'dp' } });
  if (copy !== null) chores.push({ 'pool.copy': { pool: 'vault' } });
  if (w.bernoulli(0.5)) chores.push({ 'pool.restore': { pool: primary, client: pick(w, clients), day: between(w, 0, days), route: ['lan'] } });
  for (let i = chores.length - 1; i > 0; i--) {
    const j = between(w, 0, i);
    [chores[i], chores[j]] = [chores[j], chores[i]];
  }
  jobs.maintenance = { kind: 'maintenance', schedule: `daily 0${between(w, 2, 8)}:00`, steps: chores };

  const f = d.stream('faults');
  const list: Doc[] = [];
  if (faults !== 'none') {
    for (let k = faults === 'light' ? between(f, 0, 1) : between(f, 1, 3); k > 0; k--) list.push({ at: `${between(f, 1, days * 24 - 1)} h`, 'device-fails': pick(f, names) });
  }
  if (faults === 'heavy' && f.bernoulli(0.5)) {
    // Both ends before the run's until, where a fault is refused (the link comes back up to 12 h later).
    const at = between(f, 1, days * 24 - 13);
    list.push({ at: `${at} h`, 'link-down': 'lan' }, { at: `${at + between(f, 1, 12)} h`, 'link-up': 'lan' });
  }
  const count = between(t, 4, 60);
  // Half the libraries have a few slots to spare at most, so check-ins run out of them (and offsite copies free them).
  const sl = d.stream('slots');
  const slots = sl.bernoulli(0.5) ? { slots: count + between(sl, 0, 20) } : {};
  return {
    name: `fuzz pools ${seed}`, seed, until: `${days} d`,
    topology: {
      hosts: { clients: {}, server: {}, fabric: {} },
      links: { lan: { between: ['clients', 'server'], bandwidth: pick(t, ['1 Gb/s', '10 Gb/s', '25 Gb/s']) }, san: { between: ['server', 'fabric'], bandwidth: '8 Gb/s' } },
      libraries: { lib: { drives, ...slots, cartridges: { [`P00001${media}`]: { count, capacity: `${cartridgeGB} GB` } } } },
      pools: { ...(withDisk ? { disk: { dp: disk } } : {}), tape: { tp: tape }, ...(copy !== null ? { copy: { vault: copy } } : {}) },
    },
    workload: { jobs },
    ...(list.length ? { faults: list } : {}),
    checks: ['events >= 0'],
  };
};
