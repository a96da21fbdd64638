/**
 * What storage holds over a run, as readings a family takes when a figure
 * changes: a pool's stored bytes, its cartridges in use and scratch, a
 * replica's lag behind its source. The run's year report reads them day by
 * day (sim/scenario, reports/). Kept beside the trace, not in it: a reading
 * is a function of the recorded events, so the trace hash already covers it.
 */
import type { Ticks } from '../foundation/time.ts';

/**
 * The figures a ledger holds, with their unit ('B', 's' or '' for counts):
 * the one list the families writing them and the reports reading them share.
 */
export const MEASURES = {
  /** bytes the retained versions stand for, before dedup and compression */
  logical: 'B',
  /** bytes on disk or tape, after dedup and compression, garbage included */
  stored: 'B',
  /** bytes the store can hold */
  capacity: 'B',
  /** bytes no retained version references any more, held until garbage collection or reclamation frees them */
  garbage: 'B',
  /** restore points retained */
  versions: '',
  /** cartridges holding data */
  'cartridges-used': '',
  /** cartridges empty and free to write */
  'cartridges-scratch': '',
  /** library slots with no cartridge in them */
  'slots-free': '',
  /** bytes written here and not yet replicated to the copy */
  'replica-pending': 'B',
  /** how old the oldest write not yet replicated is (0 when the copy is current): the recovery point a site loss would give now */
  'replica-lag': 's',
} as const;

export type Measure = keyof typeof MEASURES;

export interface Reading {
  /** ticks */
  at: Ticks;
  /** what is measured: a pool, a library, a replica */
  subject: string;
  measure: Measure;
  value: number;
}

export class Ledger {
  private readonly rows: Reading[] = [];
  private readonly last = new Map<string, number>();

  constructor(private readonly now: () => Ticks) {}

  /** `measure` of `subject` is `value` from now on; the same value again is not kept. */
  set(subject: string, measure: Measure, value: number): void {
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
