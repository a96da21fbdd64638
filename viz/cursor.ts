/**
 * The cursor: the one source of truth every view draws from. It is an event
 * index and a time; the time is the event's unless playing or jumping put it
 * between events.
 */
import { indexAtTime } from './state.ts';
import type { VizEvent } from './run-view.ts';

export interface Cursor {
  k: number;
  t: number;
}

export class CursorStore {
  private listeners: ((c: Cursor) => void)[] = [];
  private c: Cursor = { k: -1, t: 0 };
  constructor(private events: readonly VizEvent[] = []) {}

  get value(): Cursor { return this.c; }

  reset(events: readonly VizEvent[], t = 0): void {
    this.events = events;
    this.toTime(t);
  }

  toIndex(k: number): void {
    const i = Math.max(-1, Math.min(this.events.length - 1, k));
    this.set({ k: i, t: i < 0 ? 0 : this.events[i].t });
  }

  toTime(t: number): void {
    this.set({ k: indexAtTime(this.events, t), t: Math.max(0, t) });
  }

  step(delta: number): void { this.toIndex(this.c.k + delta); }

  subscribe(fn: (c: Cursor) => void): void { this.listeners.push(fn); }

  private set(c: Cursor): void {
    this.c = c;
    for (const fn of this.listeners) fn(c);
  }
}
