/**
 * The built-in commands, entries of the same table as extensions' (see
 * command-table.ts): sleep, mark, send, receive, transfer, join, all, any.
 */
import { PRIORITY_NORMAL } from '../foundation/priority.ts';
import type { Actors } from './actors.ts';
import { BLOCKED, ENDED, RUNS_ON, type CommandTable } from './command-table.ts';
import type { All, Any, Command, Custom, Join, Mark, Receive, Send, Sleep, Transfer } from './commands.ts';
import { CommandError } from './errors.ts';
import type { Kernel } from './kernel.ts';
import { removeItem, type Mailboxes } from './mailboxes.ts';
import { endOf, type Timers } from './timers.ts';
import { cancelWait, JoinWait, Wait } from './wait.ts';

export function defineBuiltins(table: CommandTable, k: Kernel, actors: Actors, timers: Timers, mail: Mailboxes): void {
  table.define('sleep', {
    traced: true,
    start(a, cmd, parent, index) {
      const { duration, label, data } = cmd as Sleep;
      const now = k.now;
      const t = endOf(now, duration, 'sleep: duration', k.clock);
      if (parent !== null) {
        const w = new Wait(a, a.token, parent, index);
        timers.arm(w, t, undefined);
        w.cancel = () => timers.forget(w.timer);
        return w;
      }
      // At a process's own yield its resume is the sleep's end: no wait, no timer (the engine's fast path).
      if (label === undefined && data === undefined) k.trace.sleep(now, a.pid, t - now);
      else k.trace.step(now, a.pid, 'sleep', label, t - now, data);
      a.resumeOk = true;
      a.resumeValue = undefined;
      actors.resumeAt(a, t, PRIORITY_NORMAL);
      return BLOCKED;
    },
  });

  table.define('mark', {
    traced: true,
    start(a, cmd) {
      k.trace.mark(k.now, a.pid, (cmd as Mark).label ?? '', cmd.data);
      return RUNS_ON;
    },
  });

  table.define('send', {
    traced: true,
    start(a, cmd, parent) {
      if (parent !== null) {
        mail.send(a, cmd as Send);
        return RUNS_ON;
      }
      // A failed send ends its sender, even inside a try: a host runs past sends without asking, so nothing could have caught it there.
      try {
        mail.send(a, cmd as Send);
      } catch (e) {
        actors.crashed(a, e);
        return ENDED;
      }
      return RUNS_ON;
    },
  });

  table.define('receive', { start: (a, cmd, parent, index) => mail.receive(a, cmd as Receive, parent, index) });

  table.define('transfer', {
    start(a, cmd, parent, index) {
      const c = cmd as Transfer;
      const w = new Wait(a, a.token, parent, index, c.job);
      k.startTransfer(w, c.route, c.bytes, { cap: c.cap, label: c.label });
      return w;
    },
  });

  table.define('join', {
    start(a, cmd, parent, index) {
      const target = actors.named((cmd as Join).actor);
      const w = new Wait(a, a.token, parent, index);
      if (target.done) {
        k.resolve(w, target.result);
      } else {
        target.joiners.push(w);
        w.cancel = () => removeItem(target.joiners, w);
      }
      return w;
    },
  });

  for (const mode of ['all', 'any'] as const) {
    table.define(mode, {
      start(a, cmd, parent, index) {
        const of = (cmd as All | Any).of;
        const j = new JoinWait(a, a.token, parent, index, mode, cmd.job);
        j.results = new Array(of.length);
        j.remaining = of.length;
        if (mode === 'any' && of.length === 0) throw new CommandError('any: needs at least one command');
        if (of.length === 0) {
          k.resolve(j, []);
          return j;
        }
        for (let i = 0; i < of.length && !j.settled; i++) {
          try {
            const r = table.start(a, of[i] as Command | Custom, j, i);
            if (r instanceof Wait) {
              j.children.push(r);
            } else {
              const w = new Wait(a, a.token, j, i);
              j.children.push(w);
              k.resolve(w, undefined);
            }
          } catch (e) {
            // A command refused on the spot: what its siblings already started is undone too.
            cancelWait(j);
            throw e;
          }
        }
        return j;
      },
    });
  }
}
