/**
 * The assumptions a run rests on: every declared field of the scenario's
 * families and protocol whose source is a published figure or `UNSOURCED`,
 * with the value this run gave it (written, or the declared default). A walk
 * over the declarations (sim/foundation/declare.ts `figures`), so a constant
 * declared tomorrow is listed without a line here.
 */
import type { Assumption } from '../foundation/declare.ts';
import type { Field } from '../foundation/declare.ts';
import { FAMILIES, protocolNamed } from '../registry.ts';
import { JOB_DATA, JOB_LEVELS } from './sections.ts';

type Obj = Record<string, unknown>;

/**
 * A family's fields on every host or link entry (a host's cores, a link's
 * port type) apply to an entry only when it writes one of them: a host with
 * no `cores` has no CPU, so no copy rate either.
 */
function entryFigures(entries: unknown, fields: Record<string, Field<unknown>> | undefined, where: string): Assumption[] {
  if (fields === undefined) return [];
  return Object.entries((entries ?? {}) as Record<string, Obj>).flatMap(([n, e]) => {
    if (!Object.keys(fields).some((k) => e[k] !== undefined)) return [];
    return Object.entries(fields).flatMap(([k, f]) => f.figures(e[k], ['topology', where, n, k], `${where}.*.${k}`));
  });
}

/** The assumptions of a scenario document (schema-valid, variant and --set applied), in declaration order. */
export function assumptionsOf(doc: Obj): Assumption[] {
  const topo = (doc.topology ?? {}) as Obj;
  const out: Assumption[] = [];
  for (const f of FAMILIES) {
    const d = f.declares;
    out.push(...entryFigures(topo.hosts, d.host, 'hosts'), ...entryFigures(topo.links, d.link, 'links'));
    if (d.section !== undefined && topo[f.key] !== undefined) out.push(...d.section.figures(topo[f.key], ['topology', f.key], f.key));
  }
  const section = doc.protocol as Obj | undefined;
  const p = section === undefined ? undefined : protocolNamed(section.name as string);
  if (p !== undefined) out.push(...p.declares.figures(section, ['protocol'], 'protocol'));
  // A job's data model (how days' changes overlap, its default level) stands on figures of its own.
  for (const [n, j] of Object.entries(((doc.workload as Obj | undefined)?.jobs ?? {}) as Record<string, Obj>)) {
    if (j.data === undefined) continue;
    const at = ['workload', 'jobs', n];
    out.push(...JOB_DATA.figures(j.data, [...at, 'data'], 'jobs.*.data'), ...(j.level === undefined ? JOB_LEVELS.figures(j.levels ?? {}, [...at, 'levels'], 'jobs.*.levels') : []));
  }
  return out;
}
