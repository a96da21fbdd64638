/**
 * The pools' commands bound to one run: each step runs its op (ops.ts) in a
 * helper process named `pools #n` (sim/model/delegate.ts), whose outcome
 * settles the step's wait; a step abandoned (its window closed) ends the
 * helper, and a drive it left a cartridge in is unmounted by its next user.
 */
import type { Custom } from '../../engine/commands.ts';
import type { Kernel } from '../../engine/kernel.ts';
import type { Wait } from '../../engine/wait.ts';
import { Delegate } from '../delegate.ts';
import { Drives } from './drives.ts';
import { backup, copy, expire, migrate, reclaim, restore } from './ops.ts';
import { poolBackup, poolCopy, poolDrives, poolExpire, poolMigrate, poolReclaim, poolRestore } from './commands.ts';
import type { Env, Steps } from './tape-io.ts';
import type { PoolSet } from './state.ts';

const DAY = 86_400e9;

export function defineCommands(kernel: Kernel, state: PoolSet): Env {
  const drives = new Drives(kernel);
  const env: Env = { kernel, state, drives, day: () => Math.floor(kernel.now / DAY) };
  const helpers = new Delegate(kernel);
  const run = (w: Wait, body: () => Steps<unknown>) => helpers.run(w, 'pools', body);
  const seqOf = (name: string) => state.seq(name);
  const label = (cmd: Custom, what: string) => cmd.label ?? `${what} ${String(cmd.pool)}`;

  kernel.defineCommand(poolDrives.op, (cmd, w) => {
    const a = poolDrives.args(cmd);
    drives.acquire(w, a.pool, seqOf(a.pool).drives, a.count);
  });
  kernel.defineCommand(poolBackup.op, (cmd, w) => {
    const a = poolBackup.args(cmd);
    run(w, () => backup(env, { ...a, label: cmd.label }));
  });
  kernel.defineCommand(poolExpire.op, (cmd, w) => run(w, () => expire(env, poolExpire.args(cmd).pool)));
  kernel.defineCommand(poolMigrate.op, (cmd, w) => run(w, () => migrate(env, poolMigrate.args(cmd).pool, label(cmd, 'pool.migrate'))));
  kernel.defineCommand(poolReclaim.op, (cmd, w) => run(w, () => reclaim(env, poolReclaim.args(cmd).pool, label(cmd, 'pool.reclaim'))));
  kernel.defineCommand(poolCopy.op, (cmd, w) => run(w, () => copy(env, poolCopy.args(cmd).pool, label(cmd, 'pool.copy'))));
  kernel.defineCommand(poolRestore.op, (cmd, w) => {
    const a = poolRestore.args(cmd);
    run(w, () => restore(env, { ...a, label: cmd.label }));
  });
  return env;
}
