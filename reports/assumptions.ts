/**
 * The assumptions of one or several runs as an architect reads them: one
 * line per declared name (sixteen drives' back-hitch is one line), its value
 * in each run, and its source or UNSOURCED. Shared by the run, compare and
 * sweep reports, their CSV sidecar and the CLI's one-line count.
 */
import type { Assumption } from '../sim/foundation/declare.ts';
import { tableUnique, type Column } from './csv.ts';

export interface AssumptionLine {
  /** the declared name, entries as `*`: `libraries.*.drives.*.backhitch` */
  name: string;
  source: string;
  unsourced: boolean;
  /** per run: the distinct values it took there, as read (empty when the run has no such field) */
  values: string[][];
  /** per run: whether the scenario wrote it rather than leaving the default */
  set: boolean[];
  /** per run: how many fields it stands for */
  count: number[];
}

/** How a value reads: a quantity as written, a count or ratio with its unit. */
export function valueText(a: Assumption): string {
  return (a.kind === 'number' || a.kind === 'integer') && a.unit !== '' ? `${a.text} ${a.unit}` : a.text;
}

/** One line per declared name and source, UNSOURCED first, then in declaration order. */
export function assumptionLines(runs: readonly (readonly Assumption[])[]): AssumptionLine[] {
  const lines = new Map<string, AssumptionLine>();
  runs.forEach((list, i) => {
    for (const a of list) {
      const key = JSON.stringify([a.name, a.source]);
      let l = lines.get(key);
      if (l === undefined) {
        lines.set(key, (l = { name: a.name, source: a.source, unsourced: a.unsourced, values: runs.map(() => []), set: runs.map(() => false), count: runs.map(() => 0) }));
      }
      const v = valueText(a);
      if (!l.values[i].includes(v)) l.values[i].push(v);
      l.set[i] ||= a.set;
      l.count[i]++;
    }
  });
  const all = [...lines.values()];
  return [...all.filter((l) => l.unsourced), ...all.filter((l) => !l.unsourced)];
}

/** `12 assumptions, 5 UNSOURCED`: distinct declared names. */
export function assumptionTally(list: readonly Assumption[]): string {
  const names = new Map(list.map((a) => [a.name, a.unsourced] as const));
  const unsourced = new Set(list.filter((a) => a.unsourced).map((a) => a.name)).size;
  return `${names.size} assumption${names.size === 1 ? '' : 's'}, ${unsourced} UNSOURCED`;
}

/** assumptions.csv: one row per line, one value column per run (labels), its source. */
export function assumptionsCsv(runs: readonly (readonly Assumption[])[], labels: readonly string[]): string {
  const columns: Column<AssumptionLine>[] = [
    { name: 'assumption', value: (l) => l.name },
    { name: 'unsourced', value: (l) => l.unsourced },
    ...labels.map((label, i): Column<AssumptionLine> => ({ name: `value_${label}`, value: (l) => l.values[i].join(' / ') })),
    { name: 'set_in', value: (l) => labels.filter((_, i) => l.set[i]).join(' ') },
    { name: 'source', value: (l) => l.source },
  ];
  return tableUnique(columns, assumptionLines(runs));
}
