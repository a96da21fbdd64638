/**
 * A pending command of a blocked process. Leaves are single operations
 * (a timer, a receive, a transfer, a join, an extension's operation);
 * a JoinWait gathers children for `all` and `any`. A wait settles once:
 * resolved with a value or rejected with an error; a wait that is cancelled
 * (its process was interrupted, or a sibling won an `any`) settles silently
 * and undoes what it started.
 */
import type { AnyResult, MessageFilter } from './commands.ts';

export interface WaitOwner {
  readonly pid: number;
  token: number;
}

export class Wait {
  settled = false;
  /** Undo: stop a flow, leave a mailbox queue, forget a timer. */
  cancel: (() => void) | null = null;
  /** For receives: which messages this wait takes. */
  match: MessageFilter | undefined = undefined;
  /** Id of this wait's timer (sleep or receive timeout), 0 if none, and what it resolves with. */
  timer = 0;
  timeoutValue: unknown = undefined;
  /** the job the command is for (Labelled.job), its own or its all/any's */
  readonly job: string | undefined;
  constructor(
    readonly actor: WaitOwner,
    readonly token: number,
    readonly parent: JoinWait | null,
    readonly index: number,
    job?: string,
  ) {
    this.job = job ?? parent?.job;
  }

  get stale(): boolean {
    return this.settled || this.actor.token !== this.token;
  }
}

export class JoinWait extends Wait {
  readonly children: Wait[] = [];
  results: unknown[] = [];
  remaining = 0;
  constructor(actor: WaitOwner, token: number, parent: JoinWait | null, index: number, readonly mode: 'all' | 'any', job?: string) {
    super(actor, token, parent, index, job);
  }
}

/** Settles w without a value and undoes every operation under it. */
export function cancelWait(w: Wait): void {
  if (w.settled) return;
  w.settled = true;
  if (w instanceof JoinWait) for (const c of w.children) cancelWait(c);
  else if (w.cancel !== null) w.cancel();
}

/**
 * Settles w (once: a stale wait is left alone). A branch of all/any settles
 * its JoinWait by the JoinWait's rule: the first failure fails it, the first
 * success wins an `any`, the last success completes an `all`; the losers
 * are cancelled. A root wait hands its outcome to `wake`, which resumes its
 * actor.
 */
export function settle(w: Wait, ok: boolean, value: unknown, wake: (w: Wait, ok: boolean, value: unknown) => void): void {
  if (w.stale) return;
  w.settled = true;
  const j = w.parent;
  if (j === null) {
    wake(w, ok, value);
  } else if (!ok) {
    for (const c of j.children) cancelWait(c);
    settle(j, false, value, wake);
  } else if (j.mode === 'any') {
    for (const c of j.children) cancelWait(c);
    const r: AnyResult = { index: w.index, value };
    settle(j, true, r, wake);
  } else {
    j.results[w.index] = value;
    if (--j.remaining === 0) settle(j, true, j.results, wake);
  }
}
