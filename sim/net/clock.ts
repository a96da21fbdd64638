/**
 * The kernel's clock as the network sees it: the time now, the grid every
 * time it schedules must be a multiple of (foundation/time.ts: 1 ns unless a
 * run is longer than 104 days, so durations are taken up to it before they
 * are added to a time), and the queue its events go into.
 */
export interface NetClock {
  readonly now: number;
  readonly grid: number;
  schedule(t: number, priority: number, kind: number, a: number, b: number): void;
}
