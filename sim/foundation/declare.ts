/**
 * One declaration per config section. A section is declared once, as fields
 * built here; from that one declaration come
 *
 * - its JSON Schema (`field.schema`), whose descriptions end with the default
 *   and say when a default is an assumption (UNSOURCED);
 * - its TypeScript type, inferred (`Resolved<typeof decl>`), never written again;
 * - its resolved value (`resolveField`): units parsed, defaults filled in,
 *   bounds checked, every problem reported at its field path;
 * - its rows in the generated README tables (`docRows`): default, unit, source.
 *
 * A default lives here, in the field, with its unit and its published source
 * or an UNSOURCED reason; nothing else may restate it. Why not TypeBox (which
 * builds JSON Schema with static types): its static type is the *written*
 * value ("64 MB"), while the code needs the *resolved* one (bytes), and it
 * knows nothing of units, defaults with sources or doc rows, which are most
 * of what a section states. This file is that missing two-thirds, and ajv
 * still validates the schema it emits.
 */
import { formatPath, type Path } from './path.ts';
import { parseDuration, parseRate, parseSize } from './units.ts';
import { spreadAt, spreadText, type Bounds, type ResolvedSpread, type Spread } from './spread.ts';

export type { Bounds, ResolvedSpread, Spread } from './spread.ts';

/** Where a problem is reported: throws an error naming the file, line and field path. */
export interface FieldContext {
  fail(path: Path, expected: string): never;
}

/** One row of a generated parameter table. */
export interface DocRow {
  /** as written in a scenario, e.g. `libraries.*.drives.*.buffer` */
  name: string;
  default: string;
  unit: string;
  /** a published source, or `UNSOURCED: why` */
  source: string;
}

/**
 * A declared field: what it looks like written (`schema`), what it becomes
 * (`resolve`, typed R), and how the README tells it (`rows`).
 */
export interface Field<R> {
  readonly schema: object;
  /** `written` is undefined when the field is absent */
  resolve(written: unknown, at: Path, ctx: FieldContext): R;
  rows(name: string): DocRow[];
  /**
   * The figures under this field in a written document (already schema-valid),
   * `name` as in `rows`; `entry` is the written object the field is in, from
   * which a table-derived default is looked up (a drive's generation).
   */
  figures(written: unknown, at: Path, name: string, entry?: Record<string, unknown>): Assumption[];
  /** absent from the written object is allowed */
  readonly optional: boolean;
}

export type Resolved<F> = F extends Field<infer R> ? R : never;

/** How an assumption's value is written back (sensitivity varies the numeric ones). */
export type FigureKind = 'size' | 'rate' | 'duration' | 'number' | 'integer' | 'other';

/**
 * A number a run rests on: a declared field whose source is a published
 * figure or an assumption (`UNSOURCED: why`), not the scenario's own choice,
 * with the value this run gave it. Plain data: it travels in a RunResult.
 */
export interface Assumption {
  /** the field path: `topology.libraries.L.drives.d1.backhitch` */
  path: string;
  /** the declared name, entries as `*`, as the README rows: `libraries.*.drives.*.backhitch` */
  name: string;
  kind: FigureKind;
  /** resolved (bytes, bytes/s, ticks, a number, a choice); null when the section's code derives it from a published table */
  value: number | string | boolean | null;
  /** as written, or the declared default (for a derived one, how it is derived) */
  text: string;
  unit: string;
  /** the published source, or `UNSOURCED: why` */
  source: string;
  unsourced: boolean;
  /** written in the scenario (its file, a variant or --set) rather than left to the default */
  set: boolean;
  /** the published range of the figure around this value, resolved (a sourced figure is varied within it, not by ± a range) */
  spread?: ResolvedSpread;
  /** the values the field accepts: at least `min`, above `above`, at most `max` */
  bounds?: Bounds;
}


/**
 * A source that names the scenario's own choice (its topology, its
 * configuration, a name) rather than a figure: such a field is not an
 * assumption. Anything else, published or `UNSOURCED: why`, is one.
 */
const CHOICE = /^(configuration|scenario|topology|naming|time origin|a configuration choice|the circuit ordered|the library as built|the application'|the array'|the disk'|the issue|the patent|patented|counts up)/;
export const isChoice = (source: string): boolean => CHOICE.test(source);

/** What every leaf may say about itself. */
export interface Doc {
  description: string;
  /** where the default comes from: a spec sheet, a manual, or `UNSOURCED: why` */
  source?: string;
  /** the unit in the README's table, when not the kind's own */
  unit?: string;
  /**
   * A default the section's code derives from other fields (a drive's rate
   * from its generation): said in the schema and the README, while the field
   * resolves to undefined when absent, for that code to fill in.
   */
  defaultText?: string;
  /** the value of a `defaultText` default, looked up from the entry as written (the table the section's code reads), so the assumption has a number to vary */
  derive?: (entry: Record<string, unknown>) => number | undefined;
  /** the published range of the figure (sensitivity varies it there): see Spread */
  spread?: Spread;
}

/** A field's resolved type: T when it has a default or is required, else T | undefined. */
export type Given<O, T> = O extends { default: unknown } ? T : O extends { required: true } ? T : T | undefined;

const UNSOURCED = /^UNSOURCED\b/;

/** A description that ends with the default, and flags an assumption as such. */
function described(doc: Doc, dflt: string | undefined): string {
  const d = doc.description.replace(/\s+$/, '');
  if (dflt === undefined) return d;
  const flag = doc.source !== undefined && UNSOURCED.test(doc.source) ? ' (UNSOURCED)' : '';
  return `${d}${/[.!?]$/.test(d) ? '' : '.'} Default ${dflt}${flag}.`;
}

const REFUSE: FieldContext = { fail: (_at, expected) => { throw new Error(expected); } };


/** A leaf's one assumption, if its declaration makes it one: a default (or a derived one) from a figure, not a choice. */
function leafFigures<R>(doc: Doc, unit: string, given: string | undefined, kind: FigureKind, resolve: Field<R>['resolve'], bounds: Bounds): Field<R>['figures'] {
  const source = doc.source;
  const derived = given === undefined && doc.defaultText !== undefined && !/^none\b/.test(doc.defaultText);
  if (source === undefined || isChoice(source) || (given === undefined && !derived)) return () => [];
  return (written, at, name, entry) => {
    const set = written !== undefined;
    let value: unknown = null;
    try {
      if (set || !derived) value = resolve(written, at, REFUSE);
      else if (doc.derive !== undefined) value = doc.derive(entry ?? {}) ?? null;
    } catch {
      return [];
    }
    const text = set ? (typeof written === 'string' ? written : JSON.stringify(written)) : (given ?? doc.defaultText ?? '');
    const plain = typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' ? value : null;
    const a: Assumption = { path: formatPath(at), name, kind, value: plain, text, unit: doc.unit ?? unit, source, unsourced: UNSOURCED.test(source), set, bounds };
    if (doc.spread !== undefined && typeof plain === 'number') a.spread = spreadAt(doc.spread, plain, (w) => resolve(w, at, REFUSE));
    return [a];
  };
}

export function leaf<R>(schema: object, doc: Doc, unit: string, given: string | undefined, optional: boolean, resolve: Field<R>['resolve'], kind: FigureKind = 'other', bounds: Bounds = {}): Field<R> {
  const dflt = given ?? doc.defaultText;
  return {
    schema: { ...schema, description: described(doc, dflt) },
    resolve,
    optional,
    rows: (name) => [{ name, default: dflt ?? (optional ? 'none' : 'required'), unit: doc.unit ?? unit, source: (doc.source ?? 'configuration') + spreadText(doc.spread) }],
    figures: leafFigures(doc, unit, given, kind, resolve, bounds),
  };
}

// ---- quantities -------------------------------------------------------------

type QuantityKind = 'size' | 'rate' | 'duration';
const PARSE: Record<QuantityKind, (x: unknown) => number> = { size: parseSize, rate: parseRate, duration: parseDuration };
const UNIT: Record<QuantityKind, string> = { size: 'bytes', rate: 'bytes/s', duration: 's' };

export interface QuantityOptions extends Doc {
  /** as written, in the file's own units: "64 MB", "2 s" */
  default?: string;
  /** more than 0 (most rates and sizes); else at least 0 */
  positive?: boolean;
  /** a size that is a unit of transfer (a transaction, a block): a whole number of bytes, as devices move them */
  whole?: boolean;
}

/** Parses a written quantity, reporting a bad one at its path. */
export function parseQuantity(kind: QuantityKind, written: unknown, at: Path, ctx: FieldContext): number {
  let v: number;
  try {
    v = PARSE[kind](written);
  } catch (e) {
    return ctx.fail(at, (e as Error).message);
  }
  return v;
}

function quantity<O extends QuantityOptions & { required?: boolean }>(kind: QuantityKind, o: O): Field<Given<O, number>> {
  const dflt = o.default === undefined ? undefined : PARSE[kind](o.default);
  return leaf<Given<O, number>>({ $ref: `#/definitions/${kind}` }, o, UNIT[kind], o.default, o.required !== true, (w, at, ctx) => {
    if (w === undefined) {
      if (o.required === true) ctx.fail(at, `a ${kind} is required here`);
      return dflt as Given<O, number>;
    }
    const v = parseQuantity(kind, w, at, ctx);
    if (o.positive === true && !(v > 0)) ctx.fail(at, `expected a ${kind} above zero, got ${JSON.stringify(w)}`);
    if (o.whole === true && !Number.isInteger(v)) ctx.fail(at, `expected a whole number of bytes, got ${JSON.stringify(w)} = ${v} B; write "${Math.max(1, Math.round(v))} B"`);
    return v as Given<O, number>;
  }, kind, o.positive === true ? { above: 0 } : { min: 0 });
}

/** Bytes: "50 GB", "1 GiB". */
export const size = <O extends QuantityOptions & { required?: boolean }>(o: O) => quantity('size', o);
/** Bytes per second: "10 Gb/s", "800 MB/s". */
export const rate = <O extends QuantityOptions & { required?: boolean }>(o: O) => quantity('rate', o);
/** Ticks (ns): "40 ms", "2 h". */
export const duration = <O extends QuantityOptions & { required?: boolean }>(o: O) => quantity('duration', o);

// ---- plain values -----------------------------------------------------------

export interface NumberOptions extends Doc {
  default?: number;
  required?: boolean;
  integer?: boolean;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
}

/** A plain number (cores, a ratio, a count). */
export function number<O extends NumberOptions>(o: O): Field<Given<O, number>> {
  const schema: Record<string, unknown> = { type: o.integer ? 'integer' : 'number' };
  if (o.minimum !== undefined) schema.minimum = o.minimum;
  if (o.exclusiveMinimum !== undefined) schema.exclusiveMinimum = o.exclusiveMinimum;
  if (o.maximum !== undefined) schema.maximum = o.maximum;
  return leaf<Given<O, number>>(schema, o, '', o.default === undefined ? undefined : String(o.default), o.required !== true, (w, at, ctx) => {
    if (w === undefined) {
      if (o.required === true) ctx.fail(at, 'a number is required here');
      return o.default as Given<O, number>;
    }
    return w as Given<O, number>;
  }, o.integer ? 'integer' : 'number', { min: o.minimum, above: o.exclusiveMinimum, max: o.maximum });
}

/** A whole number. */
export const integer = <O extends Omit<NumberOptions, 'integer'>>(o: O) => number({ ...o, integer: true } as O & { integer: true });

export interface ChoiceOptions<T extends string | number> extends Doc {
  default?: T;
  required?: boolean;
}

/** One of a fixed set of values: `inflight: pause | fail`. */
export function oneOf<const T extends string | number, O extends ChoiceOptions<T>>(values: readonly T[], o: O): Field<Given<O, T>> {
  return leaf<Given<O, T>>({ enum: [...values] }, o, o.unit ?? '', o.default === undefined ? undefined : String(o.default), o.required !== true, (w, at, ctx) => {
    if (w === undefined) {
      if (o.required === true) ctx.fail(at, `one of ${values.join(', ')} is required here`);
      return o.default as Given<O, T>;
    }
    return w as Given<O, T>;
  });
}

export interface TextOptions extends Doc {
  default?: string;
  required?: boolean;
  /** a regular expression the text must match (JSON Schema `pattern`) */
  pattern?: string;
}

/** Free text (a description, a clock such as "3.5 GHz" given a pattern). */
export function text<O extends TextOptions>(o: O): Field<Given<O, string>> {
  const schema: Record<string, unknown> = { type: 'string' };
  if (o.pattern !== undefined) schema.pattern = o.pattern;
  return leaf<Given<O, string>>(schema, o, '', o.default, o.required !== true, (w, at, ctx) => {
    if (w === undefined) {
      if (o.required === true) ctx.fail(at, 'a text is required here');
      return o.default as Given<O, string>;
    }
    return w as Given<O, string>;
  });
}

export interface FlagOptions extends Doc {
  default?: boolean;
}

/** true or false. */
export function flag<O extends FlagOptions>(o: O): Field<Given<O, boolean>> {
  return leaf<Given<O, boolean>>({ type: 'boolean' }, o, '', o.default === undefined ? undefined : String(o.default), true, (w) => (w === undefined ? o.default : w) as Given<O, boolean>);
}

/** A name of something the scenario defines (checked against what exists by the section's own code). */
export function name<O extends TextOptions>(o: O): Field<Given<O, string>> {
  return leaf<Given<O, string>>({ $ref: '#/definitions/name' }, o, 'name', o.default, o.required !== true, (w, at, ctx) => {
    if (w === undefined) {
      if (o.required === true) ctx.fail(at, 'a name is required here');
      return o.default as Given<O, string>;
    }
    return w as Given<O, string>;
  });
}

// ---- structure --------------------------------------------------------------

export type Fields = Record<string, Field<unknown>>;
export type ResolvedFields<F extends Fields> = { [K in keyof F]: Resolved<F[K]> };

export interface ObjectOptions {
  description?: string;
  /** absent is an error (else an absent object resolves from its fields' defaults) */
  required?: boolean;
}

/** An object of declared fields; unknown fields are refused by the schema. */
export function object<F extends Fields>(fields: F, o: ObjectOptions = {}): Field<ResolvedFields<F>> & { readonly fields: F } {
  // Taken once: resolve runs per entry, and a scenario of 100,000 links made as many arrays of pairs.
  const entries = Object.entries(fields);
  const required = entries.filter(([, f]) => !f.optional).map(([k]) => k);
  const schema: Record<string, unknown> = {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.schema])),
  };
  if (o.description !== undefined) schema.description = o.description;
  if (required.length > 0) schema.required = required;
  return {
    fields,
    schema,
    optional: o.required !== true && required.length === 0,
    resolve(w, at, ctx) {
      if (w === undefined && o.required === true) ctx.fail(at, 'this section is required here');
      const given = (w ?? {}) as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [k, f] of entries) out[k] = f.resolve(given[k], [...at, k], ctx);
      return out as ResolvedFields<F>;
    },
    rows: (prefix) => Object.entries(fields).flatMap(([k, f]) => f.rows(prefix === '' ? k : `${prefix}.${k}`)),
    figures: (w, at, name) => {
      const given = (w ?? {}) as Record<string, unknown>;
      return entries.flatMap(([k, f]) => f.figures(given[k], [...at, k], name === '' ? k : `${name}.${k}`, given));
    },
  };
}

/**
 * Entries by name (`drives: { d1: {...}, d2: {...} }`), resolved to a list in
 * the order written, each with its `name`.
 */
export function named<R extends object>(entry: Field<R>, o: { description: string; minEntries?: number; required?: boolean }): Field<(R & { name: string })[]> {
  const schema: Record<string, unknown> = { type: 'object', description: o.description, propertyNames: { $ref: '#/definitions/name' }, additionalProperties: entry.schema };
  if (o.minEntries !== undefined) schema.minProperties = o.minEntries;
  return {
    schema,
    optional: o.required !== true,
    resolve(w, at, ctx) {
      if (w === undefined && o.required === true) ctx.fail(at, 'this section is required here');
      return Object.entries((w ?? {}) as Record<string, unknown>).map(([n, v]) => ({ name: n, ...entry.resolve(v, [...at, n], ctx) }));
    },
    rows: (prefix) => entry.rows(`${prefix}.*`),
    figures: (w, at, name) => Object.entries((w ?? {}) as Record<string, unknown>).flatMap(([n, v]) => entry.figures(v, [...at, n], `${name}.*`)),
  };
}

/** A list of items. */
export function list<R>(item: Field<R>, o: { description: string; minItems?: number; maxItems?: number; required?: boolean }): Field<R[]> {
  const schema: Record<string, unknown> = { type: 'array', description: o.description, items: item.schema };
  if (o.minItems !== undefined) schema.minItems = o.minItems;
  if (o.maxItems !== undefined) schema.maxItems = o.maxItems;
  return {
    schema,
    optional: o.required !== true,
    resolve(w, at, ctx) {
      if (w === undefined && o.required === true) ctx.fail(at, 'a list is required here');
      return ((w ?? []) as unknown[]).map((v, i) => item.resolve(v, [...at, i], ctx));
    },
    rows: (prefix) => item.rows(`${prefix}[]`),
    figures: (w, at, name) => ((w ?? []) as unknown[]).flatMap((v, i) => item.figures(v, [...at, i], `${name}[]`)),
  };
}

/** The README rows of a declaration, its fields named under `prefix` (e.g. `libraries.*`). */
export const docRows = (f: Field<unknown>, prefix: string): DocRow[] => f.rows(prefix);

/** Resolves a written value against its declaration. */
export const resolveField = <R>(f: Field<R>, written: unknown, at: Path, ctx: FieldContext): R => f.resolve(written, at, ctx);
