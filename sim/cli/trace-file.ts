/**
 * `--trace-file FILE`: the run's binary trace streamed to FILE as it is
 * recorded (sim/trace/file-sink.ts), so a run of any length keeps none of it
 * in memory; `sha256sum FILE` is the trace hash the run prints. Checked
 * before the run: FILE may be new or a trace backlab wrote (it starts with
 * the trace's header), never any other file, and its folder must exist.
 * Written to FILE.partial and renamed when the run ends; a run that fails
 * removes the partial file.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { OutputError } from '../../reports/target.ts';
import { TRACE_MAGIC } from '../trace/format.ts';
import { FileSink } from '../trace/file-sink.ts';

/** A sink streaming to `path`, once `path` and its partial file are ours to write. */
export function traceFileSink(path: string): FileSink {
  const dir = statSync(dirname(path), { throwIfNoEntry: false });
  if (dir === undefined || !dir.isDirectory()) throw new OutputError(path, `--trace-file: the folder ${dirname(path)} does not exist`);
  for (const [p, partial] of [[path, false], [`${path}.partial`, true]] as const) {
    if (!replaceable(p, partial)) throw new OutputError(p, '--trace-file: the file exists and is not a backlab trace; backlab replaces no file it did not write');
  }
  try {
    return new FileSink(path);
  } catch (e) {
    throw new OutputError(path, `--trace-file: cannot be written: ${(e as Error).message}`);
  }
}

/** Absent, or a regular file that starts with a backlab trace's header; an empty partial file is a run killed before its first chunk. */
function replaceable(path: string, partial: boolean): boolean {
  const s = statSync(path, { throwIfNoEntry: false });
  if (s === undefined) return true;
  if (!s.isFile()) return false;
  const head = Buffer.alloc(TRACE_MAGIC.length);
  const fd = openSync(path, 'r');
  try {
    const n = readSync(fd, head, 0, head.length, 0);
    return (n === 0 && partial) || (n === head.length && head.toString('latin1') === TRACE_MAGIC);
  } finally {
    closeSync(fd);
  }
}
