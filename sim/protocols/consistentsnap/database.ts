/**
 * The application being backed up: a SQL Server database in the VM, with its
 * transaction log on one disk and its data on another (E: and D: in the
 * patent's example), and its VSS writer.
 *
 * Transactions arrive at `tps` (Poisson, or evenly spaced); each writes a log
 * record, then the data page that depends on it, one write after the other,
 * so each write depends on all before it (checkConsistency). While the
 * writer is frozen (OnFreeze to OnThaw) the database holds its writes: the
 * transactions that arrive wait in order and are written at the thaw, and
 * the time frozen is the application's write stall. A writer left frozen past
 * its limit gives up, resumes writing, and says so at the thaw, which fails
 * the snapshot set. A write the VM refuses (its hypervisor or array failed)
 * stops the database. Given the backup set, it checks which of its writes the
 * copies hold and counts the torn ones.
 */
import { mark, perform, receive, send } from '../../engine/commands.ts';
import { vmWrite } from '../../model/hypervisors/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { tally } from '../common/report.ts';
import { checkBackupSet, type JournalEntry } from './consistency.ts';
import { finding, type ApplicationPlan, type Plan, type Step } from './plan.ts';

/** Ticks to the next transaction. */
export function arrivalGap(ctx: ProcessContext, app: ApplicationPlan): number {
  const mean = 1e9 / app.tps;
  if (app.arrivals === 'steady') return Math.round(mean);
  return Math.max(1, Math.round(ctx.rng('transactions').exponential(mean)));
}

export function* sqlDatabase(ctx: ProcessContext, plan: Plan): Step {
  const app = plan.app!;
  const journal: JournalEntry[] = [];
  /** One transaction; false if a write failed (the VM or its storage is gone), which stops the database. */
  const transaction = function* (): Step<boolean> {
    for (const [disk, bytes, what] of [[app.log, app.logRecord, 'log record'], [app.data, app.page, 'data page']] as const) {
      try {
        const r = yield* perform(vmWrite({ vm: plan.vm, disk, bytes, label: `SQL Server writes a ${what}` }));
        journal.push({ seq: journal.length, disk, at: ctx.now, held: r.queued > 0 });
      } catch (e) {
        yield finding({ kind: 'application-stopped', at: ctx.now / 1e9, why: (e as Error).message });
        return false;
      }
    }
    return true;
  };
  let next = ctx.now + arrivalGap(ctx, app);
  let gaveUp = false;
  for (;;) {
    const m = yield* perform(receive<{ type: string; attempt: number; copies?: Record<string, number> | null }>(undefined, next - ctx.now));
    if (m === null) {
      if (!(yield* transaction())) return;
      next += arrivalGap(ctx, app);
      continue;
    }
    const { type, attempt } = m.body;
    if (type === 'freeze') {
      const since = ctx.now;
      yield send(m.from, { type: 'frozen', attempt }, { label: 'SQL Server VSS writer frozen (OnFreeze): writes held' });
      const thaw = yield receive({ from: m.from, type: 'thaw' }, plan.limits.freeze);
      yield tally('write_stall', (ctx.now - since) / 1e9);
      if (thaw === null) gaveUp = true;
      else yield send(m.from, { type: 'thawed', attempt, timedOut: false }, { label: 'SQL Server VSS writer thawed (OnThaw): held writes follow' });
      let waiting = 0;
      for (; next <= ctx.now; next += arrivalGap(ctx, app)) waiting++;
      yield tally('queued_writes', 2 * waiting);
      for (let i = 0; i < waiting; i++) if (!(yield* transaction())) return;
    } else if (type === 'thaw') {
      yield send(m.from, { type: 'thawed', attempt, timedOut: gaveUp });
      gaveUp = false;
    } else if (type === 'backup-set') {
      yield* check(journal, m.body.copies ?? null);
      return;
    }
  }
}

function* check(journal: readonly JournalEntry[], copies: Record<string, number> | null): Step {
  if (copies === null) {
    yield finding({ kind: 'consistency', torn: null, contained: 0, firstMissing: null });
    return;
  }
  const c = checkBackupSet(journal, new Map(Object.entries(copies)));
  yield tally('torn_writes', c.torn);
  yield mark('SQL Server checks the backup set: every write it holds has its predecessors?', c);
  yield finding({ kind: 'consistency', torn: c.torn, contained: c.contained, firstMissing: c.firstMissing });
}
