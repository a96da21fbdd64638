/** A small argument reader: the backlab commands' flags, with errors a user can act on. */
import { MAX_WORKERS } from '../engine/remote.ts';
import { DEFAULT_MAX_EVENTS } from '../scenario/event-ceiling.ts';

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface FlagSpec {
  /** takes a value (`--seed 7`), or is a switch (`--trace`) */
  value: boolean;
  /** may be given more than once (`--set a=1 --set b=2`) */
  many?: boolean;
}

/** The limits every command that reads and runs a scenario lets a user raise. */
export const LIMIT_FLAGS: Record<string, FlagSpec> = { 'max-events': { value: true }, 'max-file-size': { value: true } };

export const LIMIT_HELP = `  --max-events N        stop a run past N events (default ${DEFAULT_MAX_EVENTS.toLocaleString('en-US')}), exit 2
  --max-file-size SIZE  refuse scenario files larger than this (default 16 MB)`;

/** --max-events N, or the default ceiling. */
export function maxEventsFlag(p: Parsed, command: string): number {
  return intFlag(p, 'max-events', command, 1) ?? DEFAULT_MAX_EVENTS;
}

export interface Parsed {
  positional: string[];
  flags: Map<string, string[]>;
}

export function parseArgs(argv: string[], spec: Record<string, FlagSpec>, command: string): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--') || a === '--') { positional.push(a); continue; }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    // Own keys only: `--__proto__` or `--toString` must not find Object.prototype's.
    const s = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (s === undefined) throw new UsageError(`${command}: unknown option --${name}. Try 'backlab ${command} --help'.`);
    let v = 'true';
    if (s.value) {
      v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${command}: --${name} needs a value`);
    }
    const list = flags.get(name) ?? [];
    if (list.length > 0 && !s.many) throw new UsageError(`${command}: --${name} given twice`);
    list.push(v);
    flags.set(name, list);
  }
  return { positional, flags };
}

/** --workers N: how many worker threads the actors run in (0: in-process), as the scenario's `workers:` allows. */
export function workersFlag(p: Parsed, command: string): number | undefined {
  const n = intFlag(p, 'workers', command);
  if (n !== undefined && n > MAX_WORKERS) throw new UsageError(`${command}: --workers needs a whole number from 0 to ${MAX_WORKERS}, got '${n}'`);
  return n;
}

/** A whole number written in decimal digits: Number() would also take '' as 0, '0x10' as 16 and '1e3' as 1000. */
export function intFlag(p: Parsed, name: string, command: string, min = 0): number | undefined {
  const v = p.flags.get(name)?.[0];
  if (v === undefined) return undefined;
  const n = /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`${command}: --${name} needs a whole number >= ${min}, got '${v}'`);
  return n;
}
