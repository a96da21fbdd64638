/** The worker side of `backlab fuzz`: one fuzz case per call, answered as plain data. */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { fuzzOne, type FuzzCase, type FuzzOutcome } from '../fuzz/fuzz-one.ts';
import { placedCheck } from '../fuzz/placed-check.ts';
import { ActorThreads } from '../workers/node-actors.ts';

export interface FuzzWorkerApi {
  run(c: FuzzCase): Promise<FuzzOutcome>;
}

/** Threads for the placed reruns, started at the first and reused; they end with this worker. */
let threads: ActorThreads | null = null;

/** One case, and its placed rerun if it has one. */
export async function fuzzCase(c: FuzzCase): Promise<FuzzOutcome> {
  const o = fuzzOne(c);
  if (!c.placed) return o;
  threads ??= new ActorThreads(2);
  return placedCheck(o, threads);
}

/** Ends the placed reruns' threads, for a fuzz run in the main thread. */
export async function closeFuzzThreads(): Promise<void> {
  await threads?.close();
  threads = null;
}

if (!isMainThread && parentPort !== null && (workerData as { fuzz?: boolean } | null)?.fuzz === true) {
  expose({ run: fuzzCase } satisfies FuzzWorkerApi, nodeEndpoint(parentPort));
}
