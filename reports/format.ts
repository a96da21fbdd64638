/**
 * Numbers as people read them in report tables: durations in h/min/s,
 * sizes and rates with decimal SI prefixes (storage and network vendors quote
 * GB and MB/s, not GiB). The raw value stays in the CSVs and summary.json.
 */

/** Four significant digits, no exponent below 10^21, no thousands separators. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const a = Math.abs(v);
  if (a >= 1e4 && a < 1e21) return String(Math.round(v));
  return String(Number(v.toPrecision(4)));
}

const SI = [
  { f: 1e15, p: 'P' }, { f: 1e12, p: 'T' }, { f: 1e9, p: 'G' }, { f: 1e6, p: 'M' }, { f: 1e3, p: 'k' }, { f: 1, p: '' },
];

export function formatSI(v: number, unit: string): string {
  if (!Number.isFinite(v)) return `${v} ${unit}`;
  if (v === 0) return `0 ${unit}`;
  const a = Math.abs(v);
  const s = SI.find((x) => a >= x.f) ?? SI[SI.length - 1];
  // Round to three significant digits before choosing decimals, so 99.9999 prints as 100, not 100.0.
  const x = Number((v / s.f).toPrecision(3));
  return `${Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2)} ${s.p}${unit}`;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return `${seconds} s`;
  const a = Math.abs(seconds), sign = seconds < 0 ? '−' : '';
  if (a === 0) return '0 s';
  if (a < 1e-3) return `${sign}${Number((a * 1e6).toPrecision(3))} µs`;
  if (a < 1) return `${sign}${Number((a * 1e3).toPrecision(3))} ms`;
  if (a < 60) return `${sign}${Number(a.toPrecision(4))} s`;
  const whole = Math.round(a);
  const h = Math.floor(whole / 3600), m = Math.floor((whole % 3600) / 60), s = whole % 60;
  if (h === 0) return `${sign}${m} min ${s} s`;
  if (h < 48) return `${sign}${h} h ${m} min`;
  return `${sign}${Math.floor(h / 24)} d ${h % 24} h`;
}

/** A value in a metric's unit ('s', 'B', 'B/s' or '' for a count); null is a missing measurement. */
export function formatQuantity(v: number | null | undefined, unit: string | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  switch (unit) {
    case 's': return formatDuration(v);
    case 'B': return formatSI(v, 'B');
    case 'B/s': return formatSI(v, 'B/s');
    case '':
    case undefined: return formatNumber(v);
    default: return `${formatNumber(v)} ${unit}`;
  }
}

export function formatPercent(fraction: number): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(1)} %` : '—';
}

const NUMBER = String.raw`(\d+(?:\.\d+)?(?:e[+-]?\d+)?)`;
const BYTES_OF = new RegExp(String.raw`\b${NUMBER} of ${NUMBER} bytes\b`, 'g');
const BYTES = new RegExp(String.raw`\b${NUMBER} bytes\b`, 'g');

/**
 * A reason as the models word it ("failed after 593124999.9999983 of
 * 1228047847.9214537 bytes"), its byte counts as sizes ("593 MB of 1.23 GB"):
 * errors keep exact numbers (they are traced), people read sizes.
 */
export function readableReason(text: string): string {
  return text
    .replace(BYTES_OF, (_, a: string, b: string) => `${formatSI(Number(a), 'B')} of ${formatSI(Number(b), 'B')}`)
    .replace(BYTES, (_, a: string) => formatSI(Number(a), 'B'));
}
