/** vmdr scenarios: primary hosts with writing VMs on mirrored volumes, alternate hosts at the secondary site, one DR design; disasters of hosts, arrays, hypervisors or the whole site, alternate-host and secondary-array failures, WAN flaps. */
import { between, Draw, pick, sizeMB, type Doc, type Generator } from '../draw.ts';

/** 40 min: a few backups before a disaster and the failover after it, in well under a second of wall time. */
const UNTIL_S = 2400;

/** Primary hosts (each with its own volumes) mirrored over a WAN to a secondary site with alternate hosts and the DR services. */
export const vmdr: Generator = (seed, faults) => {
  const d = new Draw(seed);
  const t = d.stream('topology');
  const primaries = between(t, 1, 3);
  const alternates = between(t, 1, 3);
  const arrays = between(t, 1, 2);
  const hosts: Record<string, Doc> = { 'dr-mgr': { site: 'secondary' } };
  const links: Record<string, Doc> = {
    'l-dr': { between: ['dr-mgr', 'sw-b'], port: '10GbE' },
    wan: { between: ['sw-a', 'sw-b'], bandwidth: pick(t, ['155 Mb/s', '1 Gb/s', '10 Gb/s']), latency: pick(t, ['1 ms', '5 ms', '20 ms']) },
  };
  const interval = pick(t, ['2 min', '5 min', '10 min']);
  const storage: Record<string, Doc> = {};
  for (let a = 1; a <= arrays; a++) {
    storage[`fas-a${a}`] = { site: 'primary', rate: pick(t, ['500 MB/s', '1 GB/s', '2 GB/s']), volumes: {}, mirrors: {} };
    storage[`fas-b${a}`] = { site: 'secondary', rate: pick(t, ['500 MB/s', '1 GB/s', '2 GB/s']), volumes: {} };
  }
  const hypervisors: Record<string, Doc> = {};
  for (let p = 1; p <= primaries; p++) {
    hosts[`a${p}`] = { site: 'primary' };
    links[`l-a${p}`] = { between: [`a${p}`, 'sw-a'], port: '10GbE' };
    // Each host backs up its own volumes (the plan refuses a volume shared between hosts).
    const volumes: [string, string][] = [];
    for (let v = between(t, 1, 2); v > 0; v--) {
      const a = between(t, 1, arrays);
      const name = `v${p}${v}`;
      (storage[`fas-a${a}`].volumes as Doc)[name] = { size: '1 TB', used: sizeMB(t, 1e8, 5e9) };
      (storage[`fas-a${a}`].mirrors as Doc)[`m-${name}`] = { volume: name, to: { system: `fas-b${a}`, volume: name }, route: ['wan'], interval };
      (storage[`fas-b${a}`].volumes as Doc)[name] = { size: '1 TB' };
      volumes.push([`fas-a${a}`, name]);
    }
    const vms: Record<string, Doc> = {};
    for (let n = between(t, 1, 3); n > 0; n--) {
      const [array, volume] = pick(t, volumes);
      vms[`vm${p}${n}`] = {
        disks: { d: { kind: 'virtual', storage: array, volume } },
        writers: [{ disk: 'd', rate: `${between(t, 1, 8)} MB/s`, pattern: { cv: pick(t, [0, 0.5]) } }],
      };
    }
    hypervisors[`hv-a${p}`] = { host: `a${p}`, vms };
  }
  const alternateHosts: string[] = [];
  for (let b = 1; b <= alternates; b++) {
    hosts[`b${b}`] = { site: 'secondary' };
    links[`l-b${b}`] = { between: [`b${b}`, 'sw-b'], port: '10GbE' };
    hypervisors[`hv-b${b}`] = { host: `b${b}`, vms: {} };
    alternateHosts.push(`b${b}`);
  }
  // An array no volume landed on is left out, with its secondary (an array needs a volume).
  for (let a = 1; a <= arrays; a++) {
    if (Object.keys(storage[`fas-a${a}`].volumes as Doc).length === 0) { delete storage[`fas-a${a}`]; delete storage[`fas-b${a}`]; }
  }
  const used = Object.keys(storage).filter((n) => n.startsWith('fas-a'));
  const w = d.stream('workload');
  const design = pick(w, ['automated', 'manual', 'primary-only'] as const);
  const retain = w.bernoulli(0.3) ? between(w, 1, 3) : undefined;
  const plan: Doc = { backup: pick(w, ['2 min', '5 min', '10 min']), replication: pick(w, ['after-backup', 'after-backup', '3 min', '10 min']), ...(retain ? { retain } : {}) };
  const protocol: Doc = {
    name: 'vmdr', design, services: 'dr-mgr', alternates: alternateHosts, plan,
    quiesce: { prepare: pick(w, ['0 s', '2 s']), commit: pick(w, ['1 s', '5 s']) },
    detection: { heartbeat: '1 s', missed: between(w, 2, 5) },
    failover: { remount: `${between(w, 5, 60)} s`, restore: `${between(w, 10, 120)} s` },
    ...(design === 'manual' ? { operator: { reaction: `${between(w, 1, 10)} min`, perVm: `${between(w, 1, 5)} min` } } : {}),
  };
  const f = d.stream('faults');
  const list: Doc[] = [];
  const at = (lo: number, hi: number) => `${between(f, lo, hi)}.${between(f, 0, 9)} s`;
  const disaster = (): Doc => pick(f, [
    { 'site-fails': 'primary' },
    { 'host-fails': `a${between(f, 1, primaries)}` },
    { 'device-fails': pick(f, used) },
    { 'device-fails': `hv-a${between(f, 1, primaries)}` },
  ]);
  if (faults !== 'none') list.push({ at: at(120, 1800), ...disaster() });
  if (faults === 'heavy') {
    for (let k = between(f, 0, 2); k > 0; k--) list.push({ at: at(120, 2200), ...disaster() });
    for (let k = between(f, 0, alternates); k > 0; k--) list.push({ at: at(120, 2200), 'host-fails': pick(f, alternateHosts) });
    if (f.bernoulli(0.2)) list.push({ at: at(120, 2200), 'device-fails': pick(f, used).replace('fas-a', 'fas-b') });
    if (f.bernoulli(0.5)) list.push({ random: { kind: 'link-flap', targets: ['wan'], mtbf: pick(f, ['5 min', '20 min']), mttr: pick(f, ['2 s', '30 s']), until: '40 min' } });
  }
  return {
    name: `fuzz vmdr ${seed}`, seed, until: `${UNTIL_S} s`,
    topology: {
      sites: { primary: {}, secondary: {} }, hosts, switches: { 'sw-a': { site: 'primary' }, 'sw-b': { site: 'secondary' } }, links, storage, hypervisors,
    },
    protocol,
    ...(list.length ? { faults: list } : {}),
    checks: ['events >= 0'],
  };
};
