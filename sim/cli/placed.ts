/**
 * Runs for the CLI with the actors placed where the user asked: in-process,
 * or in N worker threads shared by every run of the command. The threads
 * end with the command, also when a run fails or the user presses Ctrl-C.
 */
import type { Scenario } from '../foundation/scenario.ts';
import { runScenario, runScenarioHosted, type RunOptions } from '../scenario/run.ts';
import type { RunResult } from '../foundation/result.ts';

import { ActorThreads } from '../workers/node-actors.ts';

/** A run, and where its actors ran, in words. */
export type PlacedRun = (scn: Scenario, opts: RunOptions) => Promise<{ result: RunResult; placement: string }>;

export async function withPlacement<T>(workers: number, body: (run: PlacedRun) => Promise<T>): Promise<T> {
  if (workers === 0) return body(async (scn, opts) => ({ result: runScenario(scn, opts), placement: 'actors in-process' }));
  const threads = new ActorThreads(workers);
  const interrupted = (): void => {
    void threads.close().finally(() => {
      console.error(`\nbacklab: interrupted; the ${workers} worker thread${workers > 1 ? 's' : ''} ended, nothing written`);
      process.exit(130);
    });
  };
  process.once('SIGINT', interrupted);
  try {
    return await body(async (scn, opts) => {
      const host = threads.host();
      // A macrotask between chunks of events: a SIGINT handler runs only when the event loop gets a turn.
      const result = await runScenarioHosted(scn, host, { ...opts, pause: () => new Promise<void>((r) => setImmediate(r)) });
      return { result, placement: host.describe('worker threads') };
    });
  } finally {
    process.removeListener('SIGINT', interrupted);
    await threads.close();
  }
}
