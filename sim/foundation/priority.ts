/**
 * Event priorities: simultaneous events run in (time, priority, insertion)
 * order, lowest priority number first. The engine's queue and the network's
 * scheduling share them.
 */
export const PRIORITY_URGENT = 0;
export const PRIORITY_NORMAL = 128;
/** Runs after everything else at the same time: the network re-rates here once per instant. */
export const PRIORITY_LATE = 255;
