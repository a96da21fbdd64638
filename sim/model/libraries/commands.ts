/**
 * The tape library family's commands, declared once: what a job or a
 * protocol asks of a drive (the job steps, with their parameters), what each
 * answers, and the firmware's own steps.
 */
import { command, type TransferResult } from '../../engine/commands.ts';
import { stepCommand } from '../../engine/step-command.ts';
import type { CartridgeSpec } from './tape-library.ts';

interface OnDrive { drive: string }

const drive = { kind: 'name', ref: 'drive', required: true, description: 'the drive, as LIBRARY/DRIVE' } as const;
const library = { kind: 'name', ref: 'library', required: true, description: 'the library' } as const;

export const tapeMount = stepCommand('tape.mount', {
  description: 'A robot brings the cartridge from its slot (robots are first come, first served), then the drive loads and threads it; a new LTO-9 cartridge is then optimised (media optimisation).',
  params: { library, drive, cartridge: { kind: 'name', ref: 'cartridge', required: true, description: 'the cartridge\'s label' } },
}).returns<{ cartridge: string; drive: string }>();

export const tapeExchange = stepCommand('tape.exchange', {
  description: 'Exchange the mounted cartridge for another (SCSI EXCHANGE MEDIUM; the cycle libraries publish as mounts per hour): rewind if needed and unload, then one robot trip returns it to its slot and brings the other, which the drive loads.',
  params: { library, drive, cartridge: { kind: 'name', ref: 'cartridge', required: true, description: 'the label of the cartridge to mount' } },
}).returns<{ cartridge: string; drive: string; returned: string }>();

/** Rewind if needed, unload, return to the slot; answers with the cartridge it returned. */
export const tapeUnmount = stepCommand('tape.unmount', {
  description: 'Rewind if needed, unload, and a robot returns the cartridge to its slot.',
  params: { library, drive },
}).returns<{ cartridge: string }>();

export interface TapeWritten { bytes: number; cartridges: string[] }
export const tapeWrite = stepCommand('tape.write', {
  description: 'Write bytes at the speed the drive can match; when the cartridge fills, the library swaps in its next empty cartridge of the same generation and writing goes on. Result: bytes, the cartridges written, the back-hitches the drive made meanwhile and the cartridge changes.',
  params: {
    drive,
    bytes: { kind: 'size', required: true, description: 'host bytes to write' },
    route: { kind: 'names', ref: 'link', description: 'links from the data\'s source to the drive (e.g. an FC path); the drive itself is added' },
  },
}).returns<TapeWritten>();

export const tapeRead = stepCommand('tape.read', {
  description: 'Read bytes from the mounted cartridge (at most what it holds), with the same speed matching. Result: bytes and the back-hitches meanwhile.',
  params: {
    drive,
    bytes: { kind: 'size', required: true, description: 'host bytes to read' },
    route: { kind: 'names', ref: 'link', description: 'links from the drive to where the data goes' },
  },
}).returns<{ bytes: number }>();

export const tapeLocate = stepCommand('tape.locate', { description: 'Position the tape: the average locate time.', params: { drive } }).returns<Record<string, never>>();
export const tapeRewind = stepCommand('tape.rewind', { description: 'Rewind to the load point (nothing to do if it is there).', params: { drive } }).returns<Record<string, never>>();

// The firmware's own steps: wait for work, wait for a robot, move bytes.
export const tapeIdle = command<OnDrive>('tape.idle');
export const tapeRobot = command<OnDrive>('tape.robot');
export const tapeStream = command<OnDrive & { route: readonly string[]; bytes: number }, TransferResult>('tape.stream');

/** The operator checks a new cartridge into a free slot of the library (through the I/O station; the robot's trip is not modelled). */
export const tapeCheckIn = command<{ library: string; cartridge: CartridgeSpec }>('tape.checkin');
