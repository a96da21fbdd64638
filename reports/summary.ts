/**
 * summary.json: a run's result without its timeseries (links × samples rows,
 * which timeseries.csv holds and which made a big run's summary hundreds of
 * megabytes), written a row at a time. The top level is indented for
 * people; each row of a list (flows, jobs, links, devices, checks,
 * findings) is one compact line, so the file greps and diffs by row, and a
 * run with many rows is written without ever holding its JSON as one string.
 */
import type { RunResult } from '../sim/foundation/result.ts';

export const TIMESERIES_FILE = 'timeseries.csv';

export type Summary = Omit<RunResult, 'timeseries'> & { timeseriesFile: string; timeseriesRows: number };

export function summaryOf(r: RunResult): Summary {
  const { timeseries, ...rest } = r;
  return { ...rest, timeseriesFile: TIMESERIES_FILE, timeseriesRows: timeseries.length };
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
