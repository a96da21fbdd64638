/** The FC fabric family's command, declared once. */
import { command, type TransferResult } from '../../engine/commands.ts';

/** Bytes between two ports of a fabric (default: the one `from` is in), zoned and routed over ISLs. */
export const sanTransfer = command<{ fabric?: string; from: string; to: string; bytes: number; cap?: number }, TransferResult>('san.transfer');
