/**
 * The queue could not be used: Redis unreachable, or no worker taking runs,
 * for longer than --queue-timeout. Not bad input and not a bug: the same
 * command run again later resumes the sweep, so it exits 75 (EX_TEMPFAIL,
 * sysexits.h: "try again later"). Its own file so that sim/cli.ts can
 * recognise it without loading BullMQ for every command.
 */
export class QueueUnavailable extends Error {
  override name = 'QueueUnavailable';
}

/** EX_TEMPFAIL (sysexits.h). */
export const QUEUE_UNAVAILABLE_EXIT = 75;
