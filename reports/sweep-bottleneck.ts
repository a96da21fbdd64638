/**
 * What held each run of a sweep, and where along a swept setting that
 * changes: each run's dominant bottleneck per phase (from its own count,
 * RunResult.bottlenecks) goes into runs.csv, and the report says, per series
 * of the numeric axis, at which values the bottleneck of a phase moves on
 * ("lan, backup: 4 tape drives; from 8, 2 seas, feeding tape drives below
 * their top speed"). A setting's bottleneck is the one most of its seeds name.
 */
import type { RunResult } from '../sim/foundation/result.ts';
import type { Column } from './csv.ts';
import { classWords, stretchName } from './explain-text.ts';
import { bottleneckHeading } from './said.ts';
import { stretchCapacity } from './headline.ts';

/** One phase's dominant bottleneck in one run: plain data, small enough to cross from a sweep worker. */
export interface RunBottleneck {
  phase: string;
  /** the resource class (sim/foundation/limits.ts classKey) */
  key: string;
  /** the class in words, with the resources to widen */
  name: string;
  /** the class in words, whatever its members (explain-text.ts classWords) */
  words: string;
  /** the resources to widen, by name */
  resources: string[];
  /** of the phase's bytes, 0..1 */
  share: number;
  /** bytes/s the resources carry together, when links' bandwidth held the phase (headline.ts); null or absent: not known */
  capacity?: number | null;
}

export function runBottlenecks(r: RunResult): RunBottleneck[] {
  return r.bottlenecks.phases.flatMap((p) => (p.key === null || p.limiter === null || !(p.moved > 0) ? [] : [{
    phase: p.phase, key: p.key, name: stretchName(p), words: classWords(p.limiter), resources: p.links, share: p.bytes / p.moved, capacity: stretchCapacity(p),
  }]));
}

/** The phases any run has, 'run' first, then in order of first appearance. */
export function phasesOf(rows: readonly { bottlenecks: readonly RunBottleneck[] }[]): string[] {
  const seen: string[] = [];
  for (const r of rows) for (const b of r.bottlenecks) if (!seen.includes(b.phase)) seen.push(b.phase);
  return seen.sort((a, b) => (a === 'run' ? -1 : b === 'run' ? 1 : 0));
}

/** The phases a sweep's words are about: the job kinds, or the whole run when the runs have none. */
export function reportedPhases(phases: readonly string[]): string[] {
  return phases.length > 1 ? phases.filter((p) => p !== 'run') : [...phases];
}

/** runs.csv: per phase, the dominant bottleneck's resources, its class, and its share of the phase's bytes. */
export function bottleneckColumns<T extends { bottlenecks: readonly RunBottleneck[] }>(rows: readonly T[]): Column<T>[] {
  return phasesOf(rows).flatMap((phase) => {
    const name = phase === 'run' ? 'bottleneck' : `bottleneck_${phase}`;
    const of = (r: T): RunBottleneck | undefined => r.bottlenecks.find((b) => b.phase === phase);
    return [
      { name, value: (r: T) => of(r)?.resources.join(' ') ?? '' },
      { name: `${name}_kind`, value: (r: T) => of(r)?.key ?? '' },
      { name: `${name}_share`, value: (r: T) => of(r)?.share ?? '' },
    ];
  });
}

/** The bottleneck of a phase most runs of a setting name (the first by class on a tie); null if none moved bytes. */
export function modalBottleneck(runs: readonly { bottlenecks: readonly RunBottleneck[] }[], phase: string): RunBottleneck | null {
  const count = new Map<string, { n: number; first: RunBottleneck }>();
  for (const r of runs) {
    const b = r.bottlenecks.find((x) => x.phase === phase);
    if (b === undefined) continue;
    const c = count.get(b.key);
    if (c === undefined) count.set(b.key, { n: 1, first: b }); else c.n++;
  }
  let best: { n: number; first: RunBottleneck } | null = null;
  for (const [key, c] of count) if (best === null || c.n > best.n || (c.n === best.n && key < best.first.key)) best = c;
  return best?.first ?? null;
}

export interface Series<G> {
  /** the other settings' values, '' when the axis is the only one varied */
  label: string;
  /** the series' settings in axis order, with their axis value */
  points: { x: number; group: G }[];
}

/**
 * Per series and phase, the values of the axis where the bottleneck moves on, in words:
 * "lan, backup bottleneck: at clients=1, tape drives; from 4, tsm1-lan, feeding tape drives below their top
 * speed". A phase whose bottleneck never changes along a series is said once ("throughout"). The whole
 * run is said only of a sweep whose runs have no phases of their own.
 */
export function bottleneckChanges<G extends { runs: readonly { bottlenecks: readonly RunBottleneck[] }[] }>(series: readonly Series<G>[], phases: readonly string[], axis: string): string[] {
  const out: string[] = [];
  for (const s of series) {
    for (const phase of reportedPhases(phases)) {
      const steps: { x: number; b: RunBottleneck | null }[] = [];
      for (const p of s.points) {
        const b = modalBottleneck(p.group.runs, phase);
        if (steps.length === 0 || steps[steps.length - 1].b?.key !== b?.key) steps.push({ x: p.x, b });
      }
      if (steps.every((x) => x.b === null)) continue;
      const head = `${s.label === '' ? '' : `${s.label}, `}${bottleneckHeading(phase)}`;
      const words = (b: RunBottleneck | null): string => b?.words ?? 'nothing moves';
      if (steps.length === 1) out.push(`${head}: ${words(steps[0].b)} throughout`);
      else out.push(`${head}: ${steps.map((x, i) => (i === 0 ? `at ${axis}=${x.x}, ${words(x.b)}` : `from ${x.x}, ${words(x.b)}`)).join('; ')}`);
    }
  }
  return out;
}
