/** The virtual tape library family's job-step commands, declared once: parameters, arguments and answers. */
import { stepCommand } from '../../engine/step-command.ts';

const vtl = { kind: 'name', ref: 'vtl', required: true, description: 'the library' } as const;
const cartridge = { kind: 'name', ref: 'vtl-cartridge', required: true, description: 'a cartridge of that library' } as const;
const dataset = { kind: 'string', required: true, description: 'what is backed up (a client, a file system)' } as const;

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
    cartridge: { ...cartridge, required: false, description: 'a cartridge of that library. Default: the cartridge being filled, or a scratch one' },
    bytes: { kind: 'size', required: true, description: 'logical bytes written' },
    route: { kind: 'names', ref: 'link', description: 'links from the backup host to the library' },
    dataset: { kind: 'string', description: 'what is backed up; a dataset written before repeats its stored chunks except the changed ones. Default: the cartridge (needed when no cartridge is named)' },
    level: { kind: 'string', description: 'the backup level the write is a version of: full, incremental, differential or synthetic-full (the client\'s incremental, then the full built on the library from its chain); `data` in a scheduled job with data: each occurrence\'s level. Default full' },
    change: { kind: 'number', description: 'share of chunks changed since the dataset was last written, 0 to 1. Default: 1 for an incremental (it holds only what changed), else the library\'s dedup.change' },
  },
}).returns<VtlWritten>();

export interface VtlReplicated { bytes: number; wireBytes: number; storedBytes: number; chunks: number; into: string }
export const vtlReplicate = stepCommand('vtl.replicate', {
  description: 'Sends a cartridge\'s chunks written since its last replication (compressed, plus a reference per chunk) to another library. Result { bytes (logical), wireBytes, into }.',
  params: {
    vtl: { ...vtl, description: 'the source library' },
    cartridge: { ...cartridge, required: false, description: 'a cartridge of that library. Default: every version written since the last replication that retention still keeps, each landing on the target as a version of its own' },
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

export const vtlExpire = stepCommand('vtl.expire', {
  description: 'Applies the library\'s retention today: versions it no longer keeps are removed (their chunks become garbage where no kept version references them; a cartridge left with none returns to scratch). Result { expired (versions), versions (kept) }.',
  params: { vtl },
}).returns<{ expired: number; versions: number }>();

export const vtlGc = stepCommand('vtl.gc', {
  description: 'Garbage collection (HP D2D housekeeping): works through the garbage on the library\'s disk at its housekeeping rate, then frees it. Result { freed (stored bytes) }.',
  params: { vtl },
}).returns<{ freed: number }>();

export const vtlSynthesize = stepCommand('vtl.synthesize', {
  description: 'A synthetic full built on the library from the dataset\'s chain: no client bytes; with dedup only references are written (a flow of one reference per chunk over the library\'s disk), so stored bytes do not move. Result { bytes (logical), referenceBytes }.',
  params: { vtl, dataset },
}).returns<{ bytes: number; referenceBytes: number }>();

export const vtlRestore = stepCommand('vtl.restore', {
  description: 'Restores a version of a dataset: the dataset as it was then (its logical bytes, rehydrated) leaves the library\'s disk over the route. Refused for a version retention removed. Result { bytes, day, level }.',
  params: {
    vtl,
    dataset,
    day: { kind: 'number', description: 'the day the version was taken (days since time 0); the newest version taken that day. Default: the newest version' },
    route: { kind: 'names', ref: 'link', description: 'links from the library to the restore host' },
  },
}).returns<{ bytes: number; day: number; level: string }>();
