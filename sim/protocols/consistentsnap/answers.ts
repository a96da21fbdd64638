/**
 * Waiting for an answer that belongs to one attempt. A backup that was
 * aborted and retried leaves answers of the old attempt in flight (a thaw
 * request that crossed the abort); they are stale and skipped.
 */
import { any, receive, type AnyResult, type Envelope } from '../../engine/commands.ts';
import type { Step } from './plan.ts';

export interface Attempted { type: string; attempt: number; [field: string]: unknown }

/** The next message from `from` about this attempt, whatever its type. */
export function* answerTo(from: string, attempt: number): Step<Attempted> {
  for (;;) {
    const m = (yield receive({ from })) as Envelope<Attempted>;
    if (m.body.attempt === attempt) return m.body;
  }
}

/** The message of `type` from `from` for this attempt, unless the VSS framework aborts the attempt first. */
export function* awaitOrAbort(from: string, type: string, vss: string, attempt: number): Step<{ body: Attempted } | { abort: string }> {
  for (;;) {
    const r = (yield any([receive({ from, type }), receive({ from: vss, type: 'aborted' })])) as AnyResult<Envelope<Attempted>>;
    const body = r.value.body;
    if (body.attempt !== attempt) continue;
    return r.index === 0 ? { body } : { abort: body.reason as string };
  }
}
