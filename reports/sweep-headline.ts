/**
 * What a sweep's line charts draw beyond the means: per series of the
 * numeric axis, the capacity of what held each setting back (the dashed
 * ceiling a throughput is read against) and the settings where that
 * bottleneck changes (marked on the line). Pure; sweep.ts embeds it and
 * reports/client/common.js draws it.
 */
import type { MeanCI } from './stats.ts';
import { modalBottleneck, phasesOf, type RunBottleneck } from './sweep-bottleneck.ts';
import { phaseOf } from './headline.ts';

interface Group { settings: Record<string, string>; runs: readonly { bottlenecks: readonly RunBottleneck[] }[] }
interface Axis { key: string; values: number[]; series: string[] }

export interface LinePoint { x: number; series: string; mean: number | null; lo: number; hi: number; n: number }
export interface Ceiling { series: string; x: number; y: number; words: string }
export interface Change { series: string; x: number; y: number; words: string }

export interface LineData { points: LinePoint[]; ceilings: Ceiling[]; changes: Change[] }

/** A metric's line chart: its means per setting, and where its phase's bottleneck holds and moves. */
export function lineData(groups: readonly Group[], axis: Axis, metric: string, unit: string, cis: readonly MeanCI[]): LineData {
  const points = groups.map((_, i) => ({ x: axis.values[i], series: axis.series[i], ...cis[i], mean: cis[i].n === 0 ? null : cis[i].mean }));
  const phase = phaseOf(metric, phasesOf(groups.flatMap((g) => g.runs)));
  const ceilings: Ceiling[] = [];
  const changes: Change[] = [];
  const last = new Map<string, string | null>();
  const order = groups.map((_, i) => i).sort((a, b) => axis.values[a] - axis.values[b]);
  for (const i of order) {
    const series = axis.series[i];
    const b = modalBottleneck(groups[i].runs, phase);
    const key = b?.key ?? null;
    // Only a rate is read against a capacity in bytes/s.
    const caps = groups[i].runs.flatMap((r) => r.bottlenecks.filter((x) => x.phase === phase && x.key === key && typeof x.capacity === 'number').map((x) => x.capacity!));
    if (unit === 'B/s' && b !== null && caps.length > 0) ceilings.push({ series, x: axis.values[i], y: caps.reduce((s, c) => s + c, 0) / caps.length, words: b.name });
    if (last.has(series) && last.get(series) !== key && cis[i].n > 0) changes.push({ series, x: axis.values[i], y: cis[i].mean, words: `from ${axis.values[i]}: ${b?.words ?? 'nothing moves'}` });
    last.set(series, key);
  }
  return { points, ceilings, changes };
}
