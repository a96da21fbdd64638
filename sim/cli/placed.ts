/**
 * Runs for the CLI with the actors placed where the user asked: in-process,
 * or in N worker threads shared by every run of the command. The threads
 * end with the command, also when a run fails or the user presses Ctrl-C.
 */
import { runScenario, runScenarioHosted, type RunOptions } from '../scenario/run.ts';
import type { RunResult } from '../scenario/result.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { ActorThreads } from '../workers/node-actors.ts';

export type PlacedRun = (scn: Scenario, opts: RunOptions) => Promise<RunResult>;

export async function withPlacement<T>(workers: number, body: (run: PlacedRun) => Promise<T>): Promise<T> {
  if (workers === 0) return body(async (scn, opts) => runScenario(scn, opts));
  const threads = new ActorThreads(workers);
  const interrupted = (): void => {
    void threads.close().finally(() => {
      console.error(`\nbacklab: interrupted; the ${workers} worker thread${workers > 1 ? 's' : ''} ended, nothing written`);
      process.exit(130);
    });
  };
  process.once('SIGINT', interrupted);
  try {
    return await body((scn, opts) => runScenarioHosted(scn, threads.host(), opts));
  } finally {
    process.removeListener('SIGINT', interrupted);
    await threads.close();
  }
}
