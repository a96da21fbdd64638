/**
 * A run's throughput as one series per link or device: what the HTML report
 * and the visualizer chart. Browser-safe (no Node imports), so the
 * visualizer's bundle can use it.
 */
import type { RunResult } from '../sim/foundation/result.ts';

export interface Series {
  kind: 'link' | 'device';
  name: string;
  /** interval starts, seconds */
  t: number[];
  /** bytes/s over each interval */
  rate: number[];
}

/** The run's sampled series, each with the shared time axis (the same array, not a copy). */
export function throughputSeries(r: RunResult): Series[] {
  const { t, series } = r.timeseries;
  return series.map((s) => ({ kind: s.kind, name: s.name, t, rate: s.rate }));
}

/** Points per series a report page embeds: a run sampled at the default (about 500 over the run) is drawn as sampled. */
export const DISPLAY_POINTS = 500;
/** Series per chart (links, devices), the busiest: a legend longer than this says nothing, and timeseries.csv has them all. */
export const DISPLAY_SERIES = 50;

export interface DisplaySeries {
  /** interval starts, seconds, shared by every series: a page embeds the time axis once */
  t: number[];
  series: { kind: 'link' | 'device'; name: string; rate: number[] }[];
  /** the width of one displayed point, seconds: the sampling interval times the points merged into one */
  interval: number;
  /** series of each kind before the busiest were picked */
  total: { link: number; device: number };
}

/**
 * What a report page charts: at most DISPLAY_SERIES series of each kind and
 * DISPLAY_POINTS points each, whatever the run's size. Adjacent intervals
 * merge into their time-weighted mean, so a merged point still carries the
 * bytes of the intervals it stands for (a short peak is flattened, not lost
 * from the total).
 */
export function displaySeries(r: RunResult): DisplaySeries {
  const { t, series: all } = r.timeseries;
  const total = { link: 0, device: 0 };
  for (const s of all) total[s.kind]++;
  const load = new Map(all.map((s) => [s, s.rate.reduce((a, b) => a + b, 0)]));
  const kept = new Set<(typeof all)[number]>();
  for (const kind of ['link', 'device'] as const) {
    // Busiest first; ties keep first-seen order (the sort is stable).
    for (const s of all.filter((x) => x.kind === kind).sort((a, b) => load.get(b)! - load.get(a)!).slice(0, DISPLAY_SERIES)) kept.add(s);
  }
  const k = Math.max(1, Math.ceil(t.length / DISPLAY_POINTS));
  const spans = k === 1 ? [] : intervalSpans(t, r.interval, r.endTime);
  const series = all.filter((s) => kept.has(s)).map((s) => ({ kind: s.kind, name: s.name, rate: k === 1 ? s.rate : merge(s.rate, spans, k) }));
  return { t: k === 1 ? t : t.filter((_, i) => i % k === 0), series, interval: r.interval * k, total };
}

/** Each interval's length, s: up to the next start, the last one cut at the run's end. */
function intervalSpans(t: readonly number[], interval: number, endTime: number): number[] {
  const n = t.length;
  return t.map((ti, j) => (j + 1 < n ? t[j + 1] : Math.max(ti, Math.min(endTime, ti + interval))) - ti);
}

/** Every `k` adjacent rates as one: their time-weighted mean. */
function merge(rates: readonly number[], spans: readonly number[], k: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < rates.length; i += k) {
    let bytes = 0;
    let span = 0;
    for (let j = i; j < Math.min(rates.length, i + k); j++) {
      bytes += rates[j] * spans[j];
      span += spans[j];
    }
    out.push(span > 0 ? bytes / span : rates[i]);
  }
  return out;
}

/** A series' peak is between a tenth of this many steps of its scale and this many: a chart a thousand pixels tall resolves a thousand; the CSV keeps every byte/s. */
export const CHART_STEPS = 10_000;

/** A series as a page embeds it: `rate[i] * scale` is the rate in B/s, to half a step (at most a two-thousandth of the series' peak). */
export interface ChartSeries {
  kind: 'link' | 'device';
  name: string;
  /** B/s per unit of `rate`: the least power of ten that puts the peak within CHART_STEPS */
  scale: number;
  /** integers from -CHART_STEPS to CHART_STEPS */
  rate: number[];
}

/** Short integers in place of seventeen-digit rates: the page's JSON is a fraction of the bytes and is written in a fraction of the time. */
export function chartSeries(s: { kind: 'link' | 'device'; name: string; rate: readonly number[] }): ChartSeries {
  const peak = s.rate.reduce((m, r) => (Math.abs(r) > m ? Math.abs(r) : m), 0);
  const e = peak > 0 && Number.isFinite(peak) ? Math.ceil(Math.log10(peak / CHART_STEPS)) : 0;
  // 1 / 10 ** 4, not 10 ** -4: the power is inexact for negative exponents (0.00009999999999999999).
  const scale = e >= 0 ? 10 ** e : 1 / 10 ** -e;
  return { kind: s.kind, name: s.name, scale, rate: s.rate.map((r) => Math.round(r / scale)) };
}
