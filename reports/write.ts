/**
 * Writes report folders, and never deletes what backlab did not write. A
 * folder is built whole in a hidden sibling (`.NAME.new-PID-XXXXXX`, its
 * marker file written first), then swapped in: the old report (which must
 * hold the marker, reports/target.ts) is renamed aside, the new one renamed
 * in, the old one removed. So the final name holds the old report or the new
 * one, complete, and nothing else. The one gap is between the two renames
 * (two system calls): a process killed there leaves the final name empty and
 * the old report complete aside, and the next write to that folder puts it
 * back before it starts. If anything throws, the new folder is removed and
 * the old report stays as it was. Not fsynced: this guards against a killed
 * process, not a lost machine.
 */
import { chmodSync, closeSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { RunResult } from '../sim/foundation/result.ts';
import { compareCsv, renderCompareReport, variantLabels } from './compare.ts';
import { assumptionsCsv } from './assumptions.ts';
import { runCsvWriters, writeTimeseriesCsv } from './csv.ts';
import { renderRunReport } from './html.ts';
import { yearFiles } from './year.ts';
import { TIMESERIES_FILE, writeSummaryJson } from './summary.ts';
import { renderSensitivityReport, sensitivityFiles, type SensitivityReport } from './sensitivity.ts';
import { renderSweepReport, runsCsv, type SweepMeta, type SweepRow } from './sweep.ts';
import { checkReplaceable, markerText, OutputError, REPORT_MARKER } from './target.ts';

/** Errors of the disk, not of backlab: the user can act on them (free space, permissions), so they exit 2. */
const USER_FS_ERRORS = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EFBIG', 'ENAMETOOLONG']);

/** Fills a fresh hidden sibling of `dir` with `fill`, then swaps it in for `dir`. */
export function writeFolderAtomically(dir: string, version: string, fill: (tmp: string) => void): void {
  const parent = dirname(dir);
  const name = basename(dir);
  try {
    mkdirSync(parent, { recursive: true });
    recoverStale(parent, name);
    checkReplaceable(dir);
    const tmp = mkdtempSync(join(parent, `.${name}.new-${process.pid}-`));
    try {
      // mkdtemp makes it private (0700); a report folder is as readable as any other folder made here.
      chmodSync(tmp, 0o777 & ~process.umask());
      writeFileSync(join(tmp, REPORT_MARKER), markerText(version, []));
      fill(tmp);
      writeFileSync(join(tmp, REPORT_MARKER), markerText(version, readdirSync(tmp).filter((f) => f !== REPORT_MARKER).sort()));
      // Again: a run takes a while, and something else may have appeared there meanwhile.
      checkReplaceable(dir);
      swapIn(tmp, dir);
    } catch (e) {
      removeReport(tmp);
      throw e;
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== undefined && USER_FS_ERRORS.has(code)) throw new OutputError(dir, `the report could not be written: ${(e as Error).message}`);
    throw e;
  }
}

function swapIn(tmp: string, dir: string): void {
  try {
    renameSync(tmp, dir);
    return;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw e;
  }
  const aside = join(dirname(tmp), basename(tmp).replace(/\.new-(?=\d+-\w+$)/, '.old-'));
  renameSync(dir, aside);
  try {
    renameSync(tmp, dir);
  } catch (e) {
    renameSync(aside, dir);
    throw e;
  }
  removeReport(aside);
}

/** The marker goes last, so a folder half-removed by a killed process is still known as ours and cleared next time. */
function removeReport(dir: string): void {
  for (const f of readdirSync(dir)) if (f !== REPORT_MARKER) rmSync(join(dir, f), { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
}

/** Every file its marker lists is there: an old report set aside, not one half-removed. */
function isComplete(dir: string): boolean {
  const listed = readFileSync(join(dir, REPORT_MARKER), 'utf8').trimEnd().split('\n').slice(1);
  return listed.length > 0 && listed.every((f) => exists(join(dir, f)));
}

/**
 * What a killed writer left beside `name`: its new folder (removed) or the
 * old report it had moved aside (put back whole if the final name is empty,
 * else removed). Only folders with the marker whose process has ended.
 */
function recoverStale(parent: string, name: string): void {
  const prefix = `.${name}.`;
  const stale = readdirSync(parent).filter((f) => f.startsWith(prefix)).sort().flatMap((f) => {
    const m = /^(new|old)-(\d+)-\w{6}$/.exec(f.slice(prefix.length));
    // Named by mkdtemp for this process and marked first thing: ours, even half-filled (or emptied, the marker last).
    if (m === null || isAlive(Number(m[2]))) return [];
    const path = join(parent, f);
    if (!exists(join(path, REPORT_MARKER)) && !isEmptyDir(path)) return [];
    return [{ path, old: m[1] === 'old' }];
  });
  const dir = join(parent, name);
  for (const s of [...stale.filter((x) => x.old), ...stale.filter((x) => !x.old)]) {
    if (s.old && !exists(dir) && exists(join(s.path, REPORT_MARKER)) && isComplete(s.path)) renameSync(s.path, dir);
    else removeReport(s.path);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isEmptyDir(path: string): boolean {
  try {
    return readdirSync(path).length === 0;
  } catch {
    return false;
  }
}

const exists = (path: string): boolean => lstatSync(path, { throwIfNoEntry: false }) !== undefined;

/** A file written through a buffer of about 1 MB: a long table or summary never becomes one string. */
export function writeFileStreamed(path: string, produce: (write: (text: string) => void) => void): void {
  const fd = openSync(path, 'wx');
  try {
    let pending = '';
    const flush = (): void => {
      const buf = Buffer.from(pending);
      for (let off = 0; off < buf.length;) off += writeSync(fd, buf, off);
      pending = '';
    };
    produce((text) => {
      pending += text;
      if (pending.length >= 1 << 20) flush();
    });
    flush();
  } finally {
    closeSync(fd);
  }
}

const writeFiles = (tmp: string, files: Record<string, string>): void => {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(tmp, name), text);
};

export function writeRunReport(result: RunResult, dir: string, opts: { chromeTrace?: unknown } = {}): void {
  writeFolderAtomically(dir, result.backlab, (tmp) => {
    writeFileStreamed(join(tmp, 'summary.json'), (w) => writeSummaryJson(result, w));
    writeFileStreamed(join(tmp, TIMESERIES_FILE), (w) => writeTimeseriesCsv(result.timeseries, w));
    for (const [name, produce] of Object.entries(runCsvWriters(result))) writeFileStreamed(join(tmp, name), produce);
    writeFiles(tmp, { ...yearFiles(result), 'report.html': renderRunReport(result) });
    // Compact: a Chrome trace is large and read by Perfetto, not by people.
    if (opts.chromeTrace !== undefined) writeFileSync(join(tmp, 'trace.json'), JSON.stringify(opts.chromeTrace));
  });
}

export function writeSweepReport(rows: readonly SweepRow[], meta: SweepMeta, dir: string): void {
  writeFolderAtomically(dir, meta.backlab ?? 'unknown', (tmp) => writeFiles(tmp, { 'runs.csv': runsCsv(rows), 'report.html': renderSweepReport(rows, meta) }));
}

export function writeCompareReport(results: readonly RunResult[], dir: string, sensitivity?: SensitivityReport): void {
  writeFolderAtomically(dir, results[0]?.backlab ?? 'unknown', (tmp) => writeFiles(tmp, {
    'compare.csv': compareCsv(results),
    'assumptions.csv': assumptionsCsv(results.map((r) => r.assumptions), variantLabels(results)),
    'report.html': renderCompareReport(results, sensitivity),
    ...(sensitivity === undefined ? {} : sensitivityFiles(sensitivity)),
  }));
}

export function writeSensitivityReport(r: SensitivityReport, dir: string, version: string): void {
  writeFolderAtomically(dir, version, (tmp) => writeFiles(tmp, { 'report.html': renderSensitivityReport(r), ...sensitivityFiles(r) }));
}
