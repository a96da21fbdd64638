/**
 * When and how the event queue reshapes its calendar (queue.ts): a pure
 * judgement on what the calendar counted since the last review. Only the
 * cost depends on it; the order of events never does.
 *
 * A calendar fits when a bucket holds about two events (width ≈ twice the
 * mean gap between pops: a pop passes few empty buckets, a push walks a
 * short list) and its year covers where pushes land. By Little's law the
 * mean delay of a queued event is (entries queued) × (mean gap), so a year
 * of 4 × entries buckets of 2 gaps spans 8 mean delays: an exponential
 * delay falls past it once in e^8 ≈ 3,000 pushes, and those go to the heap.
 * The shape changes only when the calendar does badly and the counts call
 * for another shape, so a workload no shape suits stays with the heap
 * rather than paying for reshapes.
 */

/** Pops between two reviews at the least; a review is also put off for as many pops as entries are queued, which pays for a reshape (every entry into the heap). */
export const REVIEW_EVERY = 4096;

/** The smallest and largest year in buckets (UNSOURCED assumption: a few dozen buckets are not worth a calendar; 2^20 keeps the bucket arrays at 8 MiB). */
const MIN_BUCKETS = 64;
const MAX_BUCKETS = 2 ** 20;
/** A bucket never narrower than one tick: times are whole ticks. Never wider than 2^60 ticks (past any horizon). */
const MAX_WIDTH = 2 ** 60;
/** Past this bucket number, bucket arithmetic leaves the 32-bit integers V8 is fast with: start again from now. */
const FAR_BUCKET = 2 ** 30;

export interface Shape {
  width: number;
  buckets: number;
}

/** What the calendar counted since the last review (calendar-queue.ts). */
export interface CalendarCounts {
  width: number;
  nb: number;
  cur: number;
  taken: number;
  refused: number;
  walked: number;
  passed: number;
}

/** The calendar's next shape, or null to keep it; `queued` entries in all, `span` ticks between the first and last of `pops` pops. */
export function nextShape(c: CalendarCounts, queued: number, span: number, pops: number): Shape | null {
  const want: Shape = {
    width: pow2Within(2 * (span / pops), 1, MAX_WIDTH),
    buckets: pow2Within(4 * queued, MIN_BUCKETS, MAX_BUCKETS),
  };
  if (c.cur > FAR_BUCKET) return want;
  const pushes = c.taken + c.refused;
  const poorly = c.refused * 8 > pushes || c.walked > 4 * pushes || c.passed > 4 * pops || queued > c.nb;
  const other = want.width !== c.width || want.buckets !== c.nb;
  return poorly && other ? want : null;
}

/** The least power of two >= x, within [lo, hi] (x NaN: lo; x infinite: hi). */
export function pow2Within(x: number, lo: number, hi: number): number {
  let p = lo;
  while (p < x && p < hi) p *= 2;
  return p;
}
