/**
 * `vm.migrate`: a running VM moves live to another hypervisor (vMotion,
 * Hyper-V live migration). Its memory crosses the route given in pre-copy
 * rounds (sim/model/precopy.ts) under the source hypervisor's `migration`
 * policy; then it is stunned for the final copy and the switch-over, and
 * from then on belongs to the target: later steps find it there, and its
 * writers go on writing to the same disks (shared storage, as vMotion and
 * Hyper-V live migration require). The writers are not held during the stun
 * (it lasts about a second at most; the writer tick is 1 s).
 *
 * Refused at once: a VM that is not running, one already migrating, a target
 * that is its own hypervisor or has failed, a VM whose memory is not known.
 * A failed copy (a link of the route down), rounds that do not converge under
 * `convergence: fail`, or either hypervisor failing during the move abort it,
 * and the VM stays where it was.
 */
import { mark, perform, sleep, transfer } from '../../engine/commands.ts';
import type { Custom } from '../../engine/commands.ts';
import type { Kernel } from '../../engine/kernel.ts';
import type { Wait } from '../../engine/wait.ts';
import { delegate, type HelperBody } from '../delegate.ts';
import { preCopy } from '../precopy.ts';
import { StorageError } from '../storage/storage-system.ts';
import type { StoryData } from '../../foundation/story.ts';
import type { HypervisorModel } from './family.ts';
import type { VirtualMachine, Hypervisor } from './hypervisor.ts';
import { vmMigrate, type VmMigrated } from './commands.ts';

type Define = (op: string, handler: (cmd: Custom, wait: Wait) => void) => void;

/** Defines vm.migrate; `standsFor` names the scenario's VM a registered copy stands for (the visualizer moves that one). */
export function defineVmMigrate(kernel: Kernel, model: HypervisorModel, define: Define, standsFor: (vm: string) => string): void {
  let count = 0;
  define(vmMigrate.op, (cmd, wait) => {
    const args = vmMigrate.args(cmd);
    const vm = model.vm(args.vm);
    const to = model.hypervisors.get(args.to);
    if (to === undefined) throw new StorageError(`no hypervisor named '${args.to}'`);
    const memory = args.memory ?? vm.guest.memory;
    refuse(vm, to, memory);
    const from = vm.hypervisor;
    const guest = { memory: memory!, dirtyRate: vm.guest.dirtyRate, workingSet: Math.min(vm.guest.workingSet ?? memory!, memory!) };
    const route = [...args.route];
    const copying = `VM ${vm.name}: copying memory to ${to.name}`;
    vm.migratingTo = to;
    const body: HelperBody = function* (ctx) {
      const start = ctx.now;
      try {
        const rounds = yield* preCopy(ctx, {
          route, guest, policy: from.migration,
          label: (round, bytes) => ({ label: `${copying}, round ${round}`, data: { bytes, route, round } }),
        });
        const stun = ctx.now;
        const left = Math.ceil(rounds.left);
        if (left > 0) yield* perform(transfer(route, left, { label: `VM ${vm.name} stunned: final copy to ${to.name}`, data: { bytes: left, route, final: true } }));
        yield sleep(from.migration.switchover, `VM ${vm.name}: switch-over to ${to.name}`);
        gone(vm, from, to);
        vm.migratingTo = null;
        vm.sync(ctx.now);
        from.vms.delete(vm.name);
        to.vms.set(vm.name, vm);
        vm.hypervisor = to;
        yield mark(`VM ${vm.name} migrated to ${to.name}`, { vmStarted: { vm: standsFor(vm.name), host: to.host } } satisfies StoryData);
        const r: VmMigrated = {
          vm: vm.name, from: from.name, to: to.name, host: to.host,
          bytes: rounds.bytes + (left > 0 ? left : 0), rounds: rounds.rounds, finalBytes: Math.max(left, 0), converged: rounds.converged, slowedTo: rounds.slowedTo,
          copySeconds: (stun - start) / 1e9, downtime: (ctx.now - stun) / 1e9,
        };
        return r;
      } catch (e) {
        vm.migratingTo = null;
        const msg = `live migration of VM ${vm.name} to ${to.name} aborted, it stays on ${from.name}: ${(e as Error).message}`;
        kernel.trace.mark(ctx.now, 0, msg);
        throw new StorageError(msg);
      }
    };
    delegate(kernel, wait, `vm.migrate ${vm.name} to ${to.name} #${++count}`, body, () => { vm.migratingTo = null; });
  });
}

function refuse(vm: VirtualMachine, to: Hypervisor, memory: number | undefined): void {
  vm.checkRunning('live-migrate');
  if (vm.migratingTo !== null) throw new StorageError(`VM '${vm.name}' is already migrating to ${vm.migratingTo.name}`);
  if (to === vm.hypervisor) throw new StorageError(`VM '${vm.name}' already runs on ${to.name}`);
  if (to.failedAt !== null) throw new StorageError(`hypervisor '${to.name}' failed at ${to.failedAt / 1e9} s: cannot migrate VM '${vm.name}' to it`);
  if (memory === undefined) throw new StorageError(`VM '${vm.name}' has no memory size: give it memory in topology.hypervisors, or memory in the vm.migrate step`);
}

/** Either end failed while the memory was copied: the move cannot complete. */
function gone(vm: VirtualMachine, from: Hypervisor, to: Hypervisor): void {
  if (from.failedAt !== null || vm.state === 'failed') throw new Error(`hypervisor '${from.name}' failed during the move`);
  if (to.failedAt !== null) throw new Error(`hypervisor '${to.name}' failed during the move`);
}
