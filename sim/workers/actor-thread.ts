/**
 * A Node worker thread that runs placed actors (the entry of
 * node-actors.ts's threads). The browser's twin is actor-web-worker.ts; both
 * expose the same ActorEndpoint.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { ActorRuntime } from './actor-runtime.ts';
import { ActorEndpoint } from './actor-endpoint.ts';
import { ACTOR_CATALOG } from '../registry.ts';

const { throwIn } = workerData as { throwIn?: string };
const endpoint = new ActorEndpoint(new ActorRuntime(ACTOR_CATALOG, { throwIn }));
// The thread ending (process.exit in an actor's code): a kernel blocked on the channel hears it now, not at its time-out.
process.on('exit', (code) => endpoint.died(code));
expose(endpoint, nodeEndpoint(parentPort!));
