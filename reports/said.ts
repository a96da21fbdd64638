/**
 * What a run says besides its metrics, heading by heading, as `backlab run`,
 * `compare`, the reports and the visualizer show it: each phase's bottleneck
 * (the same count for every design and protocol: RunResult.bottlenecks),
 * then its protocol's findings.
 */
import { findingsText } from '../sim/foundation/findings.ts';
import type { PhaseBottleneck, RunResult } from '../sim/foundation/result.ts';
import { formatPercent, formatSI } from './format.ts';
import { stretchName } from './explain-text.ts';

/** "vios1.sea and vios2.sea ...: 99.3 % of the 4.00 TB moved", or null when the phase moved nothing. */
export function bottleneckText(p: PhaseBottleneck): string | null {
  if (p.limiter === null || !(p.moved > 0)) return null;
  return `${stretchName(p)}: ${formatPercent(p.bytes / p.moved)} of the ${formatSI(p.moved, 'B')} moved`;
}

/** The heading a phase's bottleneck is shown under: 'bottleneck' for the whole run. */
export const bottleneckHeading = (phase: string): string => (phase === 'run' ? 'bottleneck' : `${phase} bottleneck`);

export function saidOf(r: RunResult): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of r.bottlenecks.phases) {
    const text = bottleneckText(p);
    if (text !== null) out[bottleneckHeading(p.phase)] = text;
  }
  return { ...out, ...findingsText(r.findings) };
}
