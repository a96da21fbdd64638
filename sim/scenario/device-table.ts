/**
 * The run's devices table: each device link's bytes and busy time, with
 * what its family counts of it added (FamilyRuntime.report), and a row for
 * each counted device that is not a link (a library's robots, a dedup store).
 */
import type { DeviceRow } from '../foundation/result.ts';
import type { DeviceReport } from '../model/family.ts';

export function deviceTable(links: readonly DeviceRow[], reports: readonly DeviceReport[]): DeviceRow[] {
  const byName = new Map(reports.map((r) => [r.name, r]));
  const rows = links.map((d) => {
    const r = byName.get(d.name);
    return r === undefined ? d : { ...d, counters: r.counters };
  });
  const linked = new Set(links.map((d) => d.name));
  for (const r of reports) {
    if (!linked.has(r.name)) rows.push({ name: r.name, kind: r.kind, bytes: 0, busy: r.busy ?? 0, meanUtilisation: r.utilisation ?? 0, counters: r.counters });
  }
  return rows;
}
