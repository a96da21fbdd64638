/** consistentsnap scenarios: one database VM over virtual and raw-mapped disks, a backup client across a LAN, one design; slow or flaky providers, array, hypervisor and host failures, LAN flaps. */
import { between, Draw, pick, sizeMB, type Doc, type Generator } from '../draw.ts';

/** A VM whose disks lie on one or two arrays (some raw-mapped LUNs), its database's log and data on two of them, backed up once. */
export const consistentsnap: Generator = (seed, faults) => {
  const d = new Draw(seed);
  const t = d.stream('topology');
  const arrays = between(t, 1, 2);
  const storage: Record<string, Doc> = {};
  for (let a = 1; a <= arrays; a++) storage[`array${a}`] = { rate: pick(t, ['500 MB/s', '2 GB/s']), volumes: { ds: { size: '4 TB', used: sizeMB(t, 1e9, 1e12) } } };
  // Disk c is always virtual; the others each virtual on a datastore or a raw-mapped LUN of their own.
  const disks: Record<string, Doc> = { c: { kind: 'virtual', storage: 'array1', volume: 'ds' } };
  const names = ['c'];
  for (let n = between(t, 1, 3); n > 0; n--) {
    const name = `d${n}`;
    const array = `array${between(t, 1, arrays)}`;
    if (t.bernoulli(0.5)) {
      (storage[array].volumes as Doc)[`lun-${name}`] = { size: '1 TB', used: sizeMB(t, 1e9, 5e11) };
      disks[name] = { kind: 'rdm', storage: array, volume: `lun-${name}` };
    } else {
      disks[name] = { kind: 'virtual', storage: array, volume: 'ds' };
    }
    names.push(name);
  }
  const log = pick(t, names);
  const data = pick(t, names.filter((n) => n !== log));
  const vss = { flushHold: pick(t, ['5 s', '10 s']), freeze: pick(t, ['20 s', '60 s']) };
  const links: Record<string, Doc> = { lan: { between: ['backup1', 'esx1'], bandwidth: pick(t, ['1 Gb/s', '10 Gb/s']), latency: pick(t, ['100 us', '500 us', '5 ms']) } };
  const w = d.stream('workload');
  const design = pick(w, ['patented', 'separate'] as const);
  const volumes = names.filter(() => w.bernoulli(0.8));
  const protocol: Doc = {
    name: 'consistentsnap', design, client: 'backup1', vcenter: 'vc1', vm: 'sql', route: ['lan'],
    start: `${between(w, 0, 120)} s`, prepare: `${between(w, 0, 5)} s`, install: `${between(w, 1, 60)} s`,
    ...(volumes.length > 0 ? { volumes } : {}),
    snapshot: { virtual: pick(w, ['500 ms', '1 s', '4 s', '8 s', '12 s']), physical: pick(w, ['500 ms', '1 s', '3 s']), cv: pick(w, [0, 0, 0.3]) },
    retry: { attempts: between(w, 1, 4), after: pick(w, ['30 s', '1 min', '5 min']), timeout: pick(w, ['30 s', '2 min']) },
    application: { log, data, tps: pick(w, [10, 50, 100]), arrivals: pick(w, ['poisson', 'steady']) },
  };
  const writers = w.bernoulli(0.5) ? [{ disk: 'c', rate: pick(w, ['256 KiB/s', '1 MiB/s']), pattern: { cv: 0 } }] : [];
  const f = d.stream('faults');
  const list: Doc[] = [];
  // The backup runs within the first minutes; faults strike around it.
  const at = () => `${between(f, 1, 400)}.${between(f, 0, 9)} s`;
  const kinds = [
    () => ({ 'device-fails': `array${between(f, 1, arrays)}` }),
    () => ({ 'device-fails': 'hv1' }),
    () => ({ 'host-fails': pick(f, ['esx1', 'backup1', 'vc1']) }),
    () => ({ 'link-down': 'lan' }),
  ];
  if (faults !== 'none') {
    for (let k = faults === 'light' ? between(f, 0, 1) : between(f, 1, 3); k > 0; k--) list.push({ at: at(), ...pick(f, kinds)() });
    if (faults === 'heavy' && f.bernoulli(0.5)) list.push({ random: { kind: 'link-flap', targets: ['lan'], mtbf: pick(f, ['30 s', '5 min']), mttr: pick(f, ['10 ms', '1 s']), until: '20 min' } });
  }
  // No until: every backup ends (completed or failed), the application stops when it has checked the set, and the run must go idle; a hang is a violation.
  return {
    name: `fuzz consistentsnap ${seed}`, seed,
    topology: {
      hosts: { esx1: {}, backup1: {}, vc1: {} }, links, storage,
      hypervisors: { hv1: { host: 'esx1', vms: { sql: { vss, disks, writers } } } },
    },
    protocol,
    ...(list.length ? { faults: list } : {}),
    checks: ['events >= 0'],
  };
};
