/**
 * summary.json: a run's result without its per-sample and per-flow rows.
 * The timeseries (links × samples) is in timeseries.csv and every flow in
 * flows.csv, each stored once: a summary names those files and how many rows
 * each has. Held here were a big run's hundreds of megabytes and, on the
 * flagship, nine tenths of the file. The ledger's readings are not kept
 * either: a summary says how many there were, and days.csv has them a day at
 * a time (reports/year-days.ts). Jobs, links and devices are listed whole
 * up to SUMMARY_ROWS; a longer list keeps its first rows and names its CSV
 * and its length (`jobsRows`, `jobsFile`). The top level is indented for people;
 * each row of a list (jobs, links, devices, checks, findings, assumptions)
 * is one compact line, so the file greps and diffs by row, and a run with
 * many rows is written without ever holding its JSON as one string.
 */
import type { RunResult } from '../sim/foundation/result.ts';
import { DAYS_FILE } from './year-csv.ts';

export const TIMESERIES_FILE = 'timeseries.csv';
export const FLOWS_FILE = 'flows.csv';

/** Rows a list of the summary keeps at most (jobs, links, devices); its CSV has every one. */
export const SUMMARY_ROWS = 1000;
/** The summary's lists that a CSV of the report holds whole, by key. */
const LISTED = { jobs: 'jobs.csv', links: 'links.csv', devices: 'devices.csv' } as const;
type Listed = keyof typeof LISTED;

/** A list cut to its first SUMMARY_ROWS says how many rows its file has and names it: `linksRows`, `linksFile`. */
type Cut = { [K in Listed as `${K}Rows`]?: number } & { [K in Listed as `${K}File`]?: string };

export type Summary = Omit<RunResult, 'timeseries' | 'flows' | 'ledger'> & Cut & { timeseriesFile: string; timeseriesRows: number; flowsFile: string; flowsRows: number; ledgerRows: number; daysFile?: string };

export function summaryOf(r: RunResult): Summary {
  const { timeseries, flows, ledger, ...rest } = r;
  const summary: Summary = {
    ...rest, timeseriesFile: TIMESERIES_FILE, timeseriesRows: timeseries.t.length, flowsFile: FLOWS_FILE, flowsRows: flows.length,
    ledgerRows: ledger.length, ...(ledger.length > 0 ? { daysFile: DAYS_FILE } : {}),
  };
  // A run of 100,000 flows has as many transfer jobs and links: 25 MB of summary repeating jobs.csv and links.csv.
  for (const key of Object.keys(LISTED) as Listed[]) {
    const rows = r[key];
    if (rows.length <= SUMMARY_ROWS) continue;
    Object.assign(summary, { [key]: rows.slice(0, SUMMARY_ROWS), [`${key}Rows`]: rows.length, [`${key}File`]: LISTED[key] });
  }
  return summary;
}

/** `JSON.parse` of what is written equals `summaryOf(r)`. */
export function writeSummaryJson(r: RunResult, write: (text: string) => void): void {
  const entries = Object.entries(summaryOf(r)).filter(([, v]) => v !== undefined);
  write('{\n');
  entries.forEach(([key, value], i) => {
    write(`  ${JSON.stringify(key)}: `);
    if (Array.isArray(value) && value.length > 0) {
      write('[\n');
      value.forEach((row: unknown, j) => write(`    ${JSON.stringify(row) ?? 'null'}${j + 1 < value.length ? ',' : ''}\n`));
      write('  ]');
    } else {
      write(JSON.stringify(value, null, 2).replace(/\n/g, '\n  '));
    }
    write(i + 1 < entries.length ? ',\n' : '\n');
  });
  write('}\n');
}
