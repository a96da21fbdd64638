/**
 * The backup client of the patented design (US 9,262,448). It learns the VM's
 * disks from the virtual center (FIG. 1), injects the FCM (FIG. 2), the proxy
 * and the VPS (FIG. 3), then drives one freeze of all target volumes (FIG. 4),
 * the snapshots of both kinds inside it (FIG. 5) and the thaw (FIG. 6),
 * retrying an aborted attempt per policy.
 */
import { send, sleep } from '../../engine/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { jobBegin } from '../common/report.ts';
import { answerTo } from './answers.ts';
import { finishBackup } from './finish.ts';
import type { Copy, DiskInfo, Plan, Step } from './plan.ts';
import { AttemptCounter, withRetries } from './retry.ts';
import type { SessionResult } from './session.ts';
import { FIG } from './steps.ts';

export function* backupClient(_ctx: ProcessContext, plan: Plan): Step {
  const { vcenter, proxy, fcm } = plan.roles;
  const to = (actor: string, body: object, label?: string) => send(actor, body, { route: plan.route, label });
  if (plan.start > 0) yield sleep(plan.start, 'backup window opens');
  yield jobBegin(plan.job, 'backup');
  yield to(vcenter, { type: 'disk-info', attempt: 0, vm: plan.vm }, FIG.askDiskInfo);
  const info = yield* answerTo(vcenter, 0);
  yield to(fcm, { type: 'install', attempt: 0 }, FIG.injectFcm);
  yield* answerTo(fcm, 0);
  yield to(proxy, { type: 'install', attempt: 0 }, FIG.injectProxy);
  yield* answerTo(proxy, 0);
  yield to(proxy, { type: 'disk-info', attempt: 0, disks: info.disks as DiskInfo[] }, FIG.passDiskInfo);
  yield* answerTo(proxy, 0);
  const r = yield* withRetries(plan, new AttemptCounter(), (attempt) => commonFreeze(plan, attempt));
  yield* finishBackup(plan, r);
}

/** FIG. 4 to FIG. 6 once: freeze everything, snapshot both kinds, thaw. */
function* commonFreeze(plan: Plan, attempt: number): Step<SessionResult> {
  const proxy = plan.roles.proxy;
  const to = (body: object, label: string) => send(proxy, { ...body, attempt }, { route: plan.route, label });
  yield to({ type: 'freeze-writers' }, FIG.freezeWriters);
  const frozen = yield* answerTo(proxy, attempt);
  if (frozen.type === 'aborted') return { abort: frozen.abort as string };
  yield to({ type: 'snapshot' }, FIG.requestSnapshots);
  const taken = yield* answerTo(proxy, attempt);
  if (taken.type === 'aborted') return { abort: taken.abort as string };
  yield to({ type: 'thaw' }, FIG.thaw);
  const thawed = yield* answerTo(proxy, attempt);
  if (thawed.type === 'aborted') return { abort: thawed.abort as string };
  return { copies: taken.copies as Copy[] };
}
