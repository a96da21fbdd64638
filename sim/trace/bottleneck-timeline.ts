/**
 * The dominant bottleneck over time, from pieces of a run with the bytes each
 * limiter held in them: `backlab explain` cuts the run at every rate change
 * of its trace, a run's result at its sampling instants and job boundaries.
 * Both smooth the same way, so a report and `explain` name the same stretches
 * whenever their pieces agree.
 */
import { classKey, rootOf, type Limiter, type Stretch } from '../foundation/limits.ts';

/** [t0, t1) and the bytes each limiter (by limiterKey) held in it. */
export interface Segment {
  t0: number;
  t1: number;
  bytes: Map<string, number>;
}

/** The class limiting the most of these bytes, and its bytes; ties go to the first class by name. */
export function dominant(bytes: ReadonlyMap<string, number>, limiters: ReadonlyMap<string, Limiter>): { key: string | null; bytes: number } {
  const sums = new Map<string, number>();
  for (const [key, b] of bytes) { const c = classKey(limiters.get(key)!); sums.set(c, (sums.get(c) ?? 0) + b); }
  let best: string | null = null, most = 0;
  for (const [key, b] of sums) if (b > most || (b === most && best !== null && key < best)) { best = key; most = b; }
  return { key: best, bytes: most };
}

/** One stretch over these bytes: its dominant class, and the resources to widen of that class that limited bytes in it. */
export function stretchOf(t0: number, t1: number, bytes: ReadonlyMap<string, number>, limiters: ReadonlyMap<string, Limiter>): Stretch {
  const top = dominant(bytes, limiters);
  let moved = 0;
  const links: string[] = [];
  let limiter: Limiter | null = null;
  for (const [k, b] of bytes) {
    moved += b;
    const l = limiters.get(k)!;
    if (top.key === null || classKey(l) !== top.key || !(b > 0)) continue;
    limiter ??= l;
    const root = rootOf(l);
    if (root !== null && !links.includes(root)) links.push(root);
  }
  return { t0, t1, key: top.key, limiter, links: links.sort(), bytes: top.bytes, moved };
}

/**
 * The pieces pooled into windows of at least `min` (a piece shorter than that
 * joins its neighbours, so a moment's tie between two drives, or a run whose
 * rates change every few seconds, does not read as a change of bottleneck),
 * then windows joined while their dominant class stays the same. A class that
 * dominates every window of a stretch dominates the stretch.
 */
export function smooth(segs: readonly Segment[], limiters: ReadonlyMap<string, Limiter>, min: number): Stretch[] {
  const merge = (into: Segment, s: Segment): void => {
    into.t1 = s.t1;
    for (const [k, b] of s.bytes) into.bytes.set(k, (into.bytes.get(k) ?? 0) + b);
  };
  const copy = (s: Segment): Segment => ({ t0: s.t0, t1: s.t1, bytes: new Map(s.bytes) });
  const windows: Segment[] = [];
  let open: Segment | null = null;
  for (const s of segs) {
    if (open === null) open = copy(s); else merge(open, s);
    if (open.t1 - open.t0 >= min) { windows.push(open); open = null; }
  }
  if (open !== null) {
    if (windows.length > 0) merge(windows[windows.length - 1], open); else windows.push(open);
  }
  const out: { seg: Segment; key: string | null }[] = [];
  for (const w of windows) {
    const key = dominant(w.bytes, limiters).key;
    const last = out[out.length - 1];
    if (last !== undefined && last.key === key) merge(last.seg, w);
    else out.push({ seg: w, key });
  }
  return out.map(({ seg }) => stretchOf(seg.t0, seg.t1, seg.bytes, limiters));
}
