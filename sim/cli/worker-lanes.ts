/**
 * The worker threads of `backlab worker`: N threads started once and reused
 * run after run, as the local pool's are (sim/workers/pool.ts), but fed one
 * job at a time from the queue rather than from a list. A thread that dies
 * under a run fails that run and is replaced, so one bad run does not take
 * a slot away for good.
 */
import type { Worker } from 'node:worker_threads';
import { wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { spawnTsWorker, whenDead } from '../workers/pool.ts';
import { fromRoot } from '../foundation/root.ts';
import type { RunJob } from './queue-job.ts';
import type { QueueThreadApi } from './worker-thread.ts';

interface Lane {
  thread: Worker;
  remote: { run(job: RunJob): Promise<string> };
  died: Promise<never>;
}

export class WorkerLanes {
  private readonly free: Lane[] = [];
  private readonly waiting: ((lane: Lane) => void)[] = [];
  private readonly all = new Set<Lane>();

  constructor(count: number) {
    for (let i = 0; i < count; i++) this.free.push(this.start());
  }

  async run(job: RunJob): Promise<string> {
    const lane = this.free.pop() ?? await new Promise<Lane>((resolve) => this.waiting.push(resolve));
    let next = lane;
    try {
      return await Promise.race([lane.remote.run(job), lane.died]);
    } catch (e) {
      // A thread that stopped is replaced; one that threw is as good as before.
      if (await settledDead(lane)) {
        this.all.delete(lane);
        next = this.start();
      }
      throw e;
    } finally {
      const w = this.waiting.shift();
      if (w) w(next); else this.free.push(next);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.all].map((l) => l.thread.terminate()));
    this.all.clear();
  }

  private start(): Lane {
    const thread = spawnTsWorker(fromRoot('sim/cli/worker-thread.ts'), { workerData: { queue: true } });
    const lane: Lane = { thread, remote: wrap(nodeEndpoint(thread)) as unknown as QueueThreadApi, died: whenDead(thread) };
    this.all.add(lane);
    return lane;
  }
}

/** Whether the lane's thread has stopped (its died promise rejected already). */
async function settledDead(lane: Lane): Promise<boolean> {
  return Promise.race([lane.died.then(() => true, () => true), new Promise<boolean>((r) => setImmediate(() => r(false)))]);
}
