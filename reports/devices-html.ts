/**
 * The Devices section of the run and compare reports: one table per kind of
 * device (tape drives, robots, virtual tape libraries, disk arrays, CPUs...),
 * each with the counters its family keeps (FamilyRuntime.report: a drive's
 * mounts and back-hitches, a robot's trips, a VTL's logical and stored bytes)
 * beside the bytes, busy time and utilisation every device link has. A kind's
 * columns are the counters its rows carry, so a family that counts something
 * new shows it without a change here; counters are named with their unit
 * (`_bytes`, `_s`), which says how to print them.
 */
import type { DeviceRow } from '../sim/foundation/result.ts';
import { formatDuration, formatNumber, formatPercent, formatSI } from './format.ts';
import { escapeHtml, htmlTable, type BodyCell, type HeadCell } from './page.ts';

/** A percentage with a bar behind it, so the busiest row stands out in a long table. */
export function utilisationCell(u: number): BodyCell {
  const w = Math.max(0, Math.min(100, u * 100));
  return { html: `<span class="ubar" style="width:${w.toFixed(1)}%"></span><span class="uval">${escapeHtml(formatPercent(u))}</span>`, cls: 'util' };
}

/** The kinds the families report, in the order a reader looks for them; any other kind follows, titled by itself. */
const TITLES: readonly [kind: string, title: string][] = [
  ['tape drive', 'Tape drives'],
  ['tape robot', 'Tape robots'],
  ['vtl', 'Virtual tape libraries and their dedup stores'],
  ['storage', 'Disk arrays'],
  ['plex', 'Volume plexes'],
  ['cpu', 'Processors'],
  ['sea', 'VIOS shared Ethernet adapters'],
  ['npiv', 'VIOS NPIV pass-through'],
];

/** Column headings of the counters families report; a counter not here is headed by its own name. */
const LABELS: Readonly<Record<string, string>> = {
  mounts: 'mounts',
  exchanges: 'exchanges',
  backhitches: 'back-hitches',
  backhitch_s: 'back-hitching',
  written_bytes: 'written',
  read_bytes: 'read',
  robots: 'accessors',
  moves: 'trips',
  logical_bytes: 'logical',
  stored_bytes: 'stored',
};

/** A counter's value as the rest of the report prints its unit. */
export function counterText(name: string, v: number | undefined): string {
  if (v === undefined) return '—';
  if (name.endsWith('_bytes')) return formatSI(v, 'B');
  if (name.endsWith('_s')) return formatDuration(v);
  return formatNumber(v);
}

/** Logical over stored bytes, as dedup vendors quote it ("3.17:1"); '—' when nothing is stored. */
export function dedupRatio(logical: number | undefined, stored: number | undefined): string {
  if (logical === undefined || stored === undefined || !(stored > 0)) return '—';
  return `${Number((logical / stored).toPrecision(3))}:1`;
}

/** Device rows by kind, the known kinds first, each kind's rows in the run's order. */
export function devicesByKind(rows: readonly DeviceRow[]): [kind: string, rows: DeviceRow[]][] {
  const by = new Map<string, DeviceRow[]>();
  for (const d of rows) {
    const list = by.get(d.kind);
    if (list === undefined) by.set(d.kind, [d]);
    else list.push(d);
  }
  const rank = (k: string): number => { const i = TITLES.findIndex(([kind]) => kind === k); return i < 0 ? TITLES.length : i; };
  return [...by.entries()].sort((a, b) => rank(a[0]) - rank(b[0]));
}

const titleOf = (kind: string): string => TITLES.find(([k]) => k === kind)?.[1] ?? kind;

/** One kind's table: its name, its counters, then what every device link has (bytes only if any moved). */
function kindTable(kind: string, rows: readonly DeviceRow[], endTime: number, h: number): string {
  const counters = [...new Set(rows.flatMap((d) => Object.keys(d.counters ?? {})))];
  const ratio = counters.includes('logical_bytes') && counters.includes('stored_bytes');
  const moved = rows.some((d) => d.bytes > 0);
  const head: HeadCell[] = [
    { label: kind },
    ...counters.map((c) => ({ label: LABELS[c] ?? c, num: true })),
    ...(ratio ? [{ label: 'dedup ratio', num: true }] : []),
    ...(moved ? [{ label: 'moved', num: true }] : []),
    { label: 'busy', num: true },
    { label: 'busy share', num: true },
    { label: 'mean utilisation' },
  ];
  const body = rows.map((d): BodyCell[] => [
    escapeHtml(d.name),
    ...counters.map((c) => escapeHtml(counterText(c, d.counters?.[c]))),
    ...(ratio ? [escapeHtml(dedupRatio(d.counters?.logical_bytes, d.counters?.stored_bytes))] : []),
    ...(moved ? [escapeHtml(formatSI(d.bytes, 'B'))] : []),
    escapeHtml(formatDuration(d.busy)),
    escapeHtml(endTime > 0 ? formatPercent(d.busy / endTime) : '—'),
    utilisationCell(d.meanUtilisation),
  ]);
  const cls = `devices kind-${kind.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
  return `<h${h}>${escapeHtml(titleOf(kind))}</h${h}>\n${htmlTable(head, body, cls)}`;
}

/** Every kind's table; `h` shifts the headings down a level (a compare report's design headings sit above them). */
export function deviceTables(rows: readonly DeviceRow[], endTime: number, h = 3): string {
  return devicesByKind(rows).map(([kind, list]) => kindTable(kind, list, endTime, h)).join('\n');
}

const BUSY_NOTE = '<p class="muted">Busy: time with at least one flow moving (a robot: with an accessor on a trip); busy share: busy over the run; mean utilisation: bytes over capacity × run (a robot: trip time over accessors × run). All counts are in devices.csv.</p>';

/** The run report's Devices section; empty when the run has no devices. */
export function devicesSection(rows: readonly DeviceRow[], endTime: number): string {
  if (rows.length === 0) return '';
  return `<section id="devices"><h2>Devices</h2>\n${BUSY_NOTE}\n${deviceTables(rows, endTime)}\n</section>`;
}

/** The compare report's Devices section: one block of tables per design, in the compare table's order. */
export function devicesCompare(results: readonly { devices: readonly DeviceRow[]; endTime: number }[], labels: readonly string[]): string {
  if (results.every((r) => r.devices.length === 0)) return '';
  const blocks = results.map((r, i) => `<div class="design" data-design="${escapeHtml(labels[i])}"><h3>${escapeHtml(labels[i])}</h3>\n${r.devices.length === 0 ? '<p class="muted">No devices.</p>' : deviceTables(r.devices, r.endTime, 4)}</div>`);
  return `<section id="devices"><h2>Devices per design</h2>\n${BUSY_NOTE.replace('are in devices.csv', 'of a design are in the devices.csv <code>backlab run FILE --variant NAME</code> writes')}\n${blocks.join('\n')}\n</section>`;
}
