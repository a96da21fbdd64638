/**
 * One cost law for every layer that moves bytes through a processor: the
 * sending TCP stack, the hypervisor's virtual Ethernet copy, the VIOS's
 * Shared Ethernet Adapter bridge and NPIV pass-through, a storage agent's or
 * backup server's TCP receive and SCSI/FC write, HBA DMA. A layer costs
 *
 *   cycles/byte = userCopies × userCopyCycles + kernelCopies × (clock / copyBandwidth)
 *               + perByte + perPacket / packetBytes + perIo / ioBytes
 *
 * so CPU seconds = cycles/byte × bytes / clock, and a path the CPU bounds
 * moves at most cores × clock / cycles/byte. Layers on one processor add up
 * (`stackCycles`). Cycles scale with the clock as IBM's sizing rules say
 * ("scale by the ratio of the processor frequencies"): a count of cycles is
 * the same on any clock.
 *
 * A user-to-kernel copy (or back) is costed with the system calls that make
 * it, from the zero-copy measurement below; an in-kernel copy is a plain
 * memory copy at the host's per-core copy rate (host.ts); DMA costs no cycle
 * per byte, only its I/O's setup.
 */
import type { CpuCost, IoCost } from './cpu-cost.ts';


/** The parts of one layer's cost; cycles are processor cycles, any clock. */
export interface LayerCost {
  /** what the layer is, for reports */
  what: string;
  /** user<->kernel copies per byte (each with its share of system calls), and the processor's cycles per byte of one */
  userCopies?: number;
  userCopyCycles?: number;
  /** in-kernel memory copies per byte */
  kernelCopies?: number;
  /** other cycles per byte (checksums, bridging's data-touching work) */
  perByte?: number;
  /** cycles per packet and the payload bytes of one packet */
  perPacket?: number;
  packetBytes?: number;
  /** cycles per I/O (command, interrupt, DMA setup) and the bytes of one I/O */
  perIo?: number;
  ioBytes?: number;
}

/** TCP payload of one MTU 1500 segment (1500 − 20 IP − 20 TCP − 12 timestamp option). */
export const MTU1500_PAYLOAD = 1448;
/** TCP payload of one MTU 9000 segment. */
export const MTU9000_PAYLOAD = 8948;

/** GbE TCP payload, bytes/s: 948 and 989 Mb/s (AIX "Adapter performance guidelines"; its "MB/s" column is MiB/s). */
export const GBE_PAYLOAD = { 1500: 948e6 / 8, 9000: 989e6 / 8 } as const;
/** Processors of 1.65 GHz per GbE adapter at full rate (IBM POWER5 Infocenter "Processor allocation", SEA). */
export const SEA_PROCESSORS_PER_GBE = { 1500: 1, 9000: 0.5 } as const;
/** The reference processor of IBM's SEA sizing rule. */
export const SEA_REFERENCE_CLOCK = 1.65e9;
const seaPoint = (mtu: 1500 | 9000): number => (SEA_PROCESSORS_PER_GBE[mtu] * SEA_REFERENCE_CLOCK) / GBE_PAYLOAD[mtu];
/**
 * The SEA rule's two published points (MTU 1500 and 9000) split into a cost
 * per packet and per byte: c1 = b + p/1448, c9 = b + p/8948.
 */
export const SEA_PACKET_CYCLES = (seaPoint(1500) - seaPoint(9000)) / (1 / MTU1500_PAYLOAD - 1 / MTU9000_PAYLOAD);
export const SEA_BYTE_CYCLES = seaPoint(9000) - SEA_PACKET_CYCLES / MTU9000_PAYLOAD;

/**
 * The layers, each a LayerCost, priced by the figures of the processor that
 * runs them (cpu-cost.ts declares them, with their sources and assumptions);
 * `kernelCopies` by its clock over its copy rate.
 */
export function layersOf(cpu: CpuCost) {
  // The TCP rule split: the user copy's share per byte, the rest per MTU 1500 segment.
  const userCopyCycles = cpu.zeroCopyShare * cpu.tcpCycles;
  const perPacket = (1 - cpu.zeroCopyShare) * cpu.tcpCycles * MTU1500_PAYLOAD;
  return {
    tcpSend: { what: 'TCP send (user-to-kernel copy, segments of MTU 1500)', userCopies: 1, userCopyCycles, perPacket, packetBytes: MTU1500_PAYLOAD },
    tcpReceive: { what: 'TCP receive (kernel-to-user copy, segments of MTU 1500)', userCopies: 1, userCopyCycles, perPacket, packetBytes: MTU1500_PAYLOAD },
    vethCopy: { what: 'virtual Ethernet: the hypervisor copies each frame between the partitions\' buffers', kernelCopies: 1 },
    sharedMemory: { what: 'client to its own storage agent through shared memory (COMMMETHOD SHAREDMEM)', userCopies: 1, userCopyCycles },
    fcWrite: { what: 'SCSI write through an FC HBA (DMA: no cycle per byte)', perIo: cpu.ioCycles, ioBytes: cpu.ioSize },
    npivPassThrough: npivLayer(cpu),
  } as const satisfies Record<string, LayerCost>;
}

/** NPIV pass-through on a VIOS of that I/O cost. */
export function npivLayer(io: IoCost): LayerCost {
  return { what: 'NPIV pass-through on the VIOS (vfchost relays the command; DMA to the client\'s memory)', perIo: io.ioCycles, ioBytes: io.ioSize };
}
export type LayerName = keyof ReturnType<typeof layersOf>;

/** The SEA bridge at an MTU, in the law's terms. */
export function seaLayer(mtu: 1500 | 9000): LayerCost {
  return { what: `SEA bridging at MTU ${mtu}`, perByte: SEA_BYTE_CYCLES, perPacket: SEA_PACKET_CYCLES, packetBytes: mtu === 1500 ? MTU1500_PAYLOAD : MTU9000_PAYLOAD };
}

/** The law: cycles one byte costs in a layer, on a processor whose in-kernel copy costs `copyCycles` per byte. */
export function cyclesPerByte(layer: LayerCost, copyCycles: number): number {
  const per = (cycles: number | undefined, bytes: number | undefined): number => (cycles === undefined || bytes === undefined ? 0 : cycles / bytes);
  return (layer.userCopies ?? 0) * (layer.userCopyCycles ?? 0) + (layer.kernelCopies ?? 0) * copyCycles + (layer.perByte ?? 0)
    + per(layer.perPacket, layer.packetBytes) + per(layer.perIo, layer.ioBytes);
}

/** Cycles per byte of layers run one after the other on one processor. */
export function stackCycles(layers: readonly LayerCost[], copyCycles: number): number {
  return layers.reduce((a, l) => a + cyclesPerByte(l, copyCycles), 0);
}

/** An in-kernel copy's cycles per byte on a core of `clock` Hz copying `copyBandwidth` bytes/s. */
export const copyCyclesOf = (clock: number, copyBandwidth: number): number => clock / copyBandwidth;
/** CPU seconds of `bytes` at `cycles` per byte on a `clock` Hz core. */
export const cpuSeconds = (cycles: number, bytes: number, clock: number): number => (cycles * bytes) / clock;
/** Bytes/s a path bounded by `cores` cores of `clock` Hz moves at `cycles` per byte. */
export const cpuBoundRate = (cores: number, clock: number, cycles: number): number => (cores * clock) / cycles;
