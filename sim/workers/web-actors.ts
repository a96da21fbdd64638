/**
 * Placed actors in browser module Web Workers, for the visualizer: the
 * browser's twin of node-actors.ts. Vite bundles actor-web-worker.ts from
 * the `new Worker(new URL(...))` below, also when this runs inside a worker.
 *
 * Steps go through the shared-memory channel (step-channel.ts) where the
 * page may share memory (`crossOriginIsolated`: the server sends COOP and
 * COEP, viz/README.md), and by message otherwise. The kernel blocks in
 * Atomics.wait, so this must run in a worker (the visualizer's simulation
 * worker), never in the page's own thread.
 */
import { wrap } from 'comlink';
import type { ActorStep } from '../engine/remote.ts';
import { ActorWorkerSet, checkWorkerCount, type ActorWorker } from './actor-host.ts';
import type { StepRequest } from './actor-runtime.ts';
import { openChannel, type ChannelRemote } from './step-channel.ts';

/** Whether this context may block on shared memory: cross-origin isolated, not a page's own thread, and its buffers can grow (ES2024). */
export function canShareMemory(): boolean {
  return globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function' && 'grow' in SharedArrayBuffer.prototype && typeof document === 'undefined';
}

export class WebActorWorkers extends ActorWorkerSet {
  private readonly webWorkers: Worker[];

  constructor(count: number) {
    const shared = canShareMemory();
    const workers = Array.from({ length: checkWorkerCount(count) }, (_, i) =>
      new Worker(new URL('./actor-web-worker.ts', import.meta.url), { type: 'module', name: `backlab actors ${i + 1}` }));
    super(workers.map((w): ActorWorker => {
      const remote = wrap<ChannelRemote & { step(req: StepRequest): ActorStep[] }>(w);
      // comlink never settles a call whose worker failed to load or threw outside a call; this does.
      const died = new Promise<never>((_, reject) => w.addEventListener('error', (e) => reject(new Error(`a Web Worker for actors failed: ${e.message || 'it could not start'}`))));
      died.catch(() => {});
      const step = (req: StepRequest) => Promise.race([remote.step(req), died]);
      return shared ? { step, channel: openChannel(remote, died) } : { step };
    }));
    this.webWorkers = workers;
  }

  close(): void {
    this.closeChannels();
    for (const w of this.webWorkers) w.terminate();
  }
}
