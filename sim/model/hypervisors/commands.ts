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
