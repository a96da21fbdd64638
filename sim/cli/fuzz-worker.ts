/** The worker side of `backlab fuzz`: one fuzz case per call, answered as plain data. */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { fuzzOne, type FuzzCase, type FuzzOutcome } from '../fuzz/fuzz-one.ts';

export interface FuzzWorkerApi {
  run(c: FuzzCase): FuzzOutcome;
}

if (!isMainThread && parentPort !== null && (workerData as { fuzz?: boolean } | null)?.fuzz === true) {
  expose({ run: (c: FuzzCase) => fuzzOne(c) } satisfies FuzzWorkerApi, nodeEndpoint(parentPort));
}
