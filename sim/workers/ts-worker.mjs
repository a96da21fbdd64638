// Plain-JS entry of a worker thread that runs TypeScript. On Node 20 the tsx
// loader of the main thread does not reach worker_threads (nodejs/node#47747),
// so the worker registers tsx itself, then imports the TypeScript module named
// in workerData.tsEntry (a file: URL). See spawnTsWorker in sweep.ts.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.tsEntry);
