/**
 * Placed actors in Node worker threads, for the CLI: N threads started
 * together and reused run after run (each run gets a fresh ActorHost over
 * them), and close() to end them. Steps go through the shared-memory
 * channel (step-channel.ts) unless asked to go by message. A thread that
 * dies fails the call waiting on it (comlink alone would wait forever).
 */
import type { Worker } from 'node:worker_threads';
import { wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { ActorStep } from '../engine/remote.ts';
import { ActorWorkerSet, checkWorkerCount, type ActorWorker, type StepPath } from './actor-host.ts';
import type { StepRequest } from './actor-runtime.ts';
import { openChannel, type ChannelRemote, type ChannelTuning } from './step-channel.ts';
import { spawnTsWorker, whenDead } from './pool.ts';
import { fromRoot } from '../foundation/root.ts';

export interface ActorThreadOptions {
  /** default 'atomics' (bench/placement.ts measures both) */
  path?: StepPath;
  tuning?: ChannelTuning;
}

export class ActorThreads extends ActorWorkerSet {
  private readonly threads: Worker[];

  constructor(count: number, opts: ActorThreadOptions = {}) {
    const threads = Array.from({ length: checkWorkerCount(count) }, () =>
      spawnTsWorker(fromRoot('sim/workers/actor-thread.ts'), { workerData: { throwIn: process.env.BACKLAB_TEST_ACTOR_THROWS } }));
    super(threads.map((t): ActorWorker => {
      const remote = wrap(nodeEndpoint(t)) as unknown as ChannelRemote & { step(req: StepRequest): Promise<ActorStep[]> };
      const died = whenDead(t);
      const step = (req: StepRequest) => Promise.race([remote.step(req), died]);
      return opts.path === 'messages' ? { step } : { step, channel: openChannel(remote, died, opts.tuning) };
    }));
    this.threads = threads;
  }

  /** Ends every thread. */
  async close(): Promise<void> {
    this.closeChannels();
    await Promise.all(this.threads.map((t) => t.terminate()));
  }
}

/** Runs `body` with `count` actor threads, and ends them whatever happens. */
export async function withActorThreads<T>(count: number, body: (threads: ActorThreads) => Promise<T>): Promise<T> {
  const threads = new ActorThreads(count);
  try {
    return await body(threads);
  } finally {
    await threads.close();
  }
}
