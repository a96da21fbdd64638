/** Errors a process may see thrown at its yield, and the kernel's own. */
import { formatTime } from '../foundation/time.ts';

/** Thrown into a process by kernel.interrupt(); catch it to handle the fault. */
export class Interrupt extends Error {
  override name = 'Interrupt';
  constructor(override readonly cause: unknown) {
    super(`interrupted: ${typeof cause === 'string' ? cause : JSON.stringify(cause)}`);
  }
}

/** A transfer ended before its last byte because a link on its route failed. */
export class TransferFailed extends Error {
  override name = 'TransferFailed';
  constructor(
    message: string,
    readonly flow: number,
    readonly bytes: number,
    /** Bytes that arrived before the failure. */
    readonly delivered: number,
  ) {
    super(message);
  }
}

/** A process's command could not be carried out (unknown actor, bad route, ...). */
export class CommandError extends Error {
  override name = 'CommandError';
}

/** An actor's code threw and did not catch: the run stops with this. */
export class ActorCrash extends Error {
  override name = 'ActorCrash';
  constructor(
    readonly actor: string,
    readonly time: number,
    readonly error: unknown,
  ) {
    super(`actor '${actor}' failed at ${formatTime(time)} of virtual time: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** What an actor waiting to join a killed actor sees. */
export class ActorKilled extends Error {
  override name = 'ActorKilled';
  constructor(readonly actor: string, readonly reason: string) {
    super(`actor '${actor}' was killed: ${reason}`);
  }
}

/** Something would happen after 2^53 ns (about 104 days), the end of simulated time. */
export class TimeRangeError extends RangeError {
  override name = 'TimeRangeError';
}
