/**
 * A storage operation that moves bytes and must change its model when the
 * move ends (a mirror update, a bulk write, a restore to another volume).
 *
 * kernel.startTransfer's `then` lets the model act when the move ends (or
 * fails) before the caller's wait is settled with the operation's result or
 * error; the flow's label ("storage mirror m1 update 2") is what the trace
 * shows.
 */
import type { TransferResult } from '../../engine/commands.ts';
import type { TransferFailed } from '../../engine/errors.ts';
import type { Kernel } from '../../engine/kernel.ts';
import type { Wait } from '../../engine/wait.ts';

export interface Move {
  route: readonly string[];
  bytes: number;
  label: string;
  /** the last byte landed: update the model, return the caller's result */
  done(r: TransferResult): unknown;
  /** the move failed: update the model, return the caller's error */
  failed(e: TransferFailed): Error;
  /** the caller stopped waiting (interrupted, or lost an `any`): undo the model's bookkeeping */
  abandoned(): void;
}

export function moveThen(kernel: Kernel, wait: Wait, m: Move): void {
  kernel.startTransfer(wait, m.route, m.bytes, {
    label: m.label,
    then: { done: (r) => m.done(r), failed: (e) => m.failed(e), abandoned: () => m.abandoned() },
  });
}
