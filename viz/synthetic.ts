/**
 * A synthetic timeline of n events for measuring the canvas: 64 lanes of
 * back-to-back spans with a tick at each start, durations from a fixed LCG so
 * every measurement draws the same picture. Not a simulation: only its size
 * and shape matter.
 */
import { columns, type TimelineData } from './timeline-data.ts';

export function syntheticTimeline(n: number, laneCount = 64): TimelineData {
  const perLane = Math.ceil(n / 2 / laneCount);
  let seed = 12345;
  const next = (): number => { seed = (seed * 1103515245 + 12345) >>> 0; return seed / 2 ** 32; };
  const lanes: string[] = [];
  const spans: TimelineData['spans'] = [];
  const ticks: TimelineData['ticks'] = [];
  let end = 0;
  for (let l = 0; l < laneCount; l++) {
    lanes.push(`synthetic ${l + 1}`);
    const rows: { t0: number; t1: number; kind: number }[] = [];
    let t = 0;
    for (let i = 0; i < perLane; i++) {
      const d = 0.5 + next() * 2;
      rows.push({ t0: t, t1: t + d, kind: next() < 0.01 ? 2 : i % 2 });
      t += d + next();
    }
    end = Math.max(end, t);
    const c = columns(rows);
    spans.push(c);
    ticks.push({ t: c.t0, failed: new Uint8Array(perLane) });
  }
  return { lanes, spans, steps: spans.map(() => columns([])), ticks, end, count: 2 * perLane * laneCount };
}
