/**
 * What storage holds over a run, as readings a family takes when a figure
 * changes: a pool's stored bytes, its cartridges in use and scratch, a
 * replica's lag behind its source. The run's year report reads them day by
 * day (sim/scenario, reports/). Kept beside the trace, not in it: a reading
 * is a function of the recorded events, so the trace hash already covers it.
 */
import type { Ticks } from '../foundation/time.ts';

export interface Reading {
  /** ticks */
  at: Ticks;
  /** what is measured: a pool, a library, a replica */
  subject: string;
  /** which figure of it: 'stored', 'capacity', 'scratch', ... */
  measure: string;
  value: number;
}

export class Ledger {
  private readonly rows: Reading[] = [];
  private readonly last = new Map<string, number>();

  constructor(private readonly now: () => Ticks) {}

  /** `measure` of `subject` is `value` from now on; the same value again is not kept. */
  set(subject: string, measure: string, value: number): void {
    const key = `${subject}\u0000${measure}`;
    if (this.last.get(key) === value) return;
    this.last.set(key, value);
    this.rows.push({ at: this.now(), subject, measure, value });
  }

  /** Every reading, in the order taken (time order). */
  readings(): readonly Reading[] {
    return this.rows;
  }
}
