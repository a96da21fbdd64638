/** The simulation's thread: the page stays responsive while a scenario runs. */
import { expose } from 'comlink';
import { runForView } from './worker-run.ts';

export const api = { run: runForView };
export type WorkerApi = typeof api;
expose(api);
