/**
 * An extension command whose operation takes several steps, or moves bytes
 * and then answers in its own words (host.copy answers { bytes, cpuSeconds },
 * not the flow's TransferResult; an LPM answers after its pause; a mirror
 * update changes its model before it answers). kernel.startTransfer settles
 * the caller's wait itself, so the operation is delegated to a helper actor
 * of the family's own: it yields the steps, then settles the caller's wait
 * with what the command promises. If the caller stops waiting, the helper is
 * ended (its flow cancelled) and the family is told. Every family that needs
 * this uses this one mechanism.
 */
import type { Command, Custom } from '../engine/commands.ts';
import type { Kernel, ProcessContext } from '../engine/kernel.ts';
import type { Wait } from '../engine/wait.ts';

export type HelperBody = (ctx: ProcessContext) => Generator<Command | Custom, unknown, any>;

/** One per run (built with the family's models): numbers helper actors so their names stay unique. */
export class Delegate {
  private count = 0;

  constructor(private readonly kernel: Kernel) {}

  /**
   * Runs `body` as a helper actor named `${name} #n`; what it returns settles
   * `wait` (resolve), what it throws rejects it. `onCancel` runs if the caller
   * gives up before the helper ends.
   */
  run(wait: Wait, name: string, body: HelperBody, onCancel?: () => void): string {
    return delegate(this.kernel, wait, `${name} #${++this.count}`, body, onCancel);
  }
}

/** Runs `body` as the helper actor `actor` (a name unique in the run) on behalf of `wait`; see Delegate.run. */
export function delegate(kernel: Kernel, wait: Wait, actor: string, body: HelperBody, onCancel?: () => void): string {
  let over = false;
  kernel.flowWatch?.helps(actor, wait.actor.pid, wait.job);
  kernel.spawn(actor, function* (ctx) {
    try {
      const value = yield* body(ctx);
      over = true;
      kernel.resolve(wait, value);
    } catch (e) {
      over = true;
      kernel.reject(wait, e);
    }
  });
  wait.cancel = () => {
    if (over) return;
    over = true;
    onCancel?.();
    kernel.kill(actor, 'its caller stopped waiting');
  };
  return actor;
}
