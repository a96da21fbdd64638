/**
 * Messages between actors: a send crosses its route (or arrives at once),
 * lands in the receiver's mailbox or straight in a waiting receive, and is
 * dropped if the receiver has ended or a link on the way is down.
 */
import { PRIORITY_NORMAL } from '../foundation/priority.ts';
import { onGrid } from '../foundation/time.ts';
import type { Actor, Actors } from './actors.ts';
import type { Envelope, MessageFilter, Receive, Send } from './commands.ts';
import { CommandError } from './errors.ts';
import { EV_DELIVER, type EntryIds } from './events.ts';
import type { Kernel } from './kernel.ts';
import type { EventQueue } from './queue.ts';
import { endOf, type Timers } from './timers.ts';
import { Wait, type JoinWait } from './wait.ts';

interface InFlight {
  env: Envelope;
  to: Actor;
}

export class Mailboxes {
  private readonly inFlight = new Map<number, InFlight>();

  constructor(
    private readonly kernel: Kernel,
    private readonly queue: EventQueue,
    private readonly ids: EntryIds,
    private readonly actors: Actors,
    private readonly timers: Timers,
  ) {}

  send(a: Actor, c: Send): void {
    const k = this.kernel;
    const to = this.actors.find(c.to);
    if (to === undefined) throw new CommandError(`send: no actor named '${c.to}'`);
    const id = this.ids.take();
    k.trace.send(k.now, id, to.pid, a.pid, c.label);
    let delay = 0;
    if (c.route !== undefined) {
      let route: Int32Array;
      try {
        route = k.net.route(c.route);
      } catch (e) {
        throw new CommandError(`send: ${(e as Error).message}`);
      }
      const d = k.net.messageDelay(route, c.size ?? 0);
      if (d === null) {
        k.trace.drop(k.now, id, `a link on the route to '${c.to}' is down or carries nothing`);
        return;
      }
      delay = onGrid(d, k.clock.grid);
    }
    // A copy, as a worker would receive it: actors never share a mutable object through a message.
    const env: Envelope = { from: a.name, to: c.to, body: structuredClone(c.body), sentAt: k.now, deliveredAt: k.now + delay };
    this.inFlight.set(id, { env, to });
    this.queue.push(k.now + delay, PRIORITY_NORMAL, EV_DELIVER, id, 0);
  }

  deliver(id: number): boolean {
    const k = this.kernel;
    const { env, to } = this.inFlight.get(id)!;
    this.inFlight.delete(id);
    if (to.done) {
      k.trace.drop(k.now, id, `actor '${to.name}' has ended`);
      return true;
    }
    k.trace.deliver(k.now, id, to.pid);
    const i = to.receivers.findIndex((w) => matches(env, w.match));
    if (i < 0) {
      to.mailbox.push(env);
      return true;
    }
    const w = to.receivers.splice(i, 1)[0];
    this.timers.forget(w.timer);
    k.resolve(w, env);
    return true;
  }

  /** Takes the first matching message in the mailbox, or waits for one (until the timeout, resolving with null). */
  receive(a: Actor, c: Receive, parent: JoinWait | null, index: number): Wait {
    const w = new Wait(a, a.token, parent, index);
    w.match = c.match;
    const i = a.mailbox.findIndex((env) => matches(env, c.match));
    if (i >= 0) {
      this.kernel.resolve(w, a.mailbox.splice(i, 1)[0]);
      return w;
    }
    if (c.timeout !== undefined) this.timers.arm(w, endOf(this.kernel.now, c.timeout, 'timeout', this.kernel.clock), null);
    a.receivers.push(w);
    w.cancel = () => {
      removeItem(a.receivers, w);
      this.timers.forget(w.timer);
    };
    return w;
  }
}

function matches(env: Envelope, m: MessageFilter | undefined): boolean {
  if (m === undefined) return true;
  if (m.from !== undefined && env.from !== m.from) return false;
  if (m.type !== undefined && (env.body as { type?: unknown } | null)?.type !== m.type) return false;
  return true;
}

export function removeItem<T>(list: T[], x: T): void {
  const i = list.indexOf(x);
  if (i >= 0) list.splice(i, 1);
}
