/** The hypervisor family's commands, declared once: arguments and answers. */
import { command } from '../../engine/commands.ts';

interface OnVm { vm: string }

/** Quiesce: the VM's writes (to `disks`, default all) queue in memory until the thaw. */
export const vmFreeze = command<OnVm & { disks?: readonly string[] }, { vm: string; time: number; disks: string[]; limit: number; written: number }>('vm.freeze');
export const vmThaw = command<OnVm, { vm: string; queuedBytes: number; frozenFor: number; overLimit: boolean; bytes: number }>('vm.thaw');
/** A guest write: on the disk (`bytes`) or, while frozen, held in memory (`queued`). */
export const vmWrite = command<OnVm & { disk: string; bytes: number; changed?: number }, { vm: string; disk: string; bytes: number; queued: number }>('vm.write');
/** A new VM like `like`, with one volume for each of its disks. */
export const vmRegister = command<OnVm & { hypervisor: string; like: string; volumes: readonly string[] }, { vm: string; hypervisor: string; host: string; disks: string[] }>('vm.register');
export const vmStart = command<OnVm, { vm: string; time: number }>('vm.start');
export const vmStop = command<OnVm, { vm: string; time: number }>('vm.stop');
