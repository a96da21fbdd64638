/** The flagship scenario's LAN design without its migration fault, as a file's text (issue 18: the VIOS SEAs hold its backup). */
import { readFileSync } from 'node:fs';

export const FLAGSHIP = 'scenarios/lan-vs-lanfree.yaml';

export function lanWithoutMigration(): string {
  const text = readFileSync(FLAGSHIP, 'utf8');
  const out = text.replace(/^  design: shared$/m, '  design: lan').replace(/^faults:\n(?: {2}.*\n)+/m, '');
  if (out === text || /migrate:/.test(out) || !/design: lan/.test(out)) throw new Error(`${FLAGSHIP} changed: the LAN design without its migration cannot be made from it`);
  return out;
}
