/**
 * Writes report folders. Each folder is built whole under `${dir}.partial`
 * and renamed into place, so a reader (a person, a CI artefact upload, a
 * sweep collecting results) never sees a half-written report; if anything
 * throws, the partial folder is removed and an older report stays as it was.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RunResult } from '../sim/foundation/result.ts';
import { compareCsv, renderCompareReport, variantLabels } from './compare.ts';
import { assumptionsCsv } from './assumptions.ts';
import { runCsvFiles } from './csv.ts';
import { renderRunReport } from './html.ts';
import { renderSweepReport, runsCsv, type SweepMeta, type SweepRow } from './sweep.ts';

/** Fills a fresh `${dir}.partial` with `fill`, then swaps it in for `dir`. */
export function writeFolderAtomically(dir: string, fill: (tmp: string) => void): void {
  const tmp = `${dir}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    mkdirSync(tmp, { recursive: true });
    fill(tmp);
    mkdirSync(dirname(dir), { recursive: true });
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

const writeFiles = (tmp: string, files: Record<string, string>): void => {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(tmp, name), text);
};

const prettyJson = (v: unknown): string => JSON.stringify(v, null, 2) + '\n';

export function writeRunReport(result: RunResult, dir: string, opts: { chromeTrace?: unknown } = {}): void {
  writeFolderAtomically(dir, (tmp) => {
    writeFiles(tmp, { 'summary.json': prettyJson(result), ...runCsvFiles(result), 'report.html': renderRunReport(result) });
    // Compact: a Chrome trace is large and read by Perfetto, not by people.
    if (opts.chromeTrace !== undefined) writeFileSync(join(tmp, 'trace.json'), JSON.stringify(opts.chromeTrace));
  });
}

export function writeSweepReport(rows: readonly SweepRow[], meta: SweepMeta, dir: string): void {
  writeFolderAtomically(dir, (tmp) => writeFiles(tmp, { 'runs.csv': runsCsv(rows), 'report.html': renderSweepReport(rows, meta) }));
}

export function writeCompareReport(results: readonly RunResult[], dir: string): void {
  writeFolderAtomically(dir, (tmp) => writeFiles(tmp, {
    'compare.csv': compareCsv(results),
    'assumptions.csv': assumptionsCsv(results.map((r) => r.assumptions), variantLabels(results)),
    'report.html': renderCompareReport(results),
  }));
}
