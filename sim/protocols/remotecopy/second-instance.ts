/**
 * The baseline the patent's background describes: a second, separately
 * licensed backup application at the remote site copies the replicated
 * virtual cartridges to its physical tape. It cannot see the local backups
 * end, so it runs on a schedule; an operator checks that replication has
 * finished, imports each replicated cartridge into its own catalogue (the
 * first instance's catalogue is not its own), and runs the copy job. Each of
 * those is counted as an operator step.
 */
import { perform, receive, send, sleep, type Command, type Custom } from '../../engine/commands.ts';
import { vtlCartridge } from '../../model/vtls/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { jobBegin, jobEnd, tally } from '../common/report.ts';
import { copyMeasures } from './backup-application.ts';
import { toCommonCommands, type CopySource } from './emf.ts';
import type { CopyStatus, Message, Roles } from './messages.ts';

export interface SecondInstanceSpec {
  /** the local library, whose cartridges the operator checks are replicated */
  local: string;
  remote: string;
  to: string;
  blockSize: number;
  /** per week: the local cartridges written and their replicas, and when it runs (ticks) */
  weeks: { week: number; cartridges: string[]; runAt: number; lastScheduled: number }[];
  window: number | null;
}

export function* secondInstance(ctx: ProcessContext, roles: Roles, spec: SecondInstanceSpec): Generator<Command | Custom, void, any> {
  let to = spec.to;
  for (const wk of spec.weeks) {
    if (ctx.now < wk.runAt) yield sleep(wk.runAt - ctx.now, `remote backup application: wait for week ${wk.week}'s copy time`);
    const job = `w${wk.week} remote copy`;
    yield jobBegin(job, 'copy');
    const t0 = ctx.now;
    yield tally('operator_steps', 1, 'operator: check that the local library has replicated the week\'s cartridges');
    const cells = [...new Set(wk.cartridges.map((c) => roles.slots[c].cell))].sort((a, b) => a - b);
    for (const cell of cells) {
      yield send(roles.batches[cell], { type: 'await-replication', ref: `w${wk.week}/cell${cell + 1}`, cartridges: wk.cartridges.filter((c) => roles.slots[c].cell === cell) } satisfies Message, { label: 'operator: is replication done?' });
    }
    for (let i = 0; i < cells.length; i++) yield receive({ type: 'replication-current' }, undefined, 'operator: wait for replication to finish');
    yield tally('replication_wait', (ctx.now - t0) / 1e9);
    // A replication that failed leaves the cartridge's bytes pending at the local library: the operator's check finds it, and the copy does not run on a short replica.
    const short: string[] = [];
    for (const c of wk.cartridges) {
      const l = yield* perform(vtlCartridge({ vtl: spec.local, cartridge: c, label: `operator: has ${c} replicated?` }));
      if (l.pendingBytes > 0) short.push(`${c} (${l.pendingBytes} bytes pending)`);
    }
    if (short.length > 0) {
      yield* copyMeasures(ctx, t0, wk.lastScheduled, spec.window);
      yield jobEnd(job, 0, `not replicated to ${spec.remote}: ${short.join(', ')}`);
      continue;
    }
    const sources: CopySource[] = [];
    for (const c of wk.cartridges) {
      const replica = roles.slots[c].replica;
      yield tally('operator_steps', 1, `operator: import ${replica} into the remote instance's catalogue`);
      const r = yield* perform(vtlCartridge({ vtl: spec.remote, cartridge: replica, label: `remote backup application: scan ${replica}` }));
      sources.push({ vtl: spec.remote, cartridge: replica, bytes: r.bytes });
    }
    yield tally('operator_steps', 1, 'operator: run the remote copy job');
    yield send(roles.deviceControl, { type: 'execute', ref: job, job, commands: toCommonCommands(to, sources, spec.blockSize), replyTo: ctx.name } satisfies Message, { label: `remote backup application: copy ${sources.map((s) => s.cartridge).join(', ')} to ${to}` });
    const status = (yield* perform(receive<CopyStatus>({ type: 'status' }, undefined, `remote backup application: wait for ${job}`))).body;
    yield* copyMeasures(ctx, t0, wk.lastScheduled, spec.window);
    yield jobEnd(job, status.bytes, status.ok ? undefined : { reason: status.error!, code: status.code }, status.results);
    if (status.ok) to = status.cartridges[status.cartridges.length - 1];
  }
}
