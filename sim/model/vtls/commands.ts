/** The virtual tape library family's commands, declared once: arguments and answers. */
import { command } from '../../engine/commands.ts';

interface OnCartridge { vtl: string; cartridge: string }

export interface VtlWritten {
  bytes: number;
  newBytes: number;
  storedBytes: number;
  chunks: number;
  newChunks: number;
  /** host bytes per stored byte; null when nothing was stored */
  ratio: number | null;
}
export const vtlWrite = command<OnCartridge & {
  bytes: number;
  route?: readonly string[];
  /** whose chunks these are (default: the cartridge's barcode) */
  dataset?: string;
  /** the share of chunks changed since the dataset's last write, 0 to 1 */
  change?: number;
}, VtlWritten>('vtl.write');

export interface VtlReplicated { bytes: number; wireBytes: number; storedBytes: number; chunks: number; into: string }
export const vtlReplicate = command<OnCartridge & { to?: string; route?: readonly string[]; into?: string; dedup?: boolean }, VtlReplicated>('vtl.replicate');

export interface VtlCartridge { vtl: string; cartridge: string; bytes: number; storedBytes: number; pendingBytes: number; pendingWireBytes: number }
export const vtlCartridge = command<OnCartridge, VtlCartridge>('vtl.cartridge');

export const vtlCopy = command<OnCartridge & { bytes?: number; route?: readonly string[] }, { bytes: number; tape: string | null }>('vtl.copy');
