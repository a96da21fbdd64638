/**
 * Where `backlab fuzz` keeps a failing case: one YAML file in --out. It
 * replaces only a file that a fuzz campaign wrote (its first line says so),
 * because replacing deletes; a user's file of that name stays and the write
 * is refused. The text goes to a fresh hidden sibling first, created
 * exclusively, then renamed in: a killed process leaves the old file or the
 * new one, and never touches a user's `NAME.partial`.
 */
import { closeSync, lstatSync, openSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { OutputError } from '../../reports/target.ts';

/** The first lines fuzz writes (sim/fuzz/fuzz-one.ts, and the shrunk copy's). */
const FUZZ_HEADS = ['# backlab fuzz ', '# shrunk from fuzz-'];

function firstBytes(file: string, n: number): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    return buf.toString('utf8', 0, readSync(fd, buf, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

/** Refuses a place that holds anything but an earlier fuzz case. */
export function checkFuzzTarget(file: string): void {
  let st;
  try { st = lstatSync(file); } catch { return; }
  const ours = st.isFile() && FUZZ_HEADS.some((h) => firstBytes(file, 64).startsWith(h));
  if (!ours) throw new OutputError(file, 'is there already and was not written by backlab fuzz; it is left as it is: move it, or give another --out');
}

let serial = 0;

export function writeFuzzFile(file: string, text: string): void {
  checkFuzzTarget(file);
  const tmp = join(dirname(file), `.${basename(file)}.new-${process.pid}-${serial++}`);
  writeFileSync(tmp, text, { flag: 'wx' });
  try {
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
