/**
 * A run's results as tidy CSV: one observation per row, one variable per
 * column, units in the column name, so `pandas.read_csv(f)` and R's
 * `read.csv(f)` need no arguments. Numbers are written plainly, a missing
 * value is an empty cell (NaN in pandas, NA in R), booleans are true/false
 * (both read them as logical), and the header is there even with no rows.
 * timeseries.csv alone is wide, a column per link (writeTimeseriesCsv).
 */
import type { CheckRow, DeviceRow, FlowRow, JobRow, LinkRow, RunResult, Timeseries } from '../sim/foundation/result.ts';

export type Cell = string | number | boolean | null | undefined;

export interface Column<T> {
  name: string;
  value: (row: T) => Cell;
}

/** Booleans as true/false and NaN as empty: "NaN" or 1/"" would make R read an otherwise numeric or logical column as text. */
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

const NEEDS_QUOTES = /[",\r\n]/;

/** A field as csv-stringify writes it by default: quoted, its quotes doubled, when it holds a comma, quote or line break. */
export const field = (v: string): string => (NEEDS_QUOTES.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** The header line: column names quoted where they need it. */
const csvHeader = (names: readonly string[]): string => `${names.map(field).join(',')}\n`;

/**
 * Rows joined here rather than by csv-stringify, which made some 17 objects
 * per cell: a run of 100,000 flows allocated 1.7 GB writing its 20 MB of CSV.
 * Byte for byte what csv-stringify wrote (tests/csv-table.test.ts). Handed
 * to `write` a slice of rows at a time, so a long table is never one string.
 */
export function writeTable<T>(columns: readonly Column<T>[], rows: readonly T[], write: (text: string) => void, slice = 1 << 16): void {
  write(csvHeader(columns.map((c) => c.name)));
  let text = '';
  for (const r of rows) {
    let line = '';
    for (let i = 0; i < columns.length; i++) line += (i === 0 ? '' : ',') + field(cell(columns[i].value(r)));
    text += line + '\n';
    if (text.length >= slice) { write(text); text = ''; }
  }
  write(text);
}

/** The whole table as one string: for the small ones (sweeps, comparisons, tests). */
export function table<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  const parts: string[] = [];
  writeTable(columns, rows, (text) => parts.push(text));
  return parts.join('');
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

const checkColumns = (units: Record<string, string>): Column<CheckRow>[] => [
  { name: 'check', value: (c) => c.check },
  { name: 'metric', value: (c) => c.metric },
  { name: 'op', value: (c) => c.op },
  { name: 'expected', value: (c) => c.expected },
  { name: 'measured', value: (c) => c.measured },
  { name: 'unit', value: (c) => units[c.metric] ?? '' },
  { name: 'pass', value: (c) => c.pass },
];

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
/** A scheduled job's backup level and the bytes it moves of its data, when any job of the run has data. */
const BACKUP_COLUMNS: Column<JobRow>[] = [
  { name: 'level', value: (j) => j.backup?.level },
  { name: 'data_bytes', value: (j) => j.backup?.bytes },
];
const backupColumns = (rows: readonly JobRow[]): Column<JobRow>[] => (rows.some((j) => j.backup !== undefined) ? BACKUP_COLUMNS : []);
/** Jobs' columns: the fixed ones, then those some job of the run has. */
const jobColumns = (rows: readonly JobRow[]): Column<JobRow>[] => uniqueColumns([...JOB_COLUMNS, ...windowColumns(rows), ...backupColumns(rows), ...resultColumns(rows)]);
export const jobsCsv = (rows: readonly JobRow[]): string => table(jobColumns(rows), rows);
/** One column per counter any device reports (a counter a device's family does not keep is empty). */
const counterColumns = (rows: readonly DeviceRow[]): Column<DeviceRow>[] =>
  keysInOrder(rows.map((d) => d.counters ?? {})).map((k) => ({ name: k, value: (d: DeviceRow) => d.counters?.[k] }));
const deviceColumns = (rows: readonly DeviceRow[]): Column<DeviceRow>[] => uniqueColumns([...DEVICE_COLUMNS, ...counterColumns(rows)]);
export const devicesCsv = (rows: readonly DeviceRow[]): string => table(deviceColumns(rows), rows);
/**
 * Utilisation's decimals in timeseries.csv: a millionth of a link's
 * capacity, finer than any chart or comparison reads. Rates are kept to the
 * byte per second: what is dropped is the rounding of the sampler's division
 * (bytes over interval), and a link's rates times their intervals still sum
 * to its bytes in links.csv to within half a byte per second of run time.
 */
export const UTILISATION_DECIMALS = 6;
const UTILISATION_SCALE = 10 ** UTILISATION_DECIMALS;

/** `,` and the rate to the byte per second; the hot loop of the largest file, so zero first. */
const rateField = (r: number): string => (r === 0 ? ',0' : Number.isFinite(r) ? `,${Math.round(r)}` : `,${cell(r)}`);
const utilisationField = (u: number): string => (u === 0 ? ',0' : Number.isFinite(u) ? `,${Math.round(u * UTILISATION_SCALE) / UTILISATION_SCALE}` : `,${cell(u)}`);

/**
 * timeseries.csv, wide: one row per sampling interval (`t_s`, its start),
 * one `<name>_Bps` column per link and device, then one `<name>_utilisation`
 * each (rate over the link's bandwidth). Wide because it is links × samples
 * numbers with no repeated names: a quarter of the long table's bytes, and
 * `pandas.read_csv(f, index_col='t_s').plot()` draws it as it stands
 * (R: `pivot_longer(-t_s, names_to = c('name', '.value'), names_pattern = '(.*)_(Bps|utilisation)')`
 * gives the long form back). Whether a name is a link or a device is in
 * links.csv and devices.csv. Streamed a slice of rows at a time.
 */
export function writeTimeseriesCsv(ts: Timeseries, write: (text: string) => void, slice = 1 << 20): void {
  const names = uniqueNames(['t_s', ...ts.series.map((s) => `${s.name}_Bps`), ...ts.series.map((s) => `${s.name}_utilisation`)]);
  write(csvHeader(names));
  // Numbers only below the header: none needs quoting, so the rows are joined here, the hot loop of the largest file.
  // Handed on at the end of a row once `slice` characters or more are waiting: the rows of a short run do not pile up.
  // A link's rate mostly stays what it was: its fields are formatted again only when it changes, the row only when one did.
  const n = ts.series.length;
  const last = new Float64Array(n);
  const rateText: string[] = new Array(n).fill('');
  const utilText: string[] = new Array(n).fill('');
  let text = '', body = '';
  for (let k = 0; k < ts.t.length; k++) {
    let changed = k === 0;
    for (let i = 0; i < n; i++) {
      const s = ts.series[i], r = s.rate[k];
      if (k > 0 && Object.is(r, last[i])) continue;
      last[i] = r;
      rateText[i] = rateField(r);
      utilText[i] = utilisationField(r / s.bandwidth);
      changed = true;
    }
    if (changed) body = rateText.join('') + utilText.join('') + '\n';
    text += String(ts.t[k]) + body;
    if (text.length >= slice) { write(text); text = ''; }
  }
  write(text);
}


/**
 * Every CSV of a run report but timeseries.csv (writeTimeseriesCsv), by file
 * name, each as a writer: a run of 100,000 flows held 20 MB of CSV text and
 * its pieces at once when the files were built as strings first.
 */
export function runCsvWriters(r: RunResult): Record<string, (write: (text: string) => void) => void> {
  return {
    'flows.csv': (w) => writeTable(FLOW_COLUMNS, r.flows, w),
    'jobs.csv': (w) => writeTable(jobColumns(r.jobs), r.jobs, w),
    'links.csv': (w) => writeTable(LINK_COLUMNS, r.links, w),
    'devices.csv': (w) => writeTable(deviceColumns(r.devices), r.devices, w),
    'checks.csv': (w) => writeTable(checkColumns(r.units), r.checks, w),
  };
}

/** The same files as strings. */
export function runCsvFiles(r: RunResult): Record<string, string> {
  return Object.fromEntries(Object.entries(runCsvWriters(r)).map(([name, produce]) => {
    const parts: string[] = [];
    produce((text) => parts.push(text));
    return [name, parts.join('')];
  }));
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

/** Columns with clashing names made unique. */
export function uniqueColumns<T>(columns: readonly Column<T>[]): Column<T>[] {
  const names = uniqueNames(columns.map((c) => c.name));
  return columns.map((c, i) => ({ ...c, name: names[i] }));
}

/** `table`, with clashing column names made unique. */
export function tableUnique<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  return table(uniqueColumns(columns), rows);
}
