/**
 * Several flows under one command's wait, settled in the command's own words.
 *
 * kernel.startTransfer settles the caller's wait itself, with the flow's
 * TransferResult, as soon as that one flow ends. A volume write is one flow
 * per plex and ends when the last plex has its bytes (a plex that fails is
 * detached, not fatal); a VTL replication answers { bytes, wireBytes }, not a
 * TransferResult. So each flow is carried by a small helper actor of the
 * family's own, and when every flow has ended (done or failed) the family
 * sees all the outcomes and settles the wait. If the caller stops waiting
 * (interrupted, or a sibling won an `any`), the helpers still moving are
 * ended and their flows cancelled.
 */
import { perform, transfer } from '../engine/commands.ts';
import { TransferFailed } from '../engine/errors.ts';
import type { Kernel } from '../engine/kernel.ts';
import type { Wait } from '../engine/wait.ts';

export interface FlowSpec {
  route: readonly string[];
  bytes: number;
  /** most bytes/s this flow may take (a backup stream's own limit) */
  cap?: number;
  /** the flow's label in the trace */
  label: string;
}

export interface FlowOutcome {
  ok: boolean;
  /** bytes delivered (all of them if ok) */
  bytes: number;
  /** ticks: when the flow was asked for and when it ended */
  start: number;
  end: number;
  /** why it failed */
  reason?: string;
}

/** One per run and family: numbers the helper actors so their names stay unique. */
export class FlowSets {
  private count = 0;

  constructor(
    private readonly kernel: Kernel,
    /** helper actors are named `${prefix} #n`; a '#' cannot appear in a scenario's names */
    private readonly prefix: string,
  ) {}

  /**
   * Starts every flow now; when all have ended, `done` gets their outcomes in
   * order and must settle `wait`. No flows: `done([])` at once. If the
   * caller stops waiting first, `abandoned` runs instead (to free what the
   * command held).
   */
  start(wait: Wait, flows: readonly FlowSpec[], done: (outcomes: FlowOutcome[]) => void, abandoned?: () => void): void {
    const kernel = this.kernel;
    if (flows.length === 0) { done([]); return; }
    const n = ++this.count;
    const outcomes: FlowOutcome[] = new Array(flows.length);
    const ended = flows.map(() => false);
    let remaining = flows.length;
    let over = false;
    const names = flows.map((_, i) => `${this.prefix} #${n}${flows.length > 1 ? `.${i + 1}` : ''}`);
    flows.forEach((f, i) => {
      kernel.flowWatch?.helps(names[i], wait.actor.pid, wait.job);
      kernel.spawn(names[i], function* (ctx) {
        const start = ctx.now;
        try {
          const r = yield* perform(transfer(f.route, f.bytes, { cap: f.cap, label: f.label }));
          outcomes[i] = { ok: true, bytes: r.bytes, start: r.start, end: r.end };
        } catch (e) {
          // The family says how many bytes arrived in its own words; keep only why.
          const tf = e instanceof TransferFailed ? e : null;
          outcomes[i] = { ok: false, bytes: tf?.delivered ?? 0, start, end: ctx.now, reason: tf?.reason ?? (e as Error).message };
        }
        ended[i] = true;
        if (--remaining === 0 && !over) { over = true; done(outcomes); }
      });
    });
    wait.cancel = () => {
      if (over) return;
      over = true;
      names.forEach((name, i) => { if (!ended[i]) kernel.kill(name, 'its command was abandoned'); });
      abandoned?.();
    };
  }
}
