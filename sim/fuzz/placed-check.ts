/**
 * The placement invariant on random scenarios: a fuzz case rerun with its
 * actors in worker threads must give the trace hash it gave in-process. A
 * difference would mean the kernel's batching let an answer's arrival order
 * (or an actor's shared state) into the run.
 */
import { loadScenario } from '../scenario/scenario.ts';
import { runScenarioHosted } from '../scenario/run.ts';
import type { ActorThreads } from '../workers/node-actors.ts';
import { fileOf, type FuzzOutcome } from './fuzz-one.ts';

export const PLACED_INVARIANT = 'actors in worker threads give the in-process trace hash';

export async function placedCheck(o: FuzzOutcome, threads: ActorThreads): Promise<FuzzOutcome> {
  // A case that failed already has its finding; one that never ran has no hash to compare.
  if (o.findings.length > 0 || o.traceHash === '') return o;
  let hash: string;
  try {
    hash = (await runScenarioHosted(loadScenario(fileOf(o), o.text), threads.host())).traceHash;
  } catch (e) {
    return { ...o, findings: [{ invariant: PLACED_INVARIANT, what: `the run in ${threads.count} threads failed: ${(e as Error).message}`, at: null }] };
  }
  if (hash === o.traceHash) return o;
  return { ...o, findings: [{ invariant: PLACED_INVARIANT, what: `in-process ${o.traceHash}, in ${threads.count} threads ${hash}; compare with: backlab run FILE and backlab run FILE --workers ${threads.count}`, at: null }] };
}
