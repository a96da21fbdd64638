/**
 * A storage operation that moves bytes and must change its model when the
 * move ends (a mirror update, a bulk write, a restore to another volume).
 *
 * kernel.startTransfer settles the caller's wait itself, leaving the model no
 * moment to act, so the move is delegated (delegate.ts) to a small actor: it
 * yields the transfer, updates the model when it ends (or fails), and only
 * then settles the caller's wait with the operation's result or error. The
 * actor's name is the operation ("storage mirror m1 update 2"), which is
 * what the trace shows; names with spaces cannot clash with a scenario's.
 */
import { transfer, type TransferResult } from '../engine/commands.ts';
import { TransferFailed } from '../engine/errors.ts';
import type { Kernel } from '../engine/kernel.ts';
import type { Wait } from '../engine/wait.ts';
import { delegate } from './delegate.ts';

export interface Move {
  /** the actor's name, unique in the run */
  actor: string;
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
  delegate(kernel, wait, m.actor, function* () {
    let r: TransferResult;
    try {
      r = (yield transfer(m.route, m.bytes, { label: m.label })) as TransferResult;
    } catch (e) {
      throw m.failed(e instanceof TransferFailed ? e : new TransferFailed((e as Error).message, -1, m.bytes, 0));
    }
    return m.done(r);
  }, () => m.abandoned());
}
