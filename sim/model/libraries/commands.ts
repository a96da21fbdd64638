/**
 * The tape library family's commands, declared once: what a job or a
 * protocol asks of a drive, what each answers, and the firmware's own steps.
 */
import { command, type TransferResult } from '../../engine/commands.ts';

interface OnDrive { drive: string }
interface InLibrary extends OnDrive { library: string }
interface Moving extends OnDrive {
  bytes: number;
  /** links between the data and the drive; the drive itself is added */
  route?: readonly string[];
}

export const tapeMount = command<InLibrary & { cartridge: string }, { cartridge: string; drive: string }>('tape.mount');
/** Rewind if needed, unload, return to the slot; answers with the cartridge it returned. */
export const tapeUnmount = command<InLibrary, { cartridge: string }>('tape.unmount');
export interface TapeWritten { bytes: number; cartridges: string[] }
export const tapeWrite = command<Moving, TapeWritten>('tape.write');
export const tapeRead = command<Moving, { bytes: number }>('tape.read');
export const tapeLocate = command<OnDrive, Record<string, never>>('tape.locate');
export const tapeRewind = command<OnDrive, Record<string, never>>('tape.rewind');

// The firmware's own steps: wait for work, wait for a robot, move bytes.
export const tapeIdle = command<OnDrive>('tape.idle');
export const tapeRobot = command<OnDrive>('tape.robot');
export const tapeStream = command<OnDrive & { route: readonly string[]; bytes: number }, TransferResult>('tape.stream');
