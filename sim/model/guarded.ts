/**
 * A command whose handler checks its arguments and its model by throwing
 * (a failed array, a frozen VM): the throw rejects the command's wait, so the
 * actor sees the error as the command's answer at this instant, the same way
 * as a failure that comes later.
 */
import type { Custom } from '../engine/commands.ts';
import type { Kernel } from '../engine/kernel.ts';
import type { Wait } from '../engine/wait.ts';

export function defineGuarded(kernel: Kernel, op: string, handler: (cmd: Custom, wait: Wait) => void): void {
  kernel.defineCommand(op, (cmd, wait) => {
    try {
      handler(cmd, wait);
    } catch (e) {
      kernel.reject(wait, e);
    }
  });
}
