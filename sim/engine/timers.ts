/**
 * Timers: a wait that settles by itself at a set time (a sleep inside
 * all/any, a receive's timeout). A sleep at a process's own yield needs
 * none: its actor's resume is queued for the end (builtins.ts).
 */
import { PRIORITY_NORMAL } from '../foundation/priority.ts';
import { horizonText, onGrid, type Clock, type Ticks } from '../foundation/time.ts';
import { CommandError } from './errors.ts';
import { EV_TIMER, type EntryIds } from './events.ts';
import type { EventQueue } from './queue.ts';
import type { Wait } from './wait.ts';

/**
 * When a wait of `duration` ticks from `now` ends, the duration taken up to
 * whole steps of the clock's grid; refused unless a whole number of ticks >= 0
 * ending within the horizon.
 */
export function endOf(now: Ticks, duration: number, what: string, clock: Clock): Ticks {
  const t = now + onGrid(duration, clock.grid);
  if (!(duration >= 0) || t > clock.horizon || !Number.isInteger(duration)) {
    throw new CommandError(`${what} ${duration} is not a whole number of ticks >= 0 ending within ${horizonText(clock)}`);
  }
  return t;
}

export class Timers {
  private readonly armed = new Map<number, Wait>();

  constructor(
    private readonly queue: EventQueue,
    private readonly ids: EntryIds,
    private readonly resolve: (w: Wait, value: unknown) => void,
  ) {}

  /** Resolves w with `value` at time t, unless it settles first (then forget it). */
  arm(w: Wait, t: Ticks, value: unknown): void {
    w.timer = this.ids.take();
    w.timeoutValue = value;
    this.armed.set(w.timer, w);
    this.queue.push(t, PRIORITY_NORMAL, EV_TIMER, w.timer, 0);
  }

  forget(id: number): void {
    this.armed.delete(id);
  }

  has(id: number): boolean {
    return this.armed.has(id);
  }

  fired(id: number): boolean {
    const w = this.armed.get(id);
    if (w === undefined) return false;
    this.armed.delete(id);
    // What else the wait started is undone first: a receive that timed out leaves its mailbox queue.
    w.cancel?.();
    this.resolve(w, w.timeoutValue);
    return true;
  }
}
