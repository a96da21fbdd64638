/**
 * Waiting for an answer that belongs to one attempt. A backup that was
 * aborted and retried leaves answers of the old attempt in flight (a thaw
 * request that crossed the abort); they are stale and skipped.
 */
import { any, perform, receive } from '../../engine/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { seconds, type Step } from './plan.ts';

export interface Attempted { type: string; attempt: number; [field: string]: unknown }

/** The next message from `from` about this attempt, whatever its type (`T`: what `from` answers). */
export function* answerTo<T extends { attempt: number } = Attempted>(from: string, attempt: number): Step<T> {
  for (;;) {
    const m = yield* perform(receive<T>({ from }));
    if (m.body.attempt === attempt) return m.body;
  }
}

/**
 * The backup client's wait for an answer that crosses the network: null if
 * none comes by `timeout` ticks (the request or the answer was dropped on a
 * link that is down, or the host is gone), so the client never waits forever.
 */
export function* answerWithin(ctx: ProcessContext, from: string, attempt: number, timeout: number): Step<Attempted | null> {
  const deadline = ctx.now + timeout;
  for (;;) {
    const m = yield* perform(receive<Attempted>({ from }, Math.max(0, deadline - ctx.now)));
    if (m === null || m.body.attempt === attempt) return m?.body ?? null;
  }
}

/** Why an attempt or the job ends when an answer never came. */
export const noAnswer = (from: string, timeout: number): string => `no answer from ${from} within ${seconds(timeout)}: a link or host on the way is down`;

/** The message of `type` from `from` for this attempt, unless the VSS framework aborts the attempt first. */
export function* awaitOrAbort(from: string, type: string, vss: string, attempt: number): Step<{ body: Attempted } | { abort: string; body: Attempted }> {
  for (;;) {
    const r = yield* perform(any([receive<Attempted>({ from, type }), receive<Attempted>({ from: vss, type: 'aborted' })]));
    const body = r.value.body;
    if (body.attempt !== attempt) continue;
    return r.index === 0 ? { body } : { abort: body.reason as string, body };
  }
}
