/** Reading a scenario file from disk for a command, with --set and --variant applied. */
import { type Scenario } from '../foundation/scenario.ts';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { ScenarioError } from '../foundation/errors.ts';
import { parseSetting, type Setting } from '../scenario/overrides.ts';
import { loadScenario } from '../scenario/scenario.ts';
import { parseSize } from '../foundation/units.ts';
import { UsageError, type Parsed } from './args.ts';

/**
 * The largest scenario file read unless --max-file-size says otherwise. A
 * generated scenario with a thousand partitions is well under 1 MB; past 16 MB
 * a file is a mistake (a log, a disk image, /dev/zero), and reading it whole
 * would take the memory before the parser could say so.
 */
export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;

/** A scenario file's text: a regular file no larger than `maxBytes`, checked before it is read whole. */
export function readScenarioText(file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): string {
  let fd: number;
  try {
    // O_NONBLOCK: opening a named pipe must not wait for a writer; the check below refuses it.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ScenarioError(file, '', code === 'ENOENT' ? 'no such file' : `cannot be read: ${(e as Error).message}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new ScenarioError(file, '', `is not a regular file (${st.isDirectory() ? 'a folder' : 'a device, pipe or socket'}); give a scenario file`);
    const tooBig = (): never => { throw new ScenarioError(file, '', `is larger than ${mb(maxBytes)}, the most a scenario file may be; --max-file-size raises the limit (e.g. --max-file-size "64 MB")`); };
    if (st.size > maxBytes) tooBig();
    // Read at most one byte past the limit: a file that grows while it is read is still bounded.
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    for (let r; n < buf.length && (r = readSync(fd, buf, n, buf.length - n, null)) > 0;) n += r;
    if (n > maxBytes) tooBig();
    return buf.toString('utf8', 0, n);
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    throw new ScenarioError(file, '', `cannot be read: ${(e as Error).message}`);
  } finally {
    closeSync(fd);
  }
}

function mb(bytes: number): string {
  return `${+(bytes / 1e6).toPrecision(4)} MB`;
}

/** --set path=value (repeatable) and --until T, as settings applied before the scenario is checked. */
export function settingsOf(p: Parsed, command: string): Setting[] {
  const sets = (p.flags.get('set') ?? []).map((arg) => {
    try { return parseSetting(arg); } catch (e) { throw new UsageError(`${command}: ${(e as Error).message}`); }
  });
  const until = p.flags.get('until')?.[0];
  if (until !== undefined) sets.push(parseSetting(`until=${until}`));
  return sets;
}

/** --max-file-size SIZE ("64 MB"), or the default. */
export function maxFileBytes(p: Parsed, command: string): number {
  const v = p.flags.get('max-file-size')?.[0];
  if (v === undefined) return DEFAULT_MAX_FILE_BYTES;
  let n: number;
  try { n = parseSize(v); } catch (e) { throw new UsageError(`${command}: --max-file-size ${(e as Error).message}`); }
  if (!(n >= 1)) throw new UsageError(`${command}: --max-file-size needs a size of at least 1 B, got '${v}'`);
  return n;
}

export function loadScenarioFile(file: string, opts: { variant?: string; sets?: Setting[]; maxBytes?: number } = {}): Scenario {
  return loadScenario(file, readScenarioText(file, opts.maxBytes), opts);
}
