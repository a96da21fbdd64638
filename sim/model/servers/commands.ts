/** The servers family's job-step commands, declared once: parameters, arguments and answers. */
import { stepCommand } from '../../engine/step-command.ts';
import { command } from '../../engine/commands.ts';
import type { MigrationResult } from './lpm.ts';

/** `copies` successive memory copies of `bytes` on the host's cores. */
export const hostCopy = stepCommand('host.copy', {
  description: 'Copy bytes in memory on a host\'s cores (copies: successive copies of them); copies on one host share its cores. Resolves { bytes, copies, cpuSeconds, seconds }.',
  params: {
    host: { kind: 'name', ref: 'cpu', required: true, description: 'a host with cores, or a partition' },
    bytes: { kind: 'size', required: true, description: 'the buffer copied' },
    copies: { kind: 'integer', description: 'how many successive copies of it (default 1)' },
  },
}).returns<{ bytes: number; copies: number; cpuSeconds: number; seconds: number }>();

/** Live Partition Mobility of a partition to server `to`. */
export const lpmMigrate = stepCommand('lpm.migrate', {
  description: 'Live Partition Mobility: copy the partition\'s memory to another server while it runs, pause it, re-attach its virtual adapters there. Resolves when it runs on the new server.',
  params: {
    partition: { kind: 'name', ref: 'partition', required: true, description: 'the partition to move' },
    to: { kind: 'name', ref: 'server', required: true, description: 'the server it moves to' },
    memory: { kind: 'size', description: 'bytes to copy (default: the partition\'s memory)' },
    route: { kind: 'names', ref: 'link', description: 'links the memory crosses (default [FROM.mover, TO.mover])' },
  },
}).returns<MigrationResult>();

export interface Where { partition: string; server: string; migratingTo: string | null }
export const partitionWhere = stepCommand('partition.where', {
  description: 'Which server a partition runs on now: resolves { partition, server, migratingTo }.',
  params: { partition: { kind: 'name', ref: 'partition', required: true, description: 'the partition' } },
}).returns<Where>();

/**
 * Prices every byte crossing a host's CPU link at `cyclesPerByte` (the cost
 * law of the layers a protocol runs there, byte-cost.ts): the link's bandwidth
 * becomes cores × clock / cyclesPerByte. Resolves with that bandwidth.
 */
export const hostCharge = command<{ host: string; cyclesPerByte: number }, { bandwidth: number }>('host.charge');
