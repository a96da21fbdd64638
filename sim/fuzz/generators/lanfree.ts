/** lanfree scenarios: POWER servers with client partitions, LAN-free servers, one fabric, one library, one design; LPM and device failures. */
import { between, Draw, pick, sizeMB, type Doc, type Generator } from '../draw.ts';

/** POWER servers with client partitions, maybe a LAN-free server each, one fabric, one library, one design. */
export const lanfree: Generator = (seed, faults) => {
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
  // PowerVM refuses LPM for a partition owning a physical HBA: the dedicated design gets no migrations (design.ts refuses them).
  if (faults !== 'none' && serverCount > 1 && design !== 'dedicated') {
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
      maxNumMp: between(w, 1, 3), sessionsPerNode: between(w, 1, 3), transaction: pick(w, ['256 MiB', '2 GiB', '8 GiB']),
      backup: { clients: backups, data: Object.fromEntries(backups.map((c) => [c, sizeMB(w, 1e9, 5e11)])) },
      ...(restores.length ? { restore: { clients: restores, data: sizeMB(w, 1e8, 1e9) } } : {}),
    },
    ...(list.length ? { faults: list } : {}),
    checks: ['events >= 0'],
  };
};
