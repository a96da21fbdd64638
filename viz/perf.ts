/**
 * The timeline's frame time on a 1,000,000-event synthetic trace, measured
 * in the page: a scripted sequence of zooms and pans, one per animation
 * frame, as a wheel or drag would make them. The figure is published on
 * window.__vizPerf for people and tests to read; nothing asserts on it.
 */
import { syntheticTimeline } from './synthetic.ts';
import type { Timeline } from './timeline.ts';

export interface PerfFigure {
  events: number;
  frames: number;
  /** the timeline's draw, ms */
  drawMeanMs: number;
  drawP95Ms: number;
  drawMaxMs: number;
  /** wall time between animation frames while panning, ms */
  frameMeanMs: number;
}

const frame = (): Promise<number> => new Promise((r) => requestAnimationFrame(r));

export async function measureTimeline(timeline: Timeline, events = 1_000_000, frames = 120): Promise<PerfFigure> {
  timeline.setData(syntheticTimeline(events));
  await frame();
  timeline.drawTimes.length = 0;
  const stamps: number[] = [];
  for (let i = 0; i < frames; i++) {
    // Zoom in from the whole trace to 1000x, panning as it goes, then back out.
    const phase = i < frames / 2 ? i / (frames / 2) : (frames - i) / (frames / 2);
    const k = Math.pow(1000, phase);
    timeline.transform(k, -phase * 400 * k);
    stamps.push(await frame());
  }
  const draws = [...timeline.drawTimes].sort((a, b) => a - b);
  const figure: PerfFigure = {
    events,
    frames,
    drawMeanMs: draws.reduce((s, d) => s + d, 0) / draws.length,
    drawP95Ms: draws[Math.floor(draws.length * 0.95)],
    drawMaxMs: draws[draws.length - 1],
    frameMeanMs: (stamps[stamps.length - 1] - stamps[0]) / (stamps.length - 1),
  };
  (window as unknown as { __vizPerf: PerfFigure }).__vizPerf = figure;
  return figure;
}
