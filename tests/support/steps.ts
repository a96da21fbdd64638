/** Running a list of commands as one actor, for the equipment tests. */
import type { Custom } from '../../sim/engine/commands.ts';
import type { Kernel } from '../../sim/engine/kernel.ts';

export interface StepsOutcome {
  results: unknown[];
  error?: Error;
  /** ticks: when the actor stopped */
  end?: number;
}

/** Spawns `name` to yield `steps` in order from `start`; the first error stops it, as a job would. */
export function spawnSteps(kernel: Kernel, name: string, steps: readonly Custom[], start = 0): StepsOutcome {
  const out: StepsOutcome = { results: [] };
  kernel.spawn(name, function* (ctx) {
    if (start > 0) yield { op: 'sleep', duration: start };
    try {
      for (const s of steps) out.results.push(yield s);
    } catch (e) {
      out.error = e as Error;
    }
    out.end = ctx.now;
  });
  return out;
}

/** Yields every step even after errors, and records when each ended (seconds) with its value or error message. */
export function runEachStep(kernel: Kernel, steps: readonly Custom[]): { t: number; value?: any; error?: string }[] {
  const out: { t: number; value?: any; error?: string }[] = [];
  kernel.spawn('p', function* (ctx) {
    for (const s of steps) {
      try {
        const value = yield s;
        out.push({ t: ctx.now / 1e9, value });
      } catch (e) {
        out.push({ t: ctx.now / 1e9, error: (e as Error).message });
      }
    }
  });
  kernel.run();
  return out;
}
