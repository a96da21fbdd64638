/**
 * year.html: a long run's days and nights as charts, each with the tidy CSV
 * it is drawn from beside it (days.csv, nights.csv). What storage held, per
 * store with its capacity; cartridges in use and scratch; each night's
 * backup against its window; replication lag, the recovery point a site
 * loss would give; the bytes each night moved. Charts are drawn by
 * reports/client/year.js from the data embedded here, a figure a day, so
 * the page stays small for a year of readings.
 */
import type { RunResult } from '../sim/foundation/result.ts';
import { formatDuration, formatQuantity, formatSI } from './format.ts';
import { escapeHtml, htmlTable, renderPage } from './page.ts';
import { runDays, type DayFigure } from './year-days.ts';
import type { Night } from './year-nights.ts';
import { DAYS_FILE, NIGHTS_FILE } from './year-csv.ts';
import { nightTotals } from './year-totals.ts';

export const YEAR_FILE = 'year.html';

/** A figure's days as columns: the day of each value, its value at the day's end, its peak. */
export interface FigureSeries {
  subject: string;
  measure: string;
  unit: string;
  day: number[];
  value: number[];
  peak: number[];
}

/** The days' figures grouped by subject and measure, in the order they first appear. */
export function figureSeries(days: readonly DayFigure[]): FigureSeries[] {
  const out = new Map<string, FigureSeries>();
  for (const d of days) {
    const key = `${d.subject}\u0000${d.measure}`;
    let s = out.get(key);
    if (s === undefined) out.set(key, (s = { subject: d.subject, measure: d.measure, unit: d.unit, day: [], value: [], peak: [] }));
    s.day.push(d.day);
    s.value.push(d.value);
    s.peak.push(d.peak);
  }
  return [...out.values()];
}

const STORE = new Set(['stored', 'logical', 'capacity', 'garbage']);
const CARTRIDGES = new Set(['cartridges-used', 'cartridges-scratch', 'slots-free']);
const LAG = new Set(['replica-lag']);

/** A chart of more lines than this is a tangle; the rest are in days.csv. */
export const CHART_SUBJECTS = 8;

/** The figures a chart draws: those of `measures` of its CHART_SUBJECTS subjects with the highest peak, and how many subjects there were. */
export function charted(series: readonly FigureSeries[], measures: Set<string>): { shown: FigureSeries[]; subjects: number } {
  const mine = series.filter((s) => measures.has(s.measure));
  const top = new Map<string, number>();
  for (const s of mine) top.set(s.subject, Math.max(top.get(s.subject) ?? 0, ...s.peak));
  const keep = new Set([...top.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, CHART_SUBJECTS).map(([k]) => k));
  return { shown: mine.filter((s) => keep.has(s.subject)), subjects: top.size };
}

const source = (file: string): string => `<p class="muted">The data: <a href="${file}">${file}</a>.</p>`;
const largest = (c: { shown: FigureSeries[]; subjects: number }, what: string): string =>
  c.subjects > CHART_SUBJECTS ? ` The chart draws the ${CHART_SUBJECTS} highest of ${c.subjects} ${what}; days.csv has them all.` : '';

function storesSection(series: readonly FigureSeries[]): string {
  const stores = series.filter((s) => STORE.has(s.measure));
  if (stores.length === 0) return '';
  const c = charted(series, STORE);
  const subjects = [...new Set(stores.map((s) => s.subject))];
  const last = (subject: string, measure: string): string => {
    const s = stores.find((x) => x.subject === subject && x.measure === measure);
    return s === undefined ? '—' : formatSI(s.value[s.value.length - 1], 'B');
  };
  return `<section id="stores"><h2>Storage</h2>
<p>Stored and logical bytes at each day's end, and each store's capacity.${largest(c, 'stores')}</p>
<figure class="chart" id="year-stores"></figure>
${source(DAYS_FILE)}
${htmlTable([{ label: 'store' }, { label: 'stored at the end', num: true }, { label: 'logical at the end', num: true }, { label: 'capacity', num: true }],
    subjects.map((s) => [escapeHtml(s), escapeHtml(last(s, 'stored')), escapeHtml(last(s, 'logical')), escapeHtml(last(s, 'capacity'))]), 'stores')}
</section>`;
}

const chartSection = (id: string, title: string, text: string, file: string): string =>
  `<section id="${id}"><h2>${escapeHtml(title)}</h2>\n<p>${escapeHtml(text)}</p>\n<figure class="chart" id="year-${id}"></figure>\n${source(file)}\n</section>`;

function windowsSection(nights: readonly Night[]): string {
  const windowed = nights.filter((n) => n.verdict !== null);
  if (windowed.length === 0) return '';
  const bad = windowed.filter((n) => n.verdict === 'missed' || n.verdict === 'failed');
  const rows = bad.map((n) => [
    escapeHtml(n.date), escapeHtml(n.job), escapeHtml(n.level ?? '—'), escapeHtml(formatQuantity(n.dataBytes, 'B')),
    { html: escapeHtml(n.verdict! + (n.missedBy === null ? '' : ` by ${formatDuration(n.missedBy)}`)), cls: 'fail' },
  ]);
  const table = bad.length === 0 ? '' : htmlTable([{ label: 'night' }, { label: 'job' }, { label: 'level' }, { label: 'data', num: true }, { label: 'window' }], rows, 'nights-missed');
  return `<section id="windows"><h2>Backup windows</h2>
<p>${bad.length} of ${windowed.length} nights missed their window or failed. Each bar is how long a night's backup ran; the tick over it, its window.</p>
<figure class="chart" id="year-windows"></figure>
${source(NIGHTS_FILE)}
${table}
</section>`;
}

export function renderYearReport(r: RunResult, year: { days: readonly DayFigure[]; nights: readonly Night[] }): string {
  const series = figureSeries(year.days);
  const has = (set: Set<string>): boolean => series.some((s) => set.has(s.measure));
  const [carts, lag] = [charted(series, CARTRIDGES), charted(series, LAG)];
  const body = [
    `<header><h1>${escapeHtml(r.scenario)}: days and nights</h1>
<p class="description">${escapeHtml(r.description)}</p>
<p><a href="report.html">The run's report</a> · ${year.nights.length} scheduled nights · ${series.length} storage figures over ${escapeHtml(formatDuration(r.endTime))}</p></header>`,
    storesSection(series),
    has(CARTRIDGES) ? chartSection('cartridges', 'Cartridges', `Cartridges holding data and scratch cartridges free to write, at each day's end.${largest(carts, 'libraries and pools')}`, DAYS_FILE) : '',
    windowsSection(year.nights),
    has(LAG) ? chartSection('lag', 'Replication lag', `The highest replication lag of each day: the recovery point a site loss that day would give.${largest(lag, 'replicas')}`, DAYS_FILE) : '',
    year.nights.some((n) => n.dataBytes !== null) ? chartSection('data', 'Data per night', 'The bytes each night\'s backup level moved of its client\'s data (all clients\' together, on a night several back up), and the data\'s size that night: what a full would move.', NIGHTS_FILE) : '',
    `<footer>backlab ${escapeHtml(r.backlab)} · seed ${escapeHtml(r.seed)}</footer>`,
  ].join('\n');
  const drawn = [...charted(series, STORE).shown, ...carts.shown, ...lag.shown];
  return renderPage({
    title: `${r.scenario} · backlab year`,
    body,
    data: {
      first: runDays(r.epoch).first,
      // The lag is charted at its daily peak: the worst a site loss that day could find.
      series: drawn.map((s) => (LAG.has(s.measure) ? { ...s, value: s.peak, peak: undefined } : { ...s, peak: undefined })),
      nights: nightTotals(year.nights, r.endTime),
    },
    scripts: ['year.js'],
  });
}

/** The line of report.html that leads to year.html, when the run wrote one. */
export const yearLink = (written: boolean): string =>
  written ? `<section id="year"><h2>Days and nights</h2><p><a href="${YEAR_FILE}">The run's days and nights</a>: storage, cartridges, backup windows and replication lag, charted day by day.</p></section>` : '';
