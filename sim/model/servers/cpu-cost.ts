/**
 * The figures of the cost law (byte-cost.ts) a processor carries, as
 * declared fields, so every report lists them and sensitivity varies them:
 *
 * - its TCP endpoint cost and the share of it the user<->kernel copy takes
 *   (published: the "1 GHz per 1 Gbps" rule, the MSG_ZEROCOPY measurement),
 *   on every CPU that runs TCP (a host, a server's partitions);
 * - what one SCSI I/O through an FC HBA costs the processor that issues or
 *   relays it, and the bytes of one I/O: no table of cycles per I/O was
 *   captured, so both are named assumptions, on those CPUs and on the VIOS
 *   that relays NPIV.
 */
import { number, size } from '../../foundation/declare.ts';

/** What a processor pays per byte of a TCP endpoint, and how much of it is the user<->kernel copy. */
export interface TcpCost {
  /** cycles per byte sent or received at MTU 1500, copy and segments together */
  tcpCycles: number;
  /** the share of those cycles the user<->kernel copy (with its system calls) takes; the rest is per segment */
  zeroCopyShare: number;
}

/** Every figure of the law a CPU carries. */
export type CpuCost = TcpCost & IoCost;

/** The TCP fields of a CPU's declaration. */
export const tcpCostFields = () => ({
  tcpCycles: number({
    description: 'Processor cycles per byte of a TCP endpoint (sending or receiving, MTU 1500): the user<->kernel copy with its system calls plus the per-segment work.',
    default: 8,
    exclusiveMinimum: 0,
    unit: 'cycles per byte',
    source: 'the TCP rule of thumb "1 GHz per 1 Gbps" (one hertz per bit/s, 8 cycles per byte), as examined by Foong et al., "TCP performance re-visited", ISPASS 2003 (Intel)',
  }),
  zeroCopyShare: number({
    description: 'Share of tcpCycles the user<->kernel copy takes (the rest is per segment of 1448 bytes): a user copy with its system calls costs zeroCopyShare x tcpCycles per byte.',
    default: 0.7,
    minimum: 0,
    maximum: 1,
    unit: 'share of tcpCycles',
    source: 'removing the copy with MSG_ZEROCOPY cut netserver process cycles "up to 70 %" (Linux commit f214f915e7db, W. de Bruijn, "tcp: enable MSG_ZEROCOPY"), domain-figures §6',
    spread: { low: 0.2, source: 'the same commit: "up to 70 %" of the process\'s cycles, "up to 20 %" system-wide (domain-figures §6)' },
  }),
});

/** What a processor pays per SCSI I/O and the bytes of one I/O. */
export interface IoCost {
  /** cycles per I/O: command, interrupt, DMA setup */
  ioCycles: number;
  /** bytes of one I/O: the tape block */
  ioSize: number;
}

const VSCSI = 'IBM\'s Virtual SCSI sizing says the processor time of an I/O is "fairly constant for a given I/O size" and the client\'s is "comparable to that of a locally attached I/O device" (POWER5 Infocenter "Virtual SCSI sizing considerations"); its table of cycles per operation was not captured';

/** The fields, `what` saying whose I/O (a host's own, or the NPIV I/O a VIOS relays). */
export const ioCostFields = (what: string) => ({
  ioCycles: number({
    description: `Processor cycles of one SCSI I/O ${what} (command, interrupt, DMA setup; the HBA's DMA touches no byte): the law's per-I/O term, cycles per byte = ioCycles / ioSize.`,
    default: 50_000,
    exclusiveMinimum: 0,
    unit: 'cycles per I/O',
    source: `UNSOURCED: ${VSCSI}, so this is an assumption of its order (tens of thousands); sweep 10,000-100,000`,
  }),
  ioSize: size({
    description: `Bytes of one SCSI I/O ${what} (the tape block).`,
    default: '256 KiB',
    positive: true,
    source: 'UNSOURCED: a 256 KiB block, as LTO drives are commonly written; sweep 64 KiB-1 MiB',
  }),
});
