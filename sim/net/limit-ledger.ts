/**
 * Bytes moved, by the limiter that held them, counted while the network runs:
 * a group's rate times its members over each stretch between two changes of
 * either, added when the change comes. It is what a run's result reports
 * without keeping its trace (sweeps run thousands), and it agrees with what
 * sim/trace/limiters.ts reads from a trace (a test holds them together).
 *
 * A limiter is a number here, its kind, link and feed packed below 2^53, so
 * that counting costs one map update per group change and no allocation.
 */
import type { Feed } from '../foundation/limits.ts';
import { capLimit, type LimitIds } from '../trace/cap-limit.ts';
import type { BottleneckGroup } from './group.ts';
import { TICKS_PER_SECOND } from '../foundation/time.ts';

const KINDS = ['link', 'link-cap', 'flow-cap', 'device-law'] as const;
const FEEDS: readonly (Feed['kind'] | null)[] = [null, 'link', 'link-cap', 'flow-cap'];
/** link ids + 1 fit below it: 2^21 links, 16 kind x feed pairs, 2^53 in all */
const SPAN = 2 ** 21;

/** The key of the limiter 'link' l: what a link's group counts under. */
export const linkKey = (l: number): number => (l + 1) * SPAN;

export function ledgerKey(id: LimitIds): number {
  return ((KINDS.indexOf(id.kind) * 4 + FEEDS.indexOf(id.feedKind)) * SPAN + (id.link + 1)) * SPAN + (id.feedLink + 1);
}

/**
 * What a group's bytes count under now: its link, the link holding a flow in
 * its own group (weighted sharing), or for a flow's own cap what cap-limit.ts names.
 */
export function groupKey(g: BottleneckGroup): number {
  if (g.id >= 0) return linkKey(g.id);
  if (g.held >= 0) return linkKey(g.held);
  const f = g.first()!;
  return ledgerKey(capLimit(f.capFacts, f.shape === null ? -1 : f.route[f.route.length - 1], g.rate, f.cap, f.feed));
}

export function ledgerIds(key: number): LimitIds {
  const feedLink = (key % SPAN) - 1;
  const rest = Math.floor(key / SPAN);
  const link = (rest % SPAN) - 1;
  const pair = Math.floor(rest / SPAN);
  return { kind: KINDS[pair >> 2], link, feedKind: FEEDS[pair & 3], feedLink };
}

export class LimitLedger {
  private readonly totals = new Map<number, number>();

  /** Adds a group's bytes since it was last counted, before its rate, members or feed change. */
  count(g: BottleneckGroup, now: number): void {
    const dt = now - g.counted;
    g.counted = now;
    if (dt <= 0 || g.rate <= 0 || g.size === 0) return;
    this.add(groupKey(g), (g.rate * g.size * dt) / TICKS_PER_SECOND);
  }

  add(key: number, bytes: number): void {
    this.totals.set(key, (this.totals.get(key) ?? 0) + bytes);
  }

  /** The bytes so far by limiter key, in the order limiters first held bytes. */
  snapshot(): Map<number, number> {
    return new Map(this.totals);
  }
}
