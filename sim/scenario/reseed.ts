/**
 * A run with a seed other than the scenario's (`--seed`, a sweep over seeds)
 * draws its jobs' daily data change from its own seed, as it does every other
 * random stream: the occurrences of each job whose change is drawn get the
 * bytes and steps of that seed.
 */
import type { Scenario } from '../foundation/scenario.ts';
import { backupsOfPlan } from './backup-levels.ts';
import { stepsFor } from './job-backups.ts';

export function withRunSeed(scn: Scenario, seed: number): Scenario {
  if (seed === scn.seed || !scn.jobs.some((j) => j.drawn !== undefined)) return scn;
  const jobs = [...scn.jobs];
  scn.jobs.forEach((j, i) => {
    if (j.drawn === undefined) return;
    const plan = j.drawn;
    // A job's occurrences are consecutive, the first carrying the plan (sim/scenario/schedule-jobs.ts).
    backupsOfPlan(plan, seed).forEach((b, k) => { jobs[i + k] = { ...jobs[i + k], steps: stepsFor(plan.steps, b), backup: b }; });
  });
  return { ...scn, jobs };
}
