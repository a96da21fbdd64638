/**
 * The backup application: one instance, at the local site. Its backups write
 * one virtual cartridge a day to the local library; its copy policy issues
 * the week's Smart Copy of those cartridges to a physical cartridge it sees
 * in a library of the local VLS (FIG. 3 step 1), and takes the status back
 * (step 9). It never names the remote device: a remote tape is presented to
 * it as a local (ghost) library.
 */
import { join, perform, receive, send, sleep, type Command, type Custom, type Envelope } from '../../engine/commands.ts';
import { vtlReplicate, vtlWrite } from '../../model/vtls/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { jobBegin, jobEnd, tally } from '../common/report.ts';
import { addStepResult, type StepResults } from '../common/step-results.ts';
import type { Backup } from './def.ts';
import type { CopyStatus, Message, Roles, Msg } from './messages.ts';

type Steps<T = void> = Generator<Command | Custom, T, any>;

export interface BackupSpec {
  backups: Backup[];
  dataset: string;
  /** coefficient of variation of the day's change (0: every day at the mean) */
  changeSpread: number;
  /** the seeding actor to wait for, if any */
  seeding: string | null;
  /** who keeps the catalogue of written cartridges (this instance's copy policy), if anyone */
  catalogue: string | null;
}

export function* backupApplication(ctx: ProcessContext, roles: Roles, spec: BackupSpec): Steps {
  const days = ctx.rng('change');
  if (spec.seeding !== null) yield join(spec.seeding, 'backup application: wait for the remote library to be seeded');
  for (const b of spec.backups) {
    if (ctx.now < b.at) yield sleep(b.at - ctx.now, `backup application: wait for ${b.job}`);
    yield jobBegin(b.job, 'backup');
    yield send(roles.coordinator, { type: 'write', job: b.job, cartridge: b.cartridge, bytes: b.bytes, dataset: spec.dataset, change: spec.changeSpread > 0 ? Math.min(1, b.change * days.lognormalFromMean(1, spec.changeSpread)) : b.change } satisfies Message, { label: `backup application: ${b.job} to ${b.cartridge}` });
    const ack = (yield* perform(receive<Msg<'write-ack'>>({ type: 'write-ack' }, undefined, `backup application: wait for ${b.job} to be acknowledged`))).body;
    const results: StepResults = {};
    addStepResult(results, vtlWrite.op, ack.result);
    yield jobEnd(b.job, ack.result?.bytes ?? 0, ack.error, results);
    if (spec.catalogue !== null) yield send(spec.catalogue, { type: 'catalogued', week: b.week, cartridge: b.cartridge, kind: b.kind, ok: ack.error === undefined } satisfies Message);
  }
}

export interface CopyPolicySpec {
  local: string;
  api: 'ndmp' | 'smi-s';
  to: string;
  /** per week: backups in it, when it starts and when its last backup is scheduled (ticks) */
  weeks: { week: number; backups: number; start: number; lastScheduled: number }[];
  /** ticks after the week's start; null: when its last backup is acknowledged */
  at: number | null;
  window: number | null;
  of: 'all' | 'fulls';
}

/** The week's Smart Copy: the cartridges written that week, stacked from `to` on. */
export function* copyPolicy(ctx: ProcessContext, roles: Roles, spec: CopyPolicySpec): Steps {
  let to = spec.to;
  const written: { week: number; cartridge: string }[] = [];
  const wanted = (kind: string) => spec.of === 'all' || kind === 'full';
  let seen = 0;
  const take = (m: Envelope<Message>) => {
    const b = m.body as Extract<Message, { type: 'catalogued' }>;
    seen++;
    if (b.ok && wanted(b.kind)) written.push({ week: b.week, cartridge: b.cartridge });
  };
  let through = 0;
  for (const wk of spec.weeks) {
    through += wk.backups;
    if (spec.at === null) {
      while (seen < through) take(yield* perform(receive<Message>({ type: 'catalogued' }, undefined, `copy policy: wait for week ${wk.week}'s backups`)));
    } else {
      const at = wk.start + spec.at;
      if (ctx.now < at) yield sleep(at - ctx.now, `copy policy: wait for week ${wk.week}'s copy time`);
      for (let m; (m = yield* perform(receive<Message>({ type: 'catalogued' }, 0))) !== null;) take(m);
    }
    const cartridges = written.filter((x) => x.week === wk.week).map((x) => x.cartridge);
    if (cartridges.length === 0) continue;
    const job = `w${wk.week} smart copy`;
    yield jobBegin(job, 'copy');
    yield send(roles.copyEngine, { type: 'inventory' } satisfies Message, { label: 'backup application: which physical libraries does the VLS have?' });
    const inv = (yield* perform(receive<Msg<'libraries'>>({ type: 'libraries' }, undefined, 'backup application: wait for the inventory'))).body;
    if (!inv.libraries.some((l) => l.cartridges.includes(to))) {
      yield jobEnd(job, 0, `${to} is in no library that ${spec.local} presents`);
      continue;
    }
    const t1 = ctx.now;
    const ref = `copy-w${wk.week}`;
    yield send(roles.copyEngine, { type: 'smart-copy', ref, job, api: spec.api, vtl: spec.local, cartridges, to } satisfies Message, { label: `FIG. 3 step 1: backup application issues ${spec.api === 'ndmp' ? 'NDMP tape copy' : 'SMI-S copy services'} of ${cartridges.join(', ')} to ${to}` });
    const status = (yield* perform(receive<CopyStatus>({ type: 'status' }, undefined, `backup application: wait for the status of ${ref}`))).body;
    yield* copyMeasures(ctx, t1, wk.lastScheduled, spec.window);
    yield jobEnd(job, status.bytes, status.ok ? undefined : { reason: status.error!, code: status.code }, status.results);
    if (status.ok) to = status.cartridges[status.cartridges.length - 1];
  }
}

/** copy_time from the command to its status; copy_overrun past the window after the week's last scheduled backup. */
export function* copyMeasures(ctx: ProcessContext, issued: number, lastScheduled: number, window: number | null): Steps {
  yield tally('copy_time', (ctx.now - issued) / 1e9);
  if (window !== null) yield tally('copy_overrun', Math.max(0, ctx.now - (lastScheduled + window)) / 1e9);
}

export interface SeedingSpec {
  local: string;
  remote: string;
  cartridge: string;
  replica: string;
  bytes: number;
  dataset: string;
  route: string[];
}

/** Before the cycle: the dataset's first full, replicated while both libraries stand at the local site (no WAN). */
export function* seeding(_ctx: ProcessContext, spec: SeedingSpec): Steps {
  yield jobBegin('seed', 'seed');
  const results: StepResults = {};
  // A seeding that fails (the LAN or a library down) ends with its reason; the cycle then runs unseeded.
  try {
    addStepResult(results, vtlWrite.op, yield* perform(vtlWrite({ vtl: spec.local, cartridge: spec.cartridge, bytes: spec.bytes, route: spec.route, dataset: spec.dataset, label: `seeding: first full of ${spec.dataset} onto ${spec.cartridge}` })));
    addStepResult(results, vtlReplicate.op, yield* perform(vtlReplicate({ vtl: spec.local, cartridge: spec.cartridge, to: spec.remote, route: [], into: spec.replica, label: `seeding: replicate ${spec.cartridge} to ${spec.remote} on site, before it is shipped` })));
  } catch (e) {
    yield jobEnd('seed', 0, (e as Error).message, results);
    return;
  }
  yield jobEnd('seed', spec.bytes, undefined, results);
}
