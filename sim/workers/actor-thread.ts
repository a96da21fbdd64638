/**
 * A Node worker thread that runs placed actors (the entry of
 * node-actors.ts's threads). The browser's twin is actor-web-worker.ts; both
 * expose the same ActorRuntime.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { ActorRuntime } from './actor-runtime.ts';
import { ACTOR_CATALOG } from '../registry.ts';

const { throwIn } = workerData as { throwIn?: string };
expose(new ActorRuntime(ACTOR_CATALOG, { throwIn }), nodeEndpoint(parentPort!));
