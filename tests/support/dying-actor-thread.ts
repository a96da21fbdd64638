/**
 * An actor worker thread whose worker dies at its first step (process.exit,
 * as an actor's own code might call it): the real ActorEndpoint and exit
 * hook of sim/workers/actor-thread.ts, over a runtime that exits.
 */
import { parentPort } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { ActorEndpoint } from '../../sim/workers/actor-endpoint.ts';
import type { ActorRuntime } from '../../sim/workers/actor-runtime.ts';

const endpoint = new ActorEndpoint({ step: () => process.exit(3) } as unknown as ActorRuntime);
process.on('exit', (code) => endpoint.died(code));
expose(endpoint, nodeEndpoint(parentPort!));
