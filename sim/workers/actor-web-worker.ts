/**
 * A browser module Web Worker that runs placed actors (web-actors.ts starts
 * it); the same ActorEndpoint as a Node worker thread (actor-thread.ts).
 */
import { expose } from 'comlink';
import { ActorRuntime } from './actor-runtime.ts';
import { ActorEndpoint } from './actor-endpoint.ts';
import { ACTOR_CATALOG } from '../registry.ts';

expose(new ActorEndpoint(new ActorRuntime(ACTOR_CATALOG)));
