/**
 * The faults `backlab size --faults` and `--sweep-instant` move: each is a
 * fault entry as a scenario writes it, without its instant. It is named by
 * kind and target (`migrate:lpar2`, `site-fails:primary`, `device-fails:hba1`)
 * among the scenario's `faults:`, or read from a file of fault entries. A run
 * with the fault at an instant is the scenario with that entry, and the
 * scenario's other faults, as `--set faults=[...]`: so the run is replayable
 * with `backlab run ... --set` and gives the same trace hash.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml, stringify } from 'yaml';
import type { Setting } from '../scenario/overrides.ts';
import { UsageError } from './args.ts';

type Entry = Record<string, unknown>;

export interface FaultCase {
  /** kind:target, as the report names it */
  name: string;
  /** the entry as written, its `at` left out */
  entry: Entry;
}

/** The scenario's fault entries as written (a variant's own `faults:` replaces them, as it does when loaded). */
export function writtenFaults(text: string, variant: string | undefined): Entry[] {
  const doc = (() => { try { return parseYaml(text) as Entry; } catch { return {}; } })() ?? {};
  const v = variant === undefined ? undefined : ((doc.variants as Record<string, Entry> | undefined)?.[variant]);
  const list = v !== undefined && Object.hasOwn(v, 'faults') ? v.faults : doc.faults;
  return Array.isArray(list) ? (list as Entry[]) : [];
}

/** `migrate:lpar2` for `{ migrate: { partition: lpar2, to: p2 } }`; null for a random fault (it has no one instant). */
export function faultName(e: Entry): string | null {
  const kind = Object.keys(e).find((k) => k !== 'at');
  if (kind === undefined || kind === 'random') return null;
  const v = e[kind];
  const target = typeof v === 'string' ? v : typeof v === 'object' && v !== null ? String((v as Entry).partition ?? Object.values(v)[0]) : String(v);
  return `${kind}:${target}`;
}

/**
 * The faults one --faults or --sweep-instant argument names, and the
 * scenario's fault entries that stay as written in every run (the others).
 * `all`: every fault of the scenario with an instant.
 */
export function namedFaults(arg: string, flag: string, text: string, variant: string | undefined): { cases: FaultCase[]; kept: Entry[] } {
  const written = writtenFaults(text, variant);
  const names = written.map(faultName);
  const known = names.filter((n): n is string => n !== null);
  const strip = (e: Entry): Entry => Object.fromEntries(Object.entries(e).filter(([k]) => k !== 'at'));
  if (/\.ya?ml$/.test(arg) || existsSync(arg)) return { cases: faultsFile(arg, flag), kept: written };
  const wanted = arg === 'all' ? known : arg.split(',').map((s) => s.trim());
  const cases = wanted.map((w): FaultCase => {
    const i = names.indexOf(w);
    if (i < 0) throw new UsageError(`size: ${flag} ${arg}: the scenario has no fault ${w}; ${known.length ? `its faults are ${known.join(', ')}` : 'it has no faults with an instant'} (or give a file of fault entries, e.g. faults.yaml with "- { device-fails: hba1 }")`);
    return { name: w, entry: strip(written[i]) };
  });
  if (cases.length === 0) throw new UsageError(`size: ${flag} all: the scenario has no faults with an instant`);
  return { cases, kept: written.filter((_, i) => !wanted.includes(names[i] ?? '')) };
}

function faultsFile(file: string, flag: string): FaultCase[] {
  let doc: unknown;
  const bad = (why: string) => new UsageError(`size: ${flag} ${file}: ${why}; write a YAML list of fault entries as a scenario's faults: are written, e.g. "- { migrate: { partition: lpar2, to: p2 } }" (any 'at' is replaced by the searched instant)`);
  if (!existsSync(file)) throw bad('no such file');
  try { doc = parseYaml(readText(file)); } catch (e) { throw bad(`not YAML (${(e as Error).message.split('\n')[0]})`); }
  if (!Array.isArray(doc) || doc.length === 0) throw bad('not a list of fault entries');
  return doc.map((e, i) => {
    const n = typeof e === 'object' && e !== null ? faultName(e as Entry) : null;
    if (n === null) throw bad(`entry ${i} is not a fault with an instant`);
    return { name: n, entry: Object.fromEntries(Object.entries(e as Entry).filter(([k]) => k !== 'at')) };
  });
}

const readText = (f: string): string => readFileSync(f, 'utf8');

/** An instant as a scenario writes it, to the millisecond (a run's instants are whole nanoseconds). */
export const instantText = (seconds: number): string => `${+seconds.toFixed(3)} s`;

/** The one setting that puts `c` at `seconds` beside the scenario's other faults. */
export function faultSetting(kept: readonly Entry[], c: FaultCase | null, seconds: number): Setting {
  const value = c === null ? [...kept] : [...kept, { at: instantText(seconds), ...c.entry }];
  return { path: ['faults'], text: `faults=${flowYaml(value)}`, value };
}

/** A value on one line, as --set reads it back (YAML flow style). */
function flowYaml(v: unknown): string {
  return stringify(v, { collectionStyle: 'flow', lineWidth: 0 }).trim();
}

/** The `backlab run` line that replays one run: the same settings, the same seed, the same trace hash. */
export function replayCommand(file: string, variant: string | undefined, sets: readonly Setting[], seed: number): string {
  return ['backlab run', shellQuote(file), ...(variant !== undefined ? ['--variant', shellQuote(variant)] : []),
    ...sets.map((s) => `--set ${shellQuote(s.text)}`), `--seed ${seed}`].join(' ');
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
