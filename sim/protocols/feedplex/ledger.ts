/**
 * When each backup, restore and application began and ended. Counters
 * (run.tally) can only add, and a phase's wall time is the span from its
 * first start to its last end, so actors record their spans with one
 * protocol-internal command and the run's metrics are computed from them.
 */
import { command } from '../../engine/commands.ts';
import type { Kernel } from '../../engine/kernel.ts';

export type PhaseKind = 'backup' | 'restore' | 'application';

interface Span {
  job: string;
  kind: PhaseKind;
  start: number;
  end: number;
  bytes: number;
}

const phaseCommand = command<Span>('feedplex.phase');

/** An actor's record of one job's span (ticks) and the bytes it moved. */
export const phase = (job: string, kind: PhaseKind, start: number, end: number, bytes: number) =>
  phaseCommand({ job, kind, start, end, bytes, label: `${job}: ${kind} span recorded` });

export class Ledger {
  private readonly spans: Span[] = [];

  constructor(kernel: Kernel) {
    kernel.defineCommand(phaseCommand.op, (cmd, wait, k) => {
      const { job, kind, start, end, bytes } = phaseCommand.args(cmd);
      this.spans.push({ job, kind, start, end, bytes });
      k.resolve(wait, undefined);
    });
  }

  /** seconds from the first start to the last end of that kind's jobs (0 if none ended) */
  span(kind: PhaseKind): number {
    const of = this.spans.filter((s) => s.kind === kind);
    if (of.length === 0) return 0;
    return (Math.max(...of.map((s) => s.end)) - Math.min(...of.map((s) => s.start))) / 1e9;
  }

  bytes(kind: PhaseKind): number {
    return this.spans.filter((s) => s.kind === kind).reduce((a, s) => a + s.bytes, 0);
  }

  /** seconds each job of that kind ran, added up */
  sum(kind: PhaseKind): number {
    return this.spans.filter((s) => s.kind === kind).reduce((a, s) => a + (s.end - s.start) / 1e9, 0);
  }
}
