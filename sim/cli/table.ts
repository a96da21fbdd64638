/** Plain-text tables for the terminal: numbers right-aligned, text left. */

export function table(head: string[], rows: string[][]): string {
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  // A column of quantities ("1.5 GB", "2 min 3 s", "-") lines up on the right.
  const numeric = head.map((_, i) => rows.length > 0 && rows.every((r) => /^([-+]?[0-9]|-$|$)/.test(r[i] ?? '')));
  const line = (r: string[]) => r.map((c, i) => (numeric[i] ? (c ?? '').padStart(width[i]) : (c ?? '').padEnd(width[i]))).join('  ').trimEnd();
  return [line(head), width.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** 1234567 B -> "1.23 MB"; decimal prefixes, as storage vendors quote. */
export function bytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let i = 0;
  while (Math.abs(n) >= 1000 && i < units.length - 1) { n /= 1000; i++; }
  return `${i === 0 ? n.toFixed(0) : n.toPrecision(3)} ${units[i]}`;
}

export function rate(n: number): string {
  return `${bytes(n)}/s`;
}

/** Seconds as "1.5 s", "12 min 3 s", "2 h 05 min". */
export function duration(s: number): string {
  if (s < 60) return `${+s.toPrecision(6)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${+(s % 60).toFixed(1)} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** A metric in its unit, for people; a metric with no value (the RTO of VMs none of which came back) is "none", never a number. */
export function metric(value: number, unit: string): string {
  if (!Number.isFinite(value)) return 'none';
  if (unit === 's') return duration(value);
  if (unit === 'B') return bytes(value);
  if (unit === 'B/s') return rate(value);
  return Number.isInteger(value) ? String(value) : value.toPrecision(4);
}
