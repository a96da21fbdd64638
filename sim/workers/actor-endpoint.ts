/**
 * What an actor worker exposes over comlink, in Node and in browsers: a
 * step by message (the path where memory cannot be shared), and the step
 * channel: `attach` hands it the shared buffer (a round trip, so the kernel
 * knows the worker is up before it blocks on it), then `serve` answers every
 * step through the buffer for the rest of the worker's life (step-channel.ts).
 */
import type { ActorStep } from '../engine/remote.ts';
import type { ActorRuntime, StepRequest } from './actor-runtime.ts';
import { StepServer } from './step-channel.ts';
import type { GrowableBuffer } from './wire.ts';

export class ActorEndpoint {
  private server: StepServer | null = null;

  constructor(private readonly runtime: ActorRuntime) {}

  step(req: StepRequest): ActorStep[] {
    return this.runtime.step(req);
  }

  attach(buffer: GrowableBuffer): void {
    this.server = new StepServer(buffer);
  }

  /** Never returns: from here on the worker waits in Atomics.wait, and comlink's messages are no longer read. */
  serve(): void {
    if (this.server === null) throw new Error('serve() before attach()');
    this.server.serve((req) => this.runtime.step(req as StepRequest));
  }

  /** The worker is ending: a kernel waiting on it learns so at once rather than at its time-out. */
  died(code: number): void {
    this.server?.died(code);
  }
}
