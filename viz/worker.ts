/**
 * The simulation's thread: the page stays responsive while a scenario runs.
 * Placed actors run in further Web Workers started from here, kept for the
 * next run with the same count.
 */
import { expose } from 'comlink';
import { WebActorWorkers } from '../sim/workers/web-actors.ts';
import { runForView, type RunRequest } from './worker-run.ts';

let actorWorkers: WebActorWorkers | null = null;

function workersFor(count: number): WebActorWorkers {
  if (actorWorkers?.count !== count) {
    actorWorkers?.close();
    actorWorkers = new WebActorWorkers(count);
  }
  return actorWorkers;
}

export const api = { run: (req: RunRequest) => runForView(req, workersFor) };
export type WorkerApi = typeof api;
expose(api);
