/**
 * A run with a seed other than the scenario's (`--seed`, a sweep over seeds)
 * draws its jobs' daily data change from its own seed, as it does every other
 * random stream: the occurrences of each job whose change is drawn get the
 * bytes and steps of that seed.
 */
import type { Scenario } from '../foundation/scenario.ts';
import { backupsOfPlan } from './backup-levels.ts';
import { isDrawn, stepsFor } from './job-backups.ts';

export function withRunSeed(scn: Scenario, seed: number): Scenario {
  const drawn = (j: Scenario['jobs'][number]): boolean => j.plan !== undefined && isDrawn(j.plan);
  if (seed === scn.seed || !scn.jobs.some(drawn)) return scn;
  const jobs = [...scn.jobs];
  scn.jobs.forEach((j, i) => {
    if (!drawn(j)) return;
    const plan = j.plan!;
    // A job's occurrences are consecutive, the first carrying the plan (sim/scenario/schedule-jobs.ts).
    backupsOfPlan(plan, seed).forEach((b, k) => { jobs[i + k] = { ...jobs[i + k], steps: stepsFor(plan.steps, b), backup: b }; });
  });
  return { ...scn, jobs };
}
