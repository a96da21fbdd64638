/** The virtual tape library family's job-step commands, declared once: parameters, arguments and answers. */
import { stepCommand } from '../../engine/step-command.ts';

const vtl = { kind: 'name', ref: 'vtl', required: true, description: 'the library' } as const;
const cartridge = { kind: 'name', ref: 'vtl-cartridge', required: true, description: 'a cartridge of that library' } as const;

export interface VtlWritten {
  bytes: number;
  newBytes: number;
  storedBytes: number;
  chunks: number;
  newChunks: number;
  /** host bytes per stored byte; null when nothing was stored */
  ratio: number | null;
}
export const vtlWrite = stepCommand('vtl.write', {
  description: 'A backup stream onto a virtual cartridge: the logical bytes cross the route and the library\'s disk; the dedup store keeps only new chunks. Result { bytes, newBytes, storedBytes, chunks, newChunks, ratio }.',
  params: {
    vtl,
    cartridge,
    bytes: { kind: 'size', required: true, description: 'logical bytes written' },
    route: { kind: 'names', ref: 'link', description: 'links from the backup host to the library' },
    dataset: { kind: 'string', description: 'what is backed up; a dataset written before repeats its stored chunks except the changed ones. Default: the cartridge' },
    change: { kind: 'number', description: 'share of chunks changed since the dataset was last written, 0 to 1. Default: the library\'s dedup.change' },
  },
}).returns<VtlWritten>();

export interface VtlReplicated { bytes: number; wireBytes: number; storedBytes: number; chunks: number; into: string }
export const vtlReplicate = stepCommand('vtl.replicate', {
  description: 'Sends a cartridge\'s chunks written since its last replication (compressed, plus a reference per chunk) to another library. Result { bytes (logical), wireBytes, into }.',
  params: {
    vtl: { ...vtl, description: 'the source library' },
    cartridge,
    to: { kind: 'name', ref: 'vtl', description: 'the target library. Default: the source\'s replicate.to' },
    route: { kind: 'names', ref: 'link', description: 'links from source to target. Default: the source\'s replicate.route' },
    into: { kind: 'name', ref: 'vtl-cartridge', description: 'the target\'s cartridge that receives it. Default: the one in the same slot' },
    dedup: { kind: 'boolean', description: 'false: send the pending logical bytes compressed, without deduplication (a replication that does not know what the target holds). Default true' },
  },
}).returns<VtlReplicated>();

export interface VtlCartridge { vtl: string; cartridge: string; bytes: number; storedBytes: number; pendingBytes: number; pendingWireBytes: number }
export const vtlCartridge = stepCommand('vtl.cartridge', {
  description: 'What a cartridge holds now: resolves { vtl, cartridge, bytes (logical), storedBytes, pendingBytes (logical, not yet replicated), pendingWireBytes }.',
  params: { vtl, cartridge },
}).returns<VtlCartridge>();

export const vtlCopy = stepCommand('vtl.copy', {
  description: 'Copies a cartridge to physical tape: its logical (rehydrated) bytes leave the library\'s disk over the route and through the attached drive\'s device link. Result { bytes, tape }.',
  params: {
    vtl,
    cartridge,
    route: { kind: 'names', ref: 'link', description: 'links from the library to the tape drive; needed unless the library has an attached drive (whose own device link always ends the route)' },
    bytes: { kind: 'size', description: 'how much of the cartridge. Default: all it holds' },
  },
}).returns<{ bytes: number; tape: string | null }>();
