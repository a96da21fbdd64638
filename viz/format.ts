import { formatNumber, formatSI } from '../reports/format.ts';

/** The cursor's time for people: seconds as h:mm:ss.mmm, and back (sizes and rates: reports/format.ts). */
export function clock(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = (ms % 60_000) / 1000;
  return `${h}:${String(m).padStart(2, '0')}:${s.toFixed(3).padStart(6, '0')}`;
}

/** "910.5", "15:10.5" or "0:15:10.5" as seconds; NaN if it is none of these. */
export function parseClock(text: string): number {
  const parts = text.trim().split(':').map(Number);
  if (parts.length === 0 || parts.length > 3 || parts.some((p) => !Number.isFinite(p))) return NaN;
  return parts.reduce((acc, p) => acc * 60 + p, 0);
}


const NUMBER = String.raw`\d+(?:\.\d+)?(?:e[+-]?\d+)?`;

/**
 * A trace label as people read it: "failed after 593124999.9999983 of
 * 1228047847.9214537 bytes" becomes "failed after 593 MB of 1.23 GB". The
 * labels are the trace's (hashed) words, so the page formats them, not the run.
 */
export function humane(text: string): string {
  return text
    .replace(new RegExp(`(${NUMBER}) of (${NUMBER}) bytes`, 'g'), (_, a: string, b: string) => `${formatSI(Number(a), 'B')} of ${formatSI(Number(b), 'B')}`)
    .replace(new RegExp(`(${NUMBER}) bytes`, 'g'), (_, a: string) => formatSI(Number(a), 'B'))
    .replace(/\d+\.\d{4,}/g, (a) => formatNumber(Number(a)));
}

/** Tick steps a person counts in: seconds, minutes, hours, days. */
const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800];

/** Round clock times from t0 to t1 (seconds), about `count` of them: 0:10, 0:20, not 0:16:40. */
export function timeTicks(t0: number, t1: number, count: number): number[] {
  const span = Math.max(t1 - t0, 1e-9);
  const raw = span / Math.max(1, count);
  const step = raw < 1 ? 10 ** Math.ceil(Math.log10(raw)) : STEPS.find((s) => s >= raw) ?? Math.ceil(raw / 604800) * 604800;
  const out: number[] = [];
  for (let t = Math.ceil(t0 / step - 1e-9) * step; t <= t1 + 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

/** A tick's label: as short as the step allows ("0:20", "1:00:00", "12.5 s"). */
export function tickLabel(t: number): string {
  const c = clock(t).replace(/\.000$/, '');
  return c.startsWith('0:') && t < 3600 ? c.slice(2) : c;
}
