/**
 * The local storage device's copy engine (FIG. 2): copy interface, EMF with
 * its auto-migration layer (device information, copy manager). It takes the
 * backup application's Smart Copy command and sees it through FIG. 3:
 *
 *   step 1  the copy interface receives the command
 *   step 2  and passes it into the EMF,
 *   step 3  which converts it into common tape commands;
 *   step 4  device information locates the physical medium; if it sits in the
 *           ghost library (attached to the remote device), the auto-migration
 *           layer waits for any pending replication of the cartridges to copy;
 *   step 5  the copy manager sends the job to the remote copy manager;
 *   (steps 6-8 at the remote device: remote-copy-manager.ts, device-control.ts)
 *   step 9  the status comes back through the EMF to the backup application.
 *
 * A medium attached to the local device is copied locally (no replication
 * wait, no remote job). With `lock`, the local library holds writes from
 * step 4 until the status is back, wherever the medium is.
 */
import { mark, perform, receive, send, type Command, type Custom } from '../../engine/commands.ts';
import { vtlCartridge } from '../../model/vtls/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { tally } from '../common/report.ts';
import { locateMedium, presentedLibraries, type PhysicalLibrary } from './device-information.ts';
import { describe, onReplicas, toCommonCommands, type CommonCommand, type CopySource } from './emf.ts';
import type { CopyStatus, Message, Roles, Msg } from './messages.ts';

export interface CopyEngineSpec {
  local: string;
  remote: string;
  /** links to the remote device: the auto-migration layers' software link travels over the WAN */
  wan: string[];
  /** the libraries attached to this device; the remote device reports its own over PDD */
  libraries: PhysicalLibrary[];
  /** whether a remote device will report a library */
  remoteLibrary: boolean;
  blockSize: number;
  lock: boolean;
  controlMessage: number;
  /** ticks without a remote job's status before the job is sent again */
  retry: number;
  /** ticks without any answer from the remote copy manager before the copy fails */
  giveUp: number;
}

type Steps<T = void> = Generator<Command | Custom, T, any>;
type SmartCopy = Extract<Message, { type: 'smart-copy' }>;

export function* copyEngine(ctx: ProcessContext, roles: Roles, spec: CopyEngineSpec): Steps {
  const libraries = [...spec.libraries];
  if (spec.remoteLibrary) {
    const pdd = (yield* perform(receive<Msg<'pdd'>>({ type: 'pdd' }, undefined, 'auto-migration: wait for the remote device information (PDD)'))).body;
    libraries.push(...pdd.libraries);
    for (const l of pdd.libraries) yield mark(`FIG. 2: ${spec.local} presents ${l.library} (attached to ${l.vtl}) as a ghost library`, { library: l.library, cartridges: l.cartridges.map((c) => c.name) });
  }
  for (;;) {
    const m = yield* perform(receive<Message>(undefined, undefined, 'copy interface: wait for a request'));
    if (m.body.type === 'inventory') {
      const shown = presentedLibraries(libraries, spec.local);
      yield mark(`copy interface: the physical libraries of ${spec.local}: ${shown.map((l) => l.library).join(', ')}`, shown);
      yield send(m.from, { type: 'libraries', libraries: shown } satisfies Message);
    } else if (m.body.type === 'smart-copy') {
      const status = yield* smartCopy(m.body);
      // FIG. 3 step 9
      yield send(m.from, status, { label: `FIG. 3 step 9: EMF passes the status of ${status.ref} to the backup application` });
    }
  }

  function* smartCopy(req: SmartCopy): Steps<CopyStatus> {
    yield mark(`FIG. 3 step 1: copy interface receives ${req.api === 'ndmp' ? 'NDMP tape copy' : 'SMI-S copy services'} ${req.ref}: ${req.cartridges.join(', ')} to ${req.to}`);
    yield mark(`FIG. 3 step 2: copy interface passes ${req.ref} into the EMF`);
    const sources: CopySource[] = [];
    for (const c of req.cartridges) {
      const r = yield* perform(vtlCartridge({ vtl: req.vtl, cartridge: c, label: `FIG. 3 step 3: EMF reads the size of ${c}` }));
      sources.push({ vtl: req.vtl, cartridge: c, bytes: r.bytes });
    }
    const commands = toCommonCommands(req.to, sources, spec.blockSize);
    yield mark(`FIG. 3 step 3: EMF converts ${req.ref} into common commands: ${commands.map(describe).join('; ')}`, { commands });
    const medium = locateMedium(libraries, req.to);
    if (medium === undefined) return { type: 'status', ref: req.ref, ok: false, bytes: 0, cartridges: [], results: {}, error: `device information: no library attached to ${spec.local} holds ${req.to}` };
    yield mark(`FIG. 3 step 4: device information locates ${req.to} in ${medium.library}, ${medium.site === 'local' ? `attached to ${medium.vtl}` : `a ghost library: attached to the remote ${medium.vtl}`}`, medium);
    if (spec.lock) yield send(roles.coordinator, { type: 'lock', ref: req.ref } satisfies Message, { label: `auto-migration: lock ${spec.local} for ${req.ref}` });
    let status: CopyStatus;
    if (medium.site === 'local') {
      yield send(roles.deviceControl, { type: 'execute', ref: req.ref, job: req.job, commands, replyTo: ctx.name } satisfies Message, { label: `copy manager: ${req.ref} to the local device control` });
      status = (yield* perform(receive<CopyStatus>({ type: 'status' }, undefined, `copy manager: wait for the status of ${req.ref}`))).body;
    } else {
      yield* awaitReplication(req);
      status = yield* remoteJob(req.ref, req.job, onReplicas(commands, spec.remote, (c) => roles.slots[c].replica));
    }
    if (spec.lock) yield send(roles.coordinator, { type: 'unlock', ref: req.ref } satisfies Message, { label: `auto-migration: unlock ${spec.local}` });
    return status;
  }

  /**
   * FIG. 3 steps 5 and 8 over the WAN, which may lose either message: the job
   * is sent again each `retry` until its status comes back (the remote copy
   * manager runs a job once, and answers a repeat with its status or that it
   * still runs); after `giveUp` without any answer the copy fails. A status
   * of another job, a late repeat, is passed over.
   */
  function* remoteJob(ref: string, job: string, commands: CommonCommand[]): Steps<CopyStatus> {
    let heard = ctx.now;
    for (let attempt = 1; ctx.now - heard < spec.giveUp; attempt++) {
      yield send(roles.remoteCopyEngine, { type: 'copy-job', ref, job, commands } satisfies Message, { route: spec.wan, size: spec.controlMessage, label: attempt === 1 ? `FIG. 3 step 5: copy manager sends ${ref} to the remote copy manager as a remote job` : `copy manager: no status of ${ref} yet, asks again (attempt ${attempt})` });
      for (let m; (m = yield* perform(receive<Message>({ from: roles.remoteCopyEngine }, spec.retry, `auto-migration: wait for the status of ${ref}`))) !== null;) {
        const b = m.body as CopyStatus | Extract<Message, { type: 'running' }>;
        if (b.ref !== ref) continue;
        if (b.type === 'status') return b;
        heard = ctx.now;
      }
    }
    return { type: 'status', ref, ok: false, bytes: 0, cartridges: [], results: {}, error: `no answer from the remote copy manager over the WAN for ${+((ctx.now - heard) / 3.6e12).toFixed(2)} h` };
  }

  /** FIG. 3 step 4: wait until no cartridge of this copy has replication pending (other cartridges may still be replicating). */
  function* awaitReplication(req: SmartCopy): Steps {
    const t0 = ctx.now;
    const cells = [...new Set(req.cartridges.map((c) => roles.slots[c].cell))].sort((a, b) => a - b);
    for (const cell of cells) {
      const mine = req.cartridges.filter((c) => roles.slots[c].cell === cell);
      yield send(roles.batches[cell], { type: 'await-replication', ref: `${req.ref}/cell${cell + 1}`, cartridges: mine } satisfies Message, { label: `FIG. 3 step 4: wait for pending replication of ${mine.join(', ')}` });
    }
    for (let i = 0; i < cells.length; i++) yield receive({ type: 'replication-current' }, undefined, `FIG. 3 step 4: wait for pending replication of ${req.ref}'s cartridges`);
    yield tally('replication_wait', (ctx.now - t0) / 1e9, `auto-migration: ${req.ref}'s cartridges are replicated`);
  }
}
