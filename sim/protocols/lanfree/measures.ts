/**
 * What the lanfree protocol says of a run, read from the network's byte
 * counters (kernel-side, after the run): how long the backups and restores
 * took, which FC HBAs carried data,
 * and what the bridging and the conversion cost in CPU. The clients count the data
 * they sent across the physical LAN themselves (`lan_bytes`), since one byte
 * may cross several of its links.
 */
import { cpuLink } from '../../foundation/link-names.ts';
import { npivLink, seaLink } from '../../foundation/link-names.ts';
import { portLink } from '../../foundation/link-names.ts';
import type { Scenario } from '../../foundation/scenario.ts';
import type { Kernel } from '../../engine/kernel.ts';
import type { JobRow } from '../../foundation/result.ts';


import type { LanFreeDef } from './design.ts';
import { modelOf } from '../../model/models.ts';
import { cpuSeconds as cpuSecondsOf } from '../../model/servers/byte-cost.ts';

/** From the first start to the last end of the jobs of one kind; 0 if none ended. */
export function span(jobs: readonly JobRow[], kind: string): { seconds: number; bytes: number } {
  const mine = jobs.filter((j) => j.kind === kind);
  const ends = mine.map((j) => j.end).filter((e): e is number => e !== null);
  if (mine.length === 0 || ends.length === 0) return { seconds: 0, bytes: 0 };
  const start = Math.min(...mine.map((j) => j.start));
  return { seconds: Math.max(...ends) - start, bytes: mine.reduce((a, j) => a + j.bytes, 0) };
}

export function lanfreeMetrics(def: LanFreeDef, scn: Scenario, kernel: Kernel, jobs: readonly JobRow[]): Record<string, number> {
  const net = kernel.net;
  const carried = (name: string): number => { const id = net.linkIdOrUndefined(name); return id === undefined ? 0 : net.linkCarried(id); };
  // The cost law: cycles per byte x bytes / clock (sim/model/servers/byte-cost.ts).
  const charge = new Map(def.charges.map((c) => [c.host, c]));
  const cpuSeconds = (host: string): number => { const c = charge.get(host); return c === undefined ? 0 : cpuSecondsOf(c.cyclesPerByte, carried(cpuLink(host)), c.clock); };
  const backup = span(jobs, 'backup');
  const restore = span(jobs, 'restore');
  const fabrics = modelOf(scn, 'fabrics');
  let hbas = 0;
  for (const f of fabrics) {
    for (const p of f.ports) if (p.role === 'initiator' && carried(portLink(f.name, p.name, 'tx')) + carried(portLink(f.name, p.name, 'rx')) > 0) hbas++;
  }
  let vios = 0;
  for (const v of Object.values(def.vios)) {
    for (const name of [seaLink(v.name), npivLink(v.name)]) {
      const id = net.linkIdOrUndefined(name);
      // A VIOS device's rate is cores x clock / cycles per byte, so each byte costs cores / rate CPU seconds.
      if (id !== undefined && net.bandwidth[id] > 0) vios += (net.linkCarried(id) * v.cores) / net.bandwidth[id];
    }
  }
  const clients = [...new Set([...def.backups, ...def.restores].map((s) => s.client))];
  return {
    backup_makespan: backup.seconds,
    backup_throughput: backup.seconds > 0 ? backup.bytes / backup.seconds : 0,
    restore_makespan: restore.seconds,
    restore_throughput: restore.seconds > 0 ? restore.bytes / restore.seconds : 0,
    hbas_used: hbas,
    cpu_vios: vios,
    cpu_lanfree_servers: def.lanfreeServers.reduce((a, l) => a + cpuSeconds(l), 0),
    cpu_backup_server: cpuSeconds(def.backupServer),
    cpu_clients: clients.reduce((a, c) => a + cpuSeconds(c), 0),
  };
}
