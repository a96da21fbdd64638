/** The servers family's commands, declared once: arguments and answers. */
import { command } from '../../engine/commands.ts';
import type { MigrationResult } from './lpm.ts';

/** `copies` successive memory copies of `bytes` on the host's cores. */
export const hostCopy = command<{ host: string; bytes: number; copies?: number }, { bytes: number; copies: number; cpuSeconds: number; seconds: number }>('host.copy');
/** Live Partition Mobility of a partition to server `to`. */
export const lpmMigrate = command<{ partition: string; to: string; memory?: number; route?: readonly string[] }, MigrationResult>('lpm.migrate');
export interface Where { partition: string; server: string; migratingTo: string | null }
export const partitionWhere = command<{ partition: string }, Where>('partition.where');
