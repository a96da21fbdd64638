/** Where a value sits in a scenario document: `topology.links.l1.bandwidth` is ['topology', 'links', 'l1', 'bandwidth']. */
export type Path = (string | number)[];

/** `topology.links.l1.bandwidth`, `faults[2].at` */
export function formatPath(path: Path): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s === '' ? k : `.${k}`;
  return s;
}

/** The inverse of formatPath, for --set. */
export function parsePath(text: string): Path {
  const path: Path = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(text)) !== null) {
    const between = text.slice(last, m.index);
    if (between !== '' && between !== '.') throw new Error(`'${text}' is not a field path (write it like topology.links.l1.bandwidth or faults[0].at)`);
    path.push(m[2] !== undefined ? Number(m[2]) : m[1]);
    last = re.lastIndex;
  }
  if (path.length === 0 || last !== text.length) throw new Error(`'${text}' is not a field path (write it like topology.links.l1.bandwidth or faults[0].at)`);
  return path;
}
