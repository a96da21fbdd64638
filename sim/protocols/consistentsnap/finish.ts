/**
 * The end of a backup, either design: the job ends in the jobs table, the
 * spread of the instants the copies hold is tallied, and the application is
 * handed the backup set to check (a restore test: does every write the set
 * holds have its predecessors?). The set reaches the application directly,
 * not over the client's route: the check is the model's measure, not a
 * message of the protocol, so a link down cannot keep the application
 * writing for ever.
 */
import { send } from '../../engine/commands.ts';
import { jobEnd, tally } from '../common/report.ts';
import { finding, type Copy, type Plan, type Step } from './plan.ts';
import type { SessionResult } from './session.ts';

/** The instant each disk's copy was made, for the application's check. */
export function copyInstants(copies: readonly Copy[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of copies) for (const d of c.disks) out[d] = c.time;
  return out;
}

/** Time between the first and the last freeze the copies come from: 0 when they hold one instant. */
export function imageSkew(copies: readonly Copy[]): number {
  const at = copies.map((c) => c.frozenAt);
  return at.length === 0 ? 0 : Math.max(...at) - Math.min(...at);
}

export function* finishBackup(plan: Plan, r: SessionResult): Step {
  const app = plan.roles.app;
  if ('abort' in r) {
    yield send(app, { type: 'backup-set', attempt: 0, copies: null });
    yield finding({ kind: 'backup-set', aborted: r.abort, snapshots: [], frozenAt: [] });
    yield jobEnd(plan.job, 0, r.abort, r.results);
    return;
  }
  const skew = imageSkew(r.copies);
  yield tally('image_skew', skew / 1e9);
  const frozenAt = [...new Set(r.copies.map((c) => c.frozenAt))].map((t) => t / 1e9);
  yield finding({ kind: 'backup-set', aborted: null, snapshots: r.copies.map((c) => ({ disks: c.disks, time: c.time / 1e9 })), frozenAt });
  yield send(app, { type: 'backup-set', attempt: 0, copies: copyInstants(r.copies) });
  yield jobEnd(plan.job, 0, undefined, r.results);
}
