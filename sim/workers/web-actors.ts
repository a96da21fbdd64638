/**
 * Placed actors in browser module Web Workers, for the visualizer: the
 * browser's twin of node-actors.ts. Vite bundles actor-web-worker.ts from
 * the `new Worker(new URL(...))` below, also when this runs inside a worker.
 */
import { wrap } from 'comlink';
import type { ActorStep } from '../engine/remote.ts';
import { ActorWorkerSet, checkWorkerCount, type ActorWorker } from './actor-host.ts';
import type { StepRequest } from './actor-runtime.ts';

export class WebActorWorkers extends ActorWorkerSet {
  private readonly webWorkers: Worker[];

  constructor(count: number) {
    const workers = Array.from({ length: checkWorkerCount(count) }, (_, i) =>
      new Worker(new URL('./actor-web-worker.ts', import.meta.url), { type: 'module', name: `backlab actors ${i + 1}` }));
    super(workers.map((w): ActorWorker => {
      const remote = wrap<{ step(req: StepRequest): ActorStep[] }>(w);
      // comlink never settles a call whose worker failed to load or threw outside a call; this does.
      const died = new Promise<never>((_, reject) => w.addEventListener('error', (e) => reject(new Error(`a Web Worker for actors failed: ${e.message || 'it could not start'}`))));
      died.catch(() => {});
      return { step: (req) => Promise.race([remote.step(req), died]) };
    }));
    this.webWorkers = workers;
  }

  close(): void {
    for (const w of this.webWorkers) w.terminate();
  }
}
