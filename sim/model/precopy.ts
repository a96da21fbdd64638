/**
 * Live migration in rounds (pre-copy), shared by Live Partition Mobility
 * (servers/lpm.ts) and VM live migration (hypervisors/migrate.ts).
 *
 * Round 1 copies the guest's whole memory while it runs; each later round
 * copies what the guest dirtied during the round before (dirty rate × the
 * round's duration, at most its writable working set). The copy is a real
 * flow over the route between the hosts, so it shares its links with other
 * traffic and a round's rate is what the flow actually got. After each round
 * the bytes left are compared with the stop-and-copy threshold: at most
 * `stopBytes`, or a predicted downtime (bytes left / the last round's rate)
 * of at most `stopDowntime`. Then the guest is stopped, the rest is copied,
 * and the switch-over costs a fixed time: downtime = final bytes / rate +
 * switchover. This is the pre-copy loop the products document:
 *
 * - vMotion: "each subsequent iteration copies only the memory pages that were
 *   modified during the preceding iteration ... until the remaining set of
 *   dirty pages is small enough that it can be transferred within the 500 ms
 *   switchover time goal" (Broadcom KB 436882).
 * - LPM: "additional passes through the changed pages until the mover service
 *   partition detects that a sufficient number of pages are clean or the
 *   timeout is reached" (Veritas SFHA 6.0 AIX virtualization guide, "Performance
 *   considerations"); the partition then moves and the remaining pages follow
 *   (Wikipedia "Live Partition Mobility").
 * - Hyper-V: "this iterative process continues until the number of pages is
 *   relatively small. The VM is paused on the source node" (WS2008 R2 live
 *   migration FAQ, experts123 copy).
 *
 * With a constant copy rate c and dirty rate d (r = d / c < 1) round k copies
 * M·r^(k-1), so n rounds copy M·(1 − r^n) / (1 − r): the closed form the tests
 * compute by hand.
 *
 * When the guest dirties at least as fast as the copy goes (a round leaves as
 * much as it copied), the product decides (`convergence`):
 * - `continue` (LPM): rounds go on to the round limit, then the partition is
 *   suspended and the rest copied, however long that takes.
 * - `slowdown` (vMotion since vSphere 5, "Stun During Page Send"): "if the
 *   rate at which the pages are dirtied exceeds the transmission rate, the
 *   source vCPUs will be placed in a sleep state to decrease the rate at which
 *   pages are dirtied" (D. Epping, yellow-bricks.com, 2012). The guest's dirty
 *   rate is held at `slowdownShare` of the last round's copy rate from then on.
 * - `fail` (vMotion before SDPS): SDPS exists "to prevent the vMotion process
 *   from failing" (same source); the migration fails at the round limit and
 *   the guest stays where it was.
 */
import { perform, transfer } from '../engine/commands.ts';
import type { Command, Custom } from '../engine/commands.ts';
import type { ProcessContext } from '../engine/kernel.ts';
import { duration, integer, number, oneOf, rate, size } from '../foundation/declare.ts';

export const CONVERGENCE = ['continue', 'slowdown', 'fail'] as const;
export type Convergence = (typeof CONVERGENCE)[number];

/** How a product runs its rounds. Durations in ticks. */
export interface PrecopyPolicy {
  rounds: number;
  stopBytes: number;
  stopDowntime: number;
  switchover: number;
  convergence: Convergence;
  /** with convergence slowdown: the share of the last round's copy rate the guest may dirty once slowed */
  slowdownShare: number;
}

/** What the guest does to its memory while it is copied. */
export interface GuestMemory {
  /** bytes copied in round 1 */
  memory: number;
  /** bytes/s the guest dirties */
  dirtyRate: number;
  /** at most this many bytes are dirty at once */
  workingSet: number;
}

/** The guest's declared fields: its dirty rate and writable working set. */
export const guestFields = (what: string) => ({
  dirtyRate: rate({
    description: `Rate at which the ${what} dirties memory while it is copied (live migration re-sends what it dirtied).`,
    default: '0 B/s',
    source: 'configuration; 0 gives the idle lower bound memory / link rate (IBM developerWorks "Live Partition Mobility requirements")',
  }),
  workingSet: size({
    description: `Writable working set: at most this much of the ${what}'s memory is dirty at once.`,
    defaultText: 'all of its memory',
    source: 'configuration (Clark et al., "Live Migration of Virtual Machines", NSDI 2005: the writable working set bounds what pre-copy re-sends)',
  }),
});

interface PolicyDefaults {
  rounds: { value: number; source: string };
  stopDowntime: { value: string; source: string };
  switchover: { description: string; value: string; source: string };
  convergence: { value: Convergence; source: string };
}

/** A product's pre-copy policy as declared fields, with that product's defaults and sources. */
export const policyFields = (d: PolicyDefaults) => ({
  rounds: integer({ description: 'Most pre-copy rounds before the guest is stopped (or the migration fails, with convergence: fail).', default: d.rounds.value, minimum: 1, unit: 'rounds', source: d.rounds.source }),
  stopBytes: size({ description: 'Stop and copy once at most this much is left to copy.', default: '0 B', source: 'configuration; the threshold in bytes (0: only the predicted downtime decides)' }),
  stopDowntime: duration({ description: 'Stop and copy once what is left would take at most this long at the last round\'s rate (the predicted downtime).', default: d.stopDowntime.value, source: d.stopDowntime.source }),
  switchover: duration({ description: d.switchover.description, default: d.switchover.value, source: d.switchover.source }),
  convergence: oneOf(CONVERGENCE, {
    description: 'When the guest dirties as fast as the copy goes: continue to the round limit then stop and copy, slowdown (SDPS: slow the guest), or fail at the round limit.',
    default: d.convergence.value,
    unit: 'continue, slowdown or fail',
    source: d.convergence.source,
  }),
  slowdownShare: number({
    description: 'With convergence slowdown: the share of the last round\'s copy rate the guest is held to dirty once it is slowed (each later round then copies this share of the one before).',
    default: 0.5,
    exclusiveMinimum: 0,
    maximum: 1,
    unit: 'share of the copy rate',
    source: 'UNSOURCED: VMware says only that SDPS puts vCPUs to sleep "a few milliseconds at a time" until the dirty rate is below the transmission rate (D. Epping, yellow-bricks.com, 2012); half makes each later round half the one before; sweep 0.1-0.9',
  }),
});

export interface PrecopyOutcome {
  /** pre-copy rounds run (the stop-and-copy not counted) */
  rounds: number;
  /** bytes the pre-copy rounds moved */
  bytes: number;
  /** bytes left for the stop-and-copy */
  left: number;
  /** the last round's copy rate, bytes/s */
  rate: number;
  /** the threshold was met (else the round limit ended the rounds) */
  converged: boolean;
  /** the dirty rate SDPS held the guest to, or null */
  slowedTo: number | null;
}

export interface PrecopyRun {
  route: string[];
  guest: GuestMemory;
  policy: PrecopyPolicy;
  /** a round's label and its data */
  label: (round: number, bytes: number) => { label: string; data: object };
}

/**
 * Runs the pre-copy rounds inside the calling actor; a failed flow throws
 * out of it (the caller aborts the migration).
 */
export function* preCopy(ctx: ProcessContext, run: PrecopyRun): Generator<Command | Custom, PrecopyOutcome, any> {
  const { guest, policy } = run;
  let dirtyRate = guest.dirtyRate;
  let slowedTo: number | null = null;
  let toCopy = guest.memory;
  let bytes = 0;
  for (let round = 1; ; round++) {
    const start = ctx.now;
    if (toCopy > 0) {
      const { label, data } = run.label(round, toCopy);
      yield* perform(transfer(run.route, toCopy, { label, data }));
    }
    bytes += toCopy;
    const seconds = (ctx.now - start) / 1e9;
    const rate = seconds > 0 ? toCopy / seconds : Infinity;
    const dirtied = Math.min(dirtyRate * seconds, guest.workingSet);
    const done = (converged: boolean): PrecopyOutcome => ({ rounds: round, bytes, left: dirtied, rate, converged, slowedTo });
    if (dirtied <= policy.stopBytes || (dirtied / rate) * 1e9 <= policy.stopDowntime) return done(true);
    if (round >= policy.rounds) {
      if (policy.convergence === 'fail') throw new PrecopyFailed(round, dirtied, toCopy);
      return done(false);
    }
    if (dirtied >= toCopy && policy.convergence === 'slowdown' && slowedTo === null) {
      slowedTo = policy.slowdownShare * rate;
      dirtyRate = Math.min(dirtyRate, slowedTo);
    }
    toCopy = dirtied;
  }
}

/** The rounds did not converge and the product gives up (convergence: fail). */
export class PrecopyFailed extends Error {
  constructor(readonly rounds: number, readonly left: number, readonly lastRound: number) {
    super(`pre-copy did not converge in ${rounds} round${rounds === 1 ? '' : 's'}: ${left} bytes still dirty after a round that copied ${lastRound}`);
  }
}
