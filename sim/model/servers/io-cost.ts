/**
 * The per-I/O part of the cost law (byte-cost.ts) as declared fields: what
 * one SCSI I/O through an FC HBA costs the processor that issues or relays
 * it, and how many bytes one such I/O carries. No table of cycles per I/O
 * was captured, so both are named assumptions, on every CPU that issues
 * them (a host, a server's partitions) and on the VIOS that relays NPIV.
 */
import { number, size } from '../../foundation/declare.ts';

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
