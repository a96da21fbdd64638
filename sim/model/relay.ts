/**
 * An extension command whose operation moves bytes and then answers in its
 * own words (host.copy answers { bytes, cpuSeconds }, not the flow's
 * TransferResult; an LPM answers after its pause, not when the memory copy
 * ends). kernel.startTransfer settles the caller's wait itself, so the bytes
 * are moved by a helper actor of the family's own: it yields the steps,
 * then settles the caller's wait with what the command promises. If the
 * caller stops waiting, the helper is ended and its flow cancelled.
 */
import type { Command, Custom } from '../engine/commands.ts';
import type { Kernel, ProcessContext } from '../engine/kernel.ts';
import type { Wait } from '../engine/wait.ts';

export type HelperBody = (ctx: ProcessContext) => Generator<Command | Custom, unknown, any>;

/** One per run (built with the family's models): numbers helper actors so their names stay unique. */
export class Relay {
  private count = 0;

  constructor(private readonly kernel: Kernel) {}

  /**
   * Runs `body` as a helper actor named `${name} #n`; what it returns settles
   * `wait` (resolve), what it throws rejects it. `onCancel` runs if the caller
   * gives up before the helper ends.
   */
  run(wait: Wait, name: string, body: HelperBody, onCancel?: () => void): string {
    const kernel = this.kernel;
    const actor = `${name} #${++this.count}`;
    let over = false;
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
}
