/**
 * A run's results as tidy CSV: one observation per row, one variable per
 * column, units in the column name, so `pandas.read_csv(f)` and R's
 * `read.csv(f)` need no arguments. Numbers are written plainly, a missing
 * value is an empty cell (NaN in pandas, NA in R), booleans are true/false
 * (both read them as logical), and the header is there even with no rows.
 */
import { stringify } from 'csv-stringify/sync';
import type { CheckRow, DeviceRow, FlowRow, JobRow, LinkRow, RunResult, SamplePoint } from '../sim/foundation/result.ts';

export type Cell = string | number | boolean | null | undefined;

export interface Column<T> {
  name: string;
  value: (row: T) => Cell;
}

/** csv-stringify would write `true` as "1" and `false` as "", and NaN as "NaN", which R reads as text in an otherwise numeric column. */
export function cell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return '';
    // "Inf" is what R writes and reads; pandas reads it case-insensitively.
    if (!Number.isFinite(v)) return v > 0 ? 'Inf' : '-Inf';
    return String(v);
  }
  return v;
}

export function table<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  return stringify(rows.map((r) => columns.map((c) => cell(c.value(r)))), {
    header: true,
    columns: columns.map((c) => c.name),
  });
}

/** `table` handed to `write` a slice of rows at a time: a table of millions of rows never becomes one string. */
export function streamTable<T>(columns: readonly Column<T>[], rows: readonly T[], write: (text: string) => void, slice = 10_000): void {
  write(table(columns, rows.slice(0, slice)));
  for (let i = slice; i < rows.length; i += slice) write(stringify(rows.slice(i, i + slice).map((r) => columns.map((c) => cell(c.value(r))))));
}

const FLOW_COLUMNS: Column<FlowRow>[] = [
  { name: 'flow_id', value: (f) => f.id },
  { name: 'name', value: (f) => f.name },
  { name: 'actor', value: (f) => f.actor },
  { name: 'for', value: (f) => f.for },
  { name: 'job', value: (f) => f.job },
  { name: 'phase', value: (f) => f.phase },
  { name: 'from', value: (f) => f.from },
  { name: 'to', value: (f) => f.to },
  { name: 'route', value: (f) => f.route.join('>') },
  { name: 'bytes', value: (f) => f.bytes },
  { name: 'delivered_bytes', value: (f) => f.delivered },
  { name: 'status', value: (f) => f.status },
  { name: 'start_s', value: (f) => f.start },
  { name: 'end_s', value: (f) => f.end },
  { name: 'throughput_Bps', value: (f) => f.throughput },
  { name: 'reason', value: (f) => f.reason },
  { name: 'label', value: (f) => f.label },
];

const JOB_COLUMNS: Column<JobRow>[] = [
  { name: 'name', value: (j) => j.name },
  { name: 'kind', value: (j) => j.kind },
  { name: 'actor', value: (j) => j.actor },
  { name: 'status', value: (j) => j.status },
  { name: 'start_s', value: (j) => j.start },
  { name: 'end_s', value: (j) => j.end },
  { name: 'duration_s', value: (j) => (j.end === null ? null : j.end - j.start) },
  { name: 'bytes', value: (j) => j.bytes },
  { name: 'reason', value: (j) => j.reason },
];

const LINK_COLUMNS: Column<LinkRow>[] = [
  { name: 'name', value: (l) => l.name },
  { name: 'bandwidth_Bps', value: (l) => l.bandwidth },
  { name: 'latency_s', value: (l) => l.latency },
  { name: 'bytes', value: (l) => l.bytes },
  { name: 'busy_s', value: (l) => l.busy },
  { name: 'mean_utilisation', value: (l) => l.meanUtilisation },
  { name: 'peak_utilisation', value: (l) => l.peakUtilisation },
];

const DEVICE_COLUMNS: Column<DeviceRow>[] = [
  { name: 'name', value: (d) => d.name },
  { name: 'kind', value: (d) => d.kind },
  { name: 'bytes', value: (d) => d.bytes },
  { name: 'busy_s', value: (d) => d.busy },
  { name: 'mean_utilisation', value: (d) => d.meanUtilisation },
];

const SAMPLE_COLUMNS: Column<SamplePoint>[] = [
  { name: 't_s', value: (p) => p.t },
  { name: 'kind', value: (p) => p.kind },
  { name: 'name', value: (p) => p.name },
  { name: 'rate_Bps', value: (p) => p.rate },
  { name: 'utilisation', value: (p) => p.utilisation },
];

const checkColumns = (units: Record<string, string>): Column<CheckRow>[] => [
  { name: 'check', value: (c) => c.check },
  { name: 'metric', value: (c) => c.metric },
  { name: 'op', value: (c) => c.op },
  { name: 'expected', value: (c) => c.expected },
  { name: 'measured', value: (c) => c.measured },
  { name: 'unit', value: (c) => units[c.metric] ?? '' },
  { name: 'pass', value: (c) => c.pass },
];

export const flowsCsv = (rows: readonly FlowRow[]): string => table(FLOW_COLUMNS, rows);
/** One column per step-result field any job reports, `<op>.<field>` (a field a job's steps never returned is empty). */
const resultColumns = (rows: readonly JobRow[]): Column<JobRow>[] =>
  keysInOrder(rows.map((j) => j.results ?? {})).map((k) => ({ name: k, value: (j: JobRow) => j.results?.[k] }));
/** A scheduled job's backup window, when any job of the run has one. */
const WINDOW_COLUMNS: Column<JobRow>[] = [
  { name: 'window_end_s', value: (j) => j.window?.end },
  { name: 'window', value: (j) => j.window?.verdict },
  { name: 'missed_by_s', value: (j) => j.window?.missedBy },
];
const windowColumns = (rows: readonly JobRow[]): Column<JobRow>[] => (rows.some((j) => j.window !== undefined) ? WINDOW_COLUMNS : []);
export const jobsCsv = (rows: readonly JobRow[]): string => tableUnique([...JOB_COLUMNS, ...windowColumns(rows), ...resultColumns(rows)], rows);
export const linksCsv = (rows: readonly LinkRow[]): string => table(LINK_COLUMNS, rows);
/** One column per counter any device reports (a counter a device's family does not keep is empty). */
const counterColumns = (rows: readonly DeviceRow[]): Column<DeviceRow>[] =>
  keysInOrder(rows.map((d) => d.counters ?? {})).map((k) => ({ name: k, value: (d: DeviceRow) => d.counters?.[k] }));
export const devicesCsv = (rows: readonly DeviceRow[]): string => tableUnique([...DEVICE_COLUMNS, ...counterColumns(rows)], rows);
/** The one table that grows with the run (links × samples): streamed, never one string. */
export const writeTimeseriesCsv = (rows: readonly SamplePoint[], write: (text: string) => void): void => streamTable(SAMPLE_COLUMNS, rows, write);
export const checksCsv = (rows: readonly CheckRow[], units: Record<string, string>): string => table(checkColumns(units), rows);

/** Every CSV of a run report but timeseries.csv (writeTimeseriesCsv), by file name. */
export function runCsvFiles(r: RunResult): Record<string, string> {
  return {
    'flows.csv': flowsCsv(r.flows),
    'jobs.csv': jobsCsv(r.jobs),
    'links.csv': linksCsv(r.links),
    'devices.csv': devicesCsv(r.devices),
    'checks.csv': checksCsv(r.checks, r.units),
  };
}

const UNIT_SUFFIX: Record<string, string> = { s: '_s', B: '_bytes', 'B/s': '_Bps', '': '' };

/** A metric's column: its name with its unit, e.g. makespan (s) → makespan_s. */
export function metricColumn(name: string, unit: string | undefined): string {
  const suffix = UNIT_SUFFIX[unit ?? ''] ?? `_${(unit ?? '').replace(/[^A-Za-z0-9]+/g, '_')}`;
  return suffix === '' || name.endsWith(suffix) ? name : name + suffix;
}

/** Settings and metrics are named by the scenario, so one may clash with a fixed column; the later one gets a suffix. */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((n) => {
    let u = n;
    for (let i = 2; seen.has(u); i++) u = `${n}_${i}`;
    seen.add(u);
    return u;
  });
}

/** Keys of all records, in order of first appearance: runs of a sweep need not all report the same metrics. */
export function keysInOrder(records: readonly Record<string, unknown>[]): string[] {
  const keys = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) keys.add(k);
  return [...keys];
}

/** The unit the first record that knows the key gives it. */
export function unitOf(key: string, unitRecords: readonly Record<string, string>[]): string {
  for (const u of unitRecords) if (key in u) return u[key];
  return '';
}

/** One column per metric any row reports, named with its unit. */
export function metricColumns<T>(rows: readonly T[], metricsOf: (r: T) => Record<string, number>, unitsOf: (r: T) => Record<string, string>): Column<T>[] {
  const units = rows.map(unitsOf);
  return keysInOrder(rows.map(metricsOf)).map((k) => ({ name: metricColumn(k, unitOf(k, units)), value: (r: T) => metricsOf(r)[k] }));
}

/** `table`, with clashing column names made unique. */
export function tableUnique<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  const names = uniqueNames(columns.map((c) => c.name));
  return table(columns.map((c, i) => ({ ...c, name: names[i] })), rows);
}
