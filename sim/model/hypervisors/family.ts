/**
 * The hypervisors family: `topology.hypervisors`, hosts running VMs whose
 * disks are volumes or raw-mapped LUNs of the storage family, application
 * writers, and the commands that quiesce VMs (vm.freeze, vm.thaw), write,
 * start and stop them, register a restored VM on another hypervisor
 * (vm.register) and move a running VM live to another one in pre-copy rounds
 * (vm.migrate, migrate.ts). A hypervisor is a device: `device-fails: NAME` stops
 * its VMs, and what a frozen VM held in memory is lost.
 *
 * The VSS limits (declared in section.ts) are for the protocols that
 * quiesce VMs to respect; vm.thaw only reports whether a freeze outlasted
 * the writer limit.
 */
import { defineGuarded } from '../guarded.ts';
import { RandomStream } from '../../engine/rng.ts';
import type { Custom } from '../../engine/commands.ts';
import type { Kernel } from '../../engine/kernel.ts';
import type { Wait } from '../../engine/wait.ts';
import type { BuildContext, Family, FamilyRuntime } from '../family.ts';
import { opsOf } from '../../engine/step-command.ts';

import { AppWriter, Hypervisor, VirtualDisk, VirtualMachine } from './hypervisor.ts';
import { HYPERVISORS, resolveHypervisors, type HypervisorDef } from './section.ts';
import { storageModelOf } from '../storage/family.ts';
import { StorageError } from '../storage/storage-system.ts';
import type { StoryData } from '../../foundation/story.ts';
import { vmFreeze, vmMigrate, vmRegister, vmStart, vmStop, vmThaw, vmWrite } from './commands.ts';
import { defineVmMigrate } from './migrate.ts';


export class HypervisorModel implements FamilyRuntime {
  readonly hypervisors = new Map<string, Hypervisor>();
  readonly vms = new Map<string, VirtualMachine>();

  constructor(readonly kernel: Kernel) {}

  vm(name: string): VirtualMachine {
    const v = this.vms.get(name);
    if (v === undefined) throw new StorageError(`no VM named '${name}'`);
    return v;
  }

  nodeDown(node: string, down: boolean): void {
    // A hypervisor does not come back by itself when its host does: its VMs stay stopped.
    if (!down) return;
    for (const h of this.hypervisors.values()) if (h.host === node) this.failDevice(h.name);
  }

  failDevice(name: string): boolean {
    const h = this.hypervisors.get(name);
    if (h === undefined) return false;
    if (h.failedAt !== null) return true;
    const now = this.kernel.now;
    let lost = 0;
    for (const vm of h.vms.values()) {
      vm.sync(now);
      lost += vm.queuedBytes;
      vm.fail();
    }
    h.failedAt = now;
    this.kernel.trace.mark(now, 0, `hypervisor ${name} fails`, { fails: name, lostQueuedBytes: lost });
    return true;
  }
}

const MODELS = new WeakMap<Kernel, HypervisorModel>();

/** The hypervisor models built into this kernel (one run), if the scenario has any: for a protocol's end-of-run measures. */
export function hypervisorModelOf(kernel: Kernel): HypervisorModel | undefined {
  return MODELS.get(kernel);
}

function build(defs: HypervisorDef[], ctx: BuildContext): HypervisorModel | void {
  if (defs.length === 0) return;
  const kernel = ctx.kernel;
  const storage = storageModelOf(kernel);
  const model = new HypervisorModel(kernel);
  MODELS.set(kernel, model);
  for (const hd of defs) {
    const h = new Hypervisor(hd.name, hd.host, hd.migration);
    model.hypervisors.set(hd.name, h);
    for (const vd of hd.vms) {
      const vm = new VirtualMachine(vd.name, h, vd.vss, vd.running, { memory: vd.memory, dirtyRate: vd.dirtyRate, workingSet: vd.workingSet });
      h.vms.set(vd.name, vm);
      model.vms.set(vd.name, vm);
      for (const dd of vd.disks) {
        if (storage === undefined) throw new Error(`VM '${vd.name}': the storage family was not built before the hypervisors`);
        vm.disks.set(dd.name, new VirtualDisk(dd.name, dd.kind, storage.volume(dd.storage, dd.volume)));
      }
      for (const wd of vd.writers) {
        const disk = vm.disks.get(wd.disk)!;
        const w = new AppWriter(vm, disk, wd.rate, wd.pattern, new RandomStream(kernel.seed, `family/hypervisors/${vd.name}/${wd.pattern.stream}`));
        vm.writers.push(w);
        disk.volume.writers.push((t) => w.syncTo(t));
      }
    }
  }
  const define = (op: string, handler: (cmd: Custom, wait: Wait) => void) => defineGuarded(kernel, op, handler);
  const mark = (label: string, data?: unknown) => kernel.trace.mark(kernel.now, 0, label, data);

  define(vmFreeze.op, (cmd, wait) => {
    const vm = model.vm(cmd.vm as string);
    const names = (cmd.disks as string[] | undefined) ?? [...vm.disks.keys()];
    const disks = names.map((n) => vm.disk(n));
    vm.sync(kernel.now);
    vm.freeze(kernel.now, disks);
    mark(`VM ${vm.name} frozen`, { disks: names });
    kernel.resolve(wait, { vm: vm.name, time: kernel.now, disks: names, limit: vm.vss.freeze, written: vm.written });
  });

  define(vmThaw.op, (cmd, wait) => {
    const vm = model.vm(cmd.vm as string);
    vm.checkRunning('thaw');
    vm.sync(kernel.now);
    const { queuedBytes, frozenFor } = vm.thaw(kernel.now);
    const overLimit = frozenFor > vm.vss.freeze;
    mark(`VM ${vm.name} thawed`, { queuedBytes, frozenFor, overLimit });
    kernel.resolve(wait, { vm: vm.name, queuedBytes, frozenFor, overLimit, bytes: queuedBytes });
  });

  define(vmWrite.op, (cmd, wait) => {
    const vm = model.vm(cmd.vm as string);
    vm.checkRunning('write from');
    const disk = vm.disk(cmd.disk as string);
    const bytes = cmd.bytes as number;
    const changed = (cmd.changed as number | undefined) ?? bytes;
    if (changed > bytes) throw new StorageError(`a write touches at most the bytes it writes: changed ${changed} > bytes ${bytes}`);
    if (changed > disk.volume.size) throw new StorageError(`a write cannot touch ${changed} distinct bytes of volume '${disk.volume.id}', which holds ${disk.volume.size}`);
    vm.sync(kernel.now);
    const where = vm.put(disk, bytes, changed);
    if (where === 'refused') throw new StorageError(`VM '${vm.name}' cannot write to disk '${disk.name}': ${disk.volume.refusal()}`);
    kernel.resolve(wait, { vm: vm.name, disk: disk.name, bytes: where === 'written' ? bytes : 0, queued: where === 'queued' ? bytes : 0 });
  });

  /** a registered VM -> the scenario's VM it stands in for (a restore's copy), so a viewer moves that VM */
  const standsFor = new Map<string, string>();
  define(vmRegister.op, (cmd, wait) => {
    const name = cmd.vm as string;
    if (model.vms.has(name)) throw new StorageError(`a VM named '${name}' already exists; VM names are global`);
    const h = model.hypervisors.get(cmd.hypervisor as string);
    if (h === undefined) throw new StorageError(`no hypervisor named '${String(cmd.hypervisor)}'`);
    if (h.failedAt !== null) throw new StorageError(`hypervisor '${h.name}' failed at ${h.failedAt / 1e9} s: cannot register VM '${name}'`);
    const like = model.vm(cmd.like as string);
    const volumes = cmd.volumes as string[];
    if (volumes.length !== like.disks.size) throw new StorageError(`VM '${like.name}' has ${like.disks.size} disk${like.disks.size === 1 ? '' : 's'} (${[...like.disks.keys()].join(', ')}); give one volume for each, not ${volumes.length}`);
    if (storage === undefined) throw new StorageError('no storage systems: a VM needs volumes for its disks');
    const vm = new VirtualMachine(name, h, like.vss, false, like.guest);
    [...like.disks.values()].forEach((d, i) => vm.disks.set(d.name, new VirtualDisk(d.name, d.kind, storage.volume(undefined, volumes[i]))));
    h.vms.set(name, vm);
    model.vms.set(name, vm);
    standsFor.set(name, standsFor.get(like.name) ?? like.name);
    mark(`VM ${name} registered on ${h.name}`, { like: like.name, volumes });
    kernel.resolve(wait, { vm: name, hypervisor: h.name, host: h.host, disks: [...vm.disks.keys()] });
  });

  define(vmStart.op, (cmd, wait) => {
    const vm = model.vm(cmd.vm as string);
    if (vm.hypervisor.failedAt !== null) throw new StorageError(`hypervisor '${vm.hypervisor.name}' failed at ${vm.hypervisor.failedAt / 1e9} s: cannot start VM '${vm.name}'`);
    vm.sync(kernel.now);
    vm.state = 'running';
    mark(`VM ${vm.name} started`, { vmStarted: { vm: standsFor.get(vm.name) ?? vm.name, host: vm.hypervisor.host } } satisfies StoryData);
    kernel.resolve(wait, { vm: vm.name, time: kernel.now });
  });

  define(vmStop.op, (cmd, wait) => {
    const vm = model.vm(cmd.vm as string);
    vm.checkRunning('stop');
    if (vm.frozenSince !== null) throw new StorageError(`VM '${vm.name}' is frozen: thaw it before stopping it`);
    vm.sync(kernel.now);
    vm.state = 'stopped';
    mark(`VM ${vm.name} stopped`);
    kernel.resolve(wait, { vm: vm.name, time: kernel.now });
  });

  defineVmMigrate(kernel, model, define, (vm) => standsFor.get(vm) ?? vm);

  return model;
}

export const hypervisorsFamily: Family<HypervisorDef[]> = {
  key: 'hypervisors',
  title: 'hypervisors and VMs: virtual and raw-mapped disks, application writers, freeze and thaw, live migration in rounds',
  declares: { section: HYPERVISORS },
  ops: opsOf([vmFreeze, vmThaw, vmWrite, vmRegister, vmStart, vmStop, vmMigrate]),
  resolve: resolveHypervisors,
  build,
};
