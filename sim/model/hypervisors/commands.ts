/** The hypervisor family's job-step commands, declared once: parameters, arguments and answers. */
import { stepCommand } from '../../engine/step-command.ts';

const vmParam = { vm: { kind: 'name', ref: 'vm', required: true, description: 'the virtual machine' } } as const;

/** Quiesce: the VM's writes (to `disks`, default all) queue in memory until the thaw. */
export const vmFreeze = stepCommand('vm.freeze', {
  description: 'Quiesce the VM: from now on its writes (to the given disks, default all) wait in memory and nothing reaches the disks; result { vm, time, disks, limit, written } (written: bytes its writes put on its disks so far, all in a snapshot taken now).',
  params: { ...vmParam, disks: { kind: 'names', description: 'only these disks of the VM (default: all)' } },
}).returns<{ vm: string; time: number; disks: string[]; limit: number; written: number }>();

export const vmThaw = stepCommand('vm.thaw', {
  description: 'Release a frozen VM: the queued writes reach the disks now; result { vm, queuedBytes, frozenFor, overLimit, bytes } (bytes: the queued bytes written).',
  params: vmParam,
}).returns<{ vm: string; queuedBytes: number; frozenFor: number; overLimit: boolean; bytes: number }>();

/** A guest write: on the disk (`bytes`) or, while frozen, held in memory (`queued`). */
export const vmWrite = stepCommand('vm.write', {
  description: 'The guest writes bytes to one of its disks: onto the volume, or into the queue while frozen; result { vm, disk, bytes, queued } (bytes: what reached the disk).',
  params: {
    ...vmParam,
    disk: { kind: 'string', required: true, description: 'the disk, by its name in the VM' },
    bytes: { kind: 'size', required: true, description: 'bytes written' },
    changed: { kind: 'size', description: 'distinct bytes touched (default: bytes)' },
  },
}).returns<{ vm: string; disk: string; bytes: number; queued: number }>();

/** A new VM like `like`, with one volume for each of its disks. */
export const vmRegister = stepCommand('vm.register', {
  description: 'Register a VM on a hypervisor (a restore to an alternate host): a new, stopped VM with the disks of VM `like` (same names and kinds) on the given volumes, one per disk in its order, and no writers; result { vm, hypervisor, host, disks }.',
  params: {
    vm: { kind: 'string', required: true, description: 'the new VM\'s name (VM names are global)' },
    hypervisor: { kind: 'name', ref: 'hypervisor', required: true, description: 'where it is registered' },
    like: { kind: 'name', ref: 'vm', required: true, description: 'the VM whose disks it takes (the one backed up)' },
    volumes: { kind: 'names', ref: 'volume', required: true, description: 'system/volume for each disk of `like`, in its order' },
  },
}).returns<{ vm: string; hypervisor: string; host: string; disks: string[] }>();

export const vmStart = stepCommand('vm.start', { description: 'Power the VM on: its writers write from the next tick.', params: vmParam }).returns<{ vm: string; time: number }>();
export const vmStop = stepCommand('vm.stop', { description: 'Power the VM off (it must not be frozen): its writers stop writing.', params: vmParam }).returns<{ vm: string; time: number }>();

export interface VmMigrated {
  vm: string;
  from: string;
  to: string;
  /** the host it runs on now */
  host: string;
  /** memory bytes copied, every round and the final copy */
  bytes: number;
  /** pre-copy rounds, and the bytes copied while stunned */
  rounds: number;
  finalBytes: number;
  /** the threshold was met (else the round limit stopped the rounds) */
  converged: boolean;
  /** the dirty rate SDPS slowed the guest to, bytes/s, or null */
  slowedTo: number | null;
  /** seconds of pre-copy rounds, and stunned (final copy + switch-over) */
  copySeconds: number;
  downtime: number;
}

/** Live migration of a running VM to another hypervisor, in pre-copy rounds over `route`. */
export const vmMigrate = stepCommand('vm.migrate', {
  description: 'Live-migrate a running VM to another hypervisor: its memory crosses the route in rounds while it runs (each round re-sends what it dirtied during the one before), then it is stunned for the final copy and the switch-over, and runs on the target. Its disks stay where they are (shared storage). Resolves { vm, from, to, host, bytes, rounds, finalBytes, converged, slowedTo, copySeconds, downtime }.',
  params: {
    ...vmParam,
    to: { kind: 'name', ref: 'hypervisor', required: true, description: 'the hypervisor it moves to' },
    route: { kind: 'names', ref: 'link', required: true, description: 'links the memory crosses between the two hosts (it shares them with other traffic)' },
    memory: { kind: 'size', description: 'bytes of memory to copy (default: the VM\'s memory)' },
  },
}).returns<VmMigrated>();
