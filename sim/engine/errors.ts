/** Errors a process may see thrown at its yield, and the kernel's own; each has a stable code (foundation/errors.ts). */
import { BacklabError } from '../foundation/errors.ts';
import { formatTime } from '../foundation/time.ts';

/** Thrown into a process by kernel.interrupt(); catch it to handle the fault. */
export class Interrupt extends BacklabError {
  override name = 'Interrupt';
  constructor(override readonly cause: unknown) {
    super(`interrupted: ${typeof cause === 'string' ? cause : JSON.stringify(cause)}`, 'actor.interrupted');
  }
}

export interface TransferFailure {
  flow: number;
  bytes: number;
  /** Bytes that arrived before the failure. */
  delivered: number;
  /** why, in words, without the counts (the network's: a link went down); absent when the thrower did not say */
  reason?: string;
}

/** A transfer ended before its last byte because a link on its route failed. */
export class TransferFailed extends BacklabError<TransferFailure> {
  override name = 'TransferFailed';
  constructor(message: string, flow: number, bytes: number, delivered: number, reason?: string) {
    super(message, 'transfer.failed', { flow, bytes, delivered, ...(reason === undefined ? {} : { reason }) });
  }
  get flow(): number { return this.data.flow; }
  get bytes(): number { return this.data.bytes; }
  get delivered(): number { return this.data.delivered; }
  get reason(): string | undefined { return this.data.reason; }
}

/** A process's command could not be carried out (unknown actor, bad route, ...). */
export class CommandError extends BacklabError {
  override name = 'CommandError';
  constructor(message: string, code = 'command.refused', data: Record<string, unknown> = {}) {
    super(message, code, data);
  }
}

/** An actor's code threw and did not catch: the run stops with this. */
export class ActorCrash extends BacklabError<{ actor: string; time: number }> {
  override name = 'ActorCrash';
  constructor(
    readonly actor: string,
    readonly time: number,
    readonly error: unknown,
  ) {
    super(`actor '${actor}' failed at ${formatTime(time)} of virtual time: ${error instanceof Error ? error.message : String(error)}`, 'actor.crashed', { actor, time });
  }
}

/** What an actor waiting to join a killed actor sees. */
export class ActorKilled extends BacklabError<{ actor: string; reason: string }> {
  override name = 'ActorKilled';
  constructor(readonly actor: string, readonly reason: string) {
    super(`actor '${actor}' was killed: ${reason}`, 'actor.killed', { actor, reason });
  }
}

/** Something would happen after 2^53 ns (about 104 days), the end of simulated time. */
export class TimeRangeError extends RangeError {
  override name = 'TimeRangeError';
  readonly code = 'time.out-of-range';
}
