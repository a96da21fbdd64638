/**
 * Where a report folder may go, checked before a run starts: a run of an
 * hour that cannot write its report is an hour lost. The folder is named by
 * a checked name (sim/foundation/output-name.ts) and stays inside --out;
 * --out is a folder (or can be made one) that this process may write, on an
 * ordinary filesystem; and whatever is at the folder's place already is a
 * report backlab wrote (it holds the marker file), never anything else,
 * because replacing it deletes it.
 */
import { accessSync, constants, lstatSync, readdirSync, readFileSync, realpathSync, statfsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { BacklabError } from '../sim/foundation/errors.ts';
import { isOutputName, outputNameRule } from '../sim/foundation/output-name.ts';

/**
 * The file every report folder holds: the version that wrote it, then the
 * files it wrote, one a line. A folder is replaced only if it holds this file
 * and nothing it does not list (a user's notes dropped into an old report
 * survive: the write is refused).
 */
export const REPORT_MARKER = '.backlab-report';

export const markerText = (version: string, files: readonly string[]): string => [`backlab ${version}`, ...files].join('\n') + '\n';

/** The report cannot go where it was asked to: a user's mistake, exit 2. */
export class OutputError extends BacklabError<{ path: string }> {
  override name = 'OutputError';
  constructor(path: string, why: string) {
    super(`${path}: ${why}`, 'output.refused', { path });
  }
}

/**
 * Pseudo-filesystems, by statfs magic (linux/magic.h): proc, sysfs, cgroup,
 * cgroup2, debugfs, tracefs, securityfs, pstore, bpf, devpts, configfs,
 * efivarfs. Writing a report there hangs or fails half-way.
 */
const SPECIAL_FS = new Set([0x9fa0, 0x62656572, 0x27e0eb, 0x63677270, 0x64626720, 0x74726163, 0x73636673, 0x6165676c, 0xcafe4a11, 0x1cd1, 0x62656570, 0xde5e81e4]);

/** /dev is a tmpfs by magic like /dev/shm, so it goes by its place: device nodes, not files. */
const isUnderDev = (real: string): boolean => (real === '/dev' || real.startsWith('/dev/')) && !(real === '/dev/shm' || real.startsWith('/dev/shm/'));

/** The 255 bytes a file name may have (ext4, xfs, APFS, NTFS), less what the hidden siblings add (`.NAME.new-PID-XXXXXX`). */
const FOLDER_NAME_MAX = 225;

/** The report folder `name` inside `out`, once every check passes. */
export function reportTarget(out: string, name: string): string {
  if (!isOutputName(name, FOLDER_NAME_MAX)) throw new OutputError(join(out, name), `'${name}' cannot name a report folder: ${outputNameRule(FOLDER_NAME_MAX)}`);
  const dir = join(out, name);
  const rel = relative(resolve(out), resolve(dir));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.includes(sep)) throw new OutputError(dir, `not a folder directly inside ${out}`);
  checkOutDir(out);
  checkReplaceable(dir);
  return dir;
}

/** --out: a folder, or a place where one can be made, writable, on an ordinary filesystem. */
export function checkOutDir(out: string): void {
  let at = resolve(out);
  for (;;) {
    const kind = kindOf(at, true);
    if (kind === 'dir') break;
    if (kind !== 'none') throw new OutputError(out, at === resolve(out) ? '--out names a file, not a folder' : `${at} is a file, so no folder can be made under it`);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  const real = realpathSync(at);
  if (isUnderDev(real) || SPECIAL_FS.has(Number(statfsSync(real).type))) throw new OutputError(out, `${real} is on a special filesystem, not a disk; give --out an ordinary folder`);
  try {
    accessSync(real, constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new OutputError(out, code === 'EROFS' ? `${real} is on a read-only filesystem` : `${real} is not writable (${code})`);
  }
}

/** Nothing there yet, or a folder with backlab's marker: anything else would be deleted by the swap. */
export function checkReplaceable(dir: string): void {
  const kind = kindOf(dir, false);
  if (kind === 'none') return;
  const move = 'move it away or give another --out';
  if (kind === 'link') throw new OutputError(dir, `is a symbolic link, which backlab does not write; ${move}`);
  if (kind === 'file') throw new OutputError(dir, `is a file, not a report backlab wrote; ${move}`);
  // An empty folder holds nothing to lose (a rename replaces it whole).
  if (readdirSync(dir).length === 0) return;
  if (kindOf(join(dir, REPORT_MARKER), false) !== 'file') throw new OutputError(dir, `is a folder backlab did not write (it has no ${REPORT_MARKER}), and replacing it would delete it; ${move}`);
  const written = new Set(readFileSync(join(dir, REPORT_MARKER), 'utf8').split('\n').slice(1));
  const foreign = readdirSync(dir).filter((f) => f !== REPORT_MARKER && !written.has(f)).sort();
  if (foreign.length > 0) throw new OutputError(dir, `holds ${foreign.map((f) => `'${f}'`).join(', ')}, which backlab did not write, and replacing the folder would delete ${foreign.length === 1 ? 'it' : 'them'}; ${move}`);
}

/** What is at `path`; `follow`: a symbolic link counts as what it points to (--out may be one; a report folder never is). */
function kindOf(path: string, follow: boolean): 'none' | 'dir' | 'file' | 'link' {
  try {
    const st = follow ? statSync(path) : lstatSync(path);
    if (st.isSymbolicLink()) return 'link';
    return st.isDirectory() ? 'dir' : 'file';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // ENOTDIR: a file on the way; walking up finds it.
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'none';
    throw new OutputError(path, `cannot be examined (${code ?? (e as Error).message})`);
  }
}
