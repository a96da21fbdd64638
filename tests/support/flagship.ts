/**
 * The flagship scenario's LAN design without its migration fault, clients started by node name (p1's four first,
 * then p2's), as a file's text (issue 18: each wave's VIOS SEA holds its backup). With the default spread order
 * the backup server's 10GbE holds it instead (tests/limiters.test.ts).
 */
import { readFileSync } from 'node:fs';

export const FLAGSHIP = 'scenarios/lan-vs-lanfree.yaml';

export function lanWithoutMigration(): string {
  const text = readFileSync(FLAGSHIP, 'utf8');
  const out = text.replace(/^  design: shared$/m, '  design: lan\n  startOrder: name').replace(/^faults:\n(?: {2}.*\n)+/m, '');
  if (out === text || /migrate:/.test(out) || !/design: lan/.test(out)) throw new Error(`${FLAGSHIP} changed: the LAN design without its migration cannot be made from it`);
  return out;
}
