/**
 * What each design's bytes cost the processors they cross, by the one cost
 * law (sim/model/servers/byte-cost.ts), the same law for every design:
 *
 * | design          | client partition              | LAN-free server / backup server |
 * |-----------------|-------------------------------|---------------------------------|
 * | lan, shared     | TCP send + virtual Ethernet   | TCP receive + FC write          |
 * | dedicated, npiv | shared memory to its own agent + FC write | (backup server: TCP receive + FC write, for the LAN fallback) |
 *
 * The VIOS's costs are its own device links, priced by the same law: the SEA
 * bridge (`VIOS.sea`) for what leaves a server over the LAN, the NPIV
 * pass-through (`VIOS.npiv`) for the npiv design's tape I/O.
 *
 * One CPU link carries one price per byte, so a host is charged the stack of
 * its design's data path; a LAN fallback from a dedicated or npiv client is
 * charged at that client's SAN stack (an approximation the fallback, rare,
 * does not move).
 */
import { copyCyclesOf, layersOf, stackCycles, type LayerName } from '../../model/servers/byte-cost.ts';
import type { ComputeDef } from '../../model/servers/family.ts';
import type { LanFreeSection } from './section.ts';

export interface CpuCharge {
  host: string;
  layers: LayerName[];
  cyclesPerByte: number;
  /** Hz, to turn the bytes the link carried into CPU seconds */
  clock: number;
}

const SENDER: LayerName[] = ['tcpSend', 'vethCopy'];
const OWN_AGENT: LayerName[] = ['sharedMemory', 'fcWrite'];
const RECEIVER: LayerName[] = ['tcpReceive', 'fcWrite'];

/** The stacks each CPU of the data path runs in a design. */
export function cpuCharges(
  design: LanFreeSection['design'], compute: ComputeDef,
  who: { backupServer: string; lanfreeServers: string[]; clients: string[] },
): CpuCharge[] {
  const stacks = new Map<string, LayerName[]>();
  const clientStack = design === 'dedicated' || design === 'npiv' ? OWN_AGENT : SENDER;
  for (const c of who.clients) stacks.set(c, clientStack);
  for (const l of who.lanfreeServers) if (design === 'shared') stacks.set(l, RECEIVER);
  stacks.set(who.backupServer, RECEIVER);
  const cpus = [...compute.hosts, ...compute.partitions.map((p) => ({ ...p, host: p.name }))];
  const out: CpuCharge[] = [];
  for (const [host, layers] of stacks) {
    const cpu = cpus.find((x) => x.host === host);
    if (cpu === undefined) continue; // design.ts refuses a data path through a host without cores
    out.push({ host, layers, cyclesPerByte: stackCycles(layers.map((l) => layersOf(cpu)[l]), copyCyclesOf(cpu.clock, cpu.copyBandwidth)), clock: cpu.clock });
  }
  return out;
}
