/**
 * What `backlab size` varies and what it costs: each --vary is an axis of
 * settings ordered cheapest first (an integer range LO..HI, or a list the
 * user declares in that order), and a configuration's cost is either the
 * resources added above each axis's lowest value or, from a cost file, the
 * sum of price × value.
 */
import { parse as parseYaml } from 'yaml';
import { parseDuration, parseRate, parseSize } from '../foundation/units.ts';
import { parseSetting, type Setting } from '../scenario/overrides.ts';
import { UsageError } from './args.ts';

/** The most values one axis may have: a grid past this is a typo, not a question. */
const MAX_AXIS = 10_000;

export interface SizeAxis {
  path: string;
  /** each value as --set reads it, cheapest first */
  labels: string[];
  settings: Setting[];
  /** the value as a number, when it is one (an integer range); null in a list of quantities */
  numbers: (number | null)[];
}

/** `PATH=LO..HI` (whole numbers) or `PATH=[a, b, c]` (any values, cheapest first). */
export function parseVary(arg: string): SizeAxis {
  const eq = arg.indexOf('=');
  const hint = `write --vary PATH=LO..HI (e.g. protocol.mountLimit=1..16) or --vary 'PATH=[a, b, c]' cheapest first (e.g. 'topology.links.wan.bandwidth=[100 Mb/s, 1 Gb/s]')`;
  if (eq <= 0) throw new UsageError(`size: --vary '${arg}' has no PATH=; ${hint}`);
  const path = arg.slice(0, eq).trim();
  const raw = arg.slice(eq + 1).trim();
  const range = /^(-?\d+)\s*\.\.\s*(-?\d+)$/.exec(raw);
  let labels: string[];
  if (range !== null) {
    const [lo, hi] = [Number(range[1]), Number(range[2])];
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi)) throw new UsageError(`size: --vary ${arg}: ${raw} is not a range of whole numbers; ${hint}`);
    if (lo > hi) throw new UsageError(`size: --vary ${arg}: LO ${lo} is above HI ${hi}; write the smaller first (${path}=${hi}..${lo})`);
    if (hi - lo + 1 > MAX_AXIS) throw new UsageError(`size: --vary ${arg} has ${hi - lo + 1} values; at most ${MAX_AXIS} on one axis`);
    labels = Array.from({ length: hi - lo + 1 }, (_, i) => String(lo + i));
  } else if (raw.startsWith('[')) {
    let list: unknown;
    try { list = parseYaml(raw); } catch { list = undefined; }
    if (!Array.isArray(list) || list.length === 0) throw new UsageError(`size: --vary ${arg}: not a list of values; ${hint}`);
    labels = list.map((v) => (typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v)));
    const dup = labels.find((l, i) => labels.indexOf(l) !== i);
    if (dup !== undefined) throw new UsageError(`size: --vary ${arg} lists ${dup} twice`);
    if (labels.length > MAX_AXIS) throw new UsageError(`size: --vary ${arg} has ${labels.length} values; at most ${MAX_AXIS} on one axis`);
  } else {
    throw new UsageError(`size: --vary ${arg}: '${raw}' is neither LO..HI nor a list; ${hint}`);
  }
  const settings = labels.map((l) => {
    try { return parseSetting(`${path}=${l}`); } catch (e) { throw new UsageError(`size: --vary ${arg}: ${(e as Error).message}`); }
  });
  return { path, labels, settings, numbers: range === null ? labels.map(() => null) : labels.map(Number) };
}

/** A price per unit of an axis's value: a plain number for a count, or per a written quantity ("1 Mb/s"). */
export interface Price { price: number; per?: { text: string; value: number; read: (t: string) => number } }

/** The cost file: `{ PATH: price }` or `{ PATH: { price: N, per: '1 Mb/s' } }`, one entry per --vary PATH. */
export function parseCostFile(file: string, text: string, axes: readonly SizeAxis[]): Price[] {
  const bad = (why: string) => new UsageError(`size: --cost ${file}: ${why}; write one line per --vary PATH, e.g. "protocol.mountLimit: 12000" or "topology.links.wan.bandwidth: { price: 5, per: 1 Mb/s }"`);
  let doc: unknown;
  try { doc = parseYaml(text); } catch (e) { throw bad(`not YAML (${(e as Error).message.split('\n')[0]})`); }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw bad('not a map of PATH: price');
  const entries = doc as Record<string, unknown>;
  for (const k of Object.keys(entries)) if (!axes.some((a) => a.path === k)) throw bad(`${k} is not a --vary PATH (they are ${axes.map((a) => a.path).join(', ')})`);
  return axes.map((a) => {
    const e = Object.hasOwn(entries, a.path) ? entries[a.path] : undefined;
    if (e === undefined) throw bad(`no price for ${a.path}`);
    if (typeof e === 'number' && Number.isFinite(e) && e >= 0) {
      if (a.numbers.some((n) => n === null)) throw bad(`${a.path} lists quantities, so its price needs a unit: { price: N, per: '1 Mb/s' }`);
      return { price: e };
    }
    const o = e as { price?: unknown; per?: unknown };
    if (typeof o !== 'object' || o === null || typeof o.price !== 'number' || !(o.price >= 0) || typeof o.per !== 'string') throw bad(`${a.path}: expected a price >= 0 or { price: N, per: QUANTITY }`);
    const read = readerOf(o.per);
    if (read === null) throw bad(`${a.path}: per '${o.per}' is not a rate, size or duration`);
    for (const l of a.labels) if (!(read(l) >= 0)) throw bad(`${a.path}: the value ${l} is not a quantity of the kind of '${o.per}'`);
    return { price: o.price, per: { text: o.per, value: read(o.per), read } };
  });
}

function readerOf(text: string): ((t: string) => number) | null {
  for (const read of [parseRate, parseSize, parseDuration]) {
    try { read(text); return (t: string) => { try { return read(t); } catch { return NaN; } }; } catch { /* the next kind */ }
  }
  return null;
}

/** A configuration's cost: per axis, price × value from a cost file, else the count of steps above its lowest value. */
export function costOf(point: readonly number[], axes: readonly SizeAxis[], prices: readonly Price[] | null): number {
  return point.reduce((sum, i, a) => {
    if (prices === null) return sum + i;
    const p = prices[a];
    const v = p.per === undefined ? axes[a].numbers[i]! : p.per.read(axes[a].labels[i]) / p.per.value;
    return sum + p.price * v;
  }, 0);
}
