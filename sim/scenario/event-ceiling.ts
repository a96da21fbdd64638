/**
 * The most events one run may take unless its caller raises the ceiling. The
 * bundled scenarios take under 200,000 and a run goes through about a
 * million a second, so the default leaves minutes of room for a big
 * scenario and still stops a mistake (a link flap every nanosecond, a
 * sampling interval of one tick) before it runs for hours.
 */
import { BacklabError } from '../foundation/errors.ts';
import { formatTime } from '../foundation/time.ts';

export const DEFAULT_MAX_EVENTS = 100_000_000;

export class EventCeilingError extends BacklabError<{ limit: number; at: number | null; fault: number | null }> {
  // The name, not the class, is what survives a worker thread's error codec (the sweep's pool).
  override name = 'EventCeilingError';
  constructor(limit: number, at: number | null, fault: number | null = null) {
    const n = limit.toLocaleString('en-US');
    super(fault === null
      ? `the run reached its ceiling of ${n} events at t = ${formatTime(at ?? 0)} and was stopped`
      : `faults[${fault}] alone schedules more than ${n} random events (its mean times between failures and to repair are short for its window), the ceiling of one run`, 'run.max-events', { limit, at, fault });
  }
}
