/**
 * Flows a wait owns: the transfer command's, and an extension's that moves
 * bytes (a tape write, a replication). The network says when a flow ends;
 * its wait settles with a TransferResult or a TransferFailed, or with what
 * the extension makes of them.
 */
import type { DeviceLaw, Flow } from '../net/flow.ts';
import type { FlowEnd } from '../net/network.ts';
import { FlowStatus } from '../trace/format.ts';
import type { TransferResult } from './commands.ts';
import { CommandError, TransferFailed } from './errors.ts';
import type { Kernel } from './kernel.ts';
import { Wait } from './wait.ts';

/** How an extension answers for a flow it started (see Kernel.startTransfer). */
export interface TransferThen {
  done(r: TransferResult): unknown;
  failed(e: TransferFailed): unknown;
  abandoned?(): void;
}

export interface TransferOptions {
  cap?: number;
  label?: string;
  /** the device law of the flow's last hop (see Flow.shape) */
  shape?: DeviceLaw;
  then?: TransferThen;
  /** the actor whose request the flow serves, when not the wait's own (traced as flow-for) */
  for?: number;
  /** the job it is for, when not the wait's own (Labelled.job): a device serving another actor's command passes that command's */
  job?: string;
}

/**
 * Hears every flow a run starts and how each ends, cancelled ones included,
 * for reports (sim/scenario/flow-book.ts). `ended` may come before `started`
 * when a flow fails the moment it starts (a link of its route is down).
 */
export interface FlowWatch {
  /** `job`: the job the command that started it is for (Labelled.job), if it said */
  started(f: Flow, label: string | undefined, forPid: number | undefined, job: string | undefined): void;
  ended(f: Flow, status: FlowStatus, reason?: string): void;
  /** a family's helper actor (sim/model/delegate.ts, flow-set.ts) was spawned to serve `forPid`'s request: its flows serve that request */
  helps(helper: string, forPid: number, job: string | undefined): void;
}

export function startTransfer(k: Kernel, w: Wait, route: readonly string[], bytes: number, opts: TransferOptions): Flow {
  let ids: Int32Array;
  try {
    ids = k.net.route(route);
  } catch (e) {
    throw new CommandError(`transfer: ${(e as Error).message}`);
  }
  const then = opts.then;
  const flow = k.net.startFlow(ids, bytes, opts.cap ?? Infinity, then ? { wait: w, then } : w, w.actor.pid, opts.label, opts.shape);
  if (opts.for !== undefined && opts.for !== w.actor.pid) k.trace.flowFor(k.now, flow.id, opts.for);
  k.flowWatch?.started(flow, opts.label, opts.for, opts.job ?? w.job);
  if (!w.settled) {
    w.cancel = () => {
      const live = flow.endedAt < 0;
      k.net.cancelFlow(flow);
      if (live) k.flowWatch?.ended(flow, FlowStatus.Cancelled);
      then?.abandoned?.();
    };
  }
  return flow;
}

/** The network's word that a flow ended: its wait settles. */
export function flowEnded(k: Kernel, end: FlowEnd): void {
  const f = end.flow;
  k.flowWatch?.ended(f, end.status, end.reason);
  const owner = f.owner as Wait | { wait: Wait; then: TransferThen };
  const w = owner instanceof Wait ? owner : owner.wait;
  const then = owner instanceof Wait ? undefined : owner.then;
  if (w.stale) return;
  try {
    if (end.status === FlowStatus.Done) {
      const r: TransferResult = { flow: f.id, bytes: f.delivered, start: f.createdAt, end: k.now };
      k.resolve(w, then ? then.done(r) : r);
    } else {
      const e = new TransferFailed(`transfer of ${f.bytes} bytes failed after ${f.delivered} bytes: ${end.reason}`, f.id, f.bytes, f.delivered, end.reason);
      k.reject(w, then ? then.failed(e) : e);
    }
  } catch (e) {
    // The extension's own answer failed: its caller sees that error.
    k.reject(w, e);
  }
}
