/**
 * One declaration per config section. A section is declared once, as fields
 * built here; from that one declaration come
 *
 * - its JSON Schema (`schemaOf`), whose descriptions end with the default
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
import type { Path } from './path.ts';
import { parseDuration, parseRate, parseSize } from './units.ts';

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
  /** absent from the written object is allowed */
  readonly optional: boolean;
}

export type Resolved<F> = F extends Field<infer R> ? R : never;

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
}

const UNSOURCED = /^UNSOURCED\b/;

/** A description that ends with the default, and flags an assumption as such. */
function described(doc: Doc, dflt: string | undefined): string {
  const d = doc.description.replace(/\s+$/, '');
  if (dflt === undefined) return d;
  const flag = doc.source !== undefined && UNSOURCED.test(doc.source) ? ' (UNSOURCED)' : '';
  return `${d}${/[.!?]$/.test(d) ? '' : '.'} Default ${dflt}${flag}.`;
}

function leaf<R>(schema: object, doc: Doc, unit: string, given: string | undefined, optional: boolean, resolve: Field<R>['resolve']): Field<R> {
  const dflt = given ?? doc.defaultText;
  return {
    schema: { ...schema, description: described(doc, dflt) },
    resolve,
    optional,
    rows: (name) => [{ name, default: dflt ?? (optional ? 'none' : 'required'), unit: doc.unit ?? unit, source: doc.source ?? 'configuration' }],
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

type Q<O> = O extends { default: string } ? number : O extends { required: true } ? number : number | undefined;

function quantity<O extends QuantityOptions & { required?: boolean }>(kind: QuantityKind, o: O): Field<Q<O>> {
  const dflt = o.default === undefined ? undefined : PARSE[kind](o.default);
  return leaf<Q<O>>({ $ref: `#/definitions/${kind}` }, o, UNIT[kind], o.default, o.required !== true, (w, at, ctx) => {
    if (w === undefined) {
      if (o.required === true) ctx.fail(at, `a ${kind} is required here`);
      return dflt as Q<O>;
    }
    const v = parseQuantity(kind, w, at, ctx);
    if (o.positive === true && !(v > 0)) ctx.fail(at, `expected a ${kind} above zero, got ${JSON.stringify(w)}`);
    return v as Q<O>;
  });
}

/** Bytes: "50 GB", "1 GiB". */
export const size = <O extends QuantityOptions & { required?: boolean }>(o: O) => quantity('size', o);
/** Bytes per second: "10 Gb/s", "800 MB/s". */
export const rate = <O extends QuantityOptions & { required?: boolean }>(o: O) => quantity('rate', o);
/** Ticks (ns): "40 ms", "2 h". */
export const duration = <O extends QuantityOptions & { required?: boolean }>(o: O) => quantity('duration', o);

// ---- plain values -----------------------------------------------------------

type V<O, T> = O extends { default: T } ? T : O extends { required: true } ? T : T | undefined;

export interface NumberOptions extends Doc {
  default?: number;
  required?: boolean;
  integer?: boolean;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
}

/** A plain number (cores, a ratio, a count). */
export function number<O extends NumberOptions>(o: O): Field<V<O, number>> {
  const schema: Record<string, unknown> = { type: o.integer ? 'integer' : 'number' };
  if (o.minimum !== undefined) schema.minimum = o.minimum;
  if (o.exclusiveMinimum !== undefined) schema.exclusiveMinimum = o.exclusiveMinimum;
  if (o.maximum !== undefined) schema.maximum = o.maximum;
  return leaf<V<O, number>>(schema, o, '', o.default === undefined ? undefined : String(o.default), o.required !== true, (w, at, ctx) => {
    if (w === undefined) {
      if (o.required === true) ctx.fail(at, 'a number is required here');
      return o.default as V<O, number>;
    }
    return w as V<O, number>;
  });
}

/** A whole number. */
export const integer = <O extends Omit<NumberOptions, 'integer'>>(o: O) => number({ ...o, integer: true } as O & { integer: true });

export interface ChoiceOptions<T extends string | number> extends Doc {
  default?: T;
  required?: boolean;
}

/** One of a fixed set of values: `inflight: pause | fail`. */
export function oneOf<const T extends string | number, O extends ChoiceOptions<T>>(values: readonly T[], o: O): Field<V<O, T>> {
  return leaf<V<O, T>>({ enum: [...values] }, o, o.unit ?? '', o.default === undefined ? undefined : String(o.default), o.required !== true, (w, at, ctx) => {
    if (w === undefined) {
      if (o.required === true) ctx.fail(at, `one of ${values.join(', ')} is required here`);
      return o.default as V<O, T>;
    }
    return w as V<O, T>;
  });
}

export interface TextOptions extends Doc {
  default?: string;
  required?: boolean;
  /** a regular expression the text must match (JSON Schema `pattern`) */
  pattern?: string;
}

/** Free text (a description, a clock such as "3.5 GHz" given a pattern). */
export function text<O extends TextOptions>(o: O): Field<V<O, string>> {
  const schema: Record<string, unknown> = { type: 'string' };
  if (o.pattern !== undefined) schema.pattern = o.pattern;
  return leaf<V<O, string>>(schema, o, '', o.default, o.required !== true, (w, at, ctx) => {
    if (w === undefined) {
      if (o.required === true) ctx.fail(at, 'a text is required here');
      return o.default as V<O, string>;
    }
    return w as V<O, string>;
  });
}

export interface FlagOptions extends Doc {
  default?: boolean;
}

/** true or false. */
export function flag<O extends FlagOptions>(o: O): Field<V<O, boolean>> {
  return leaf<V<O, boolean>>({ type: 'boolean' }, o, '', o.default === undefined ? undefined : String(o.default), true, (w) => (w === undefined ? o.default : w) as V<O, boolean>);
}

/** A name of something the scenario defines (checked against what exists by the section's own code). */
export function name<O extends TextOptions>(o: O): Field<V<O, string>> {
  return leaf<V<O, string>>({ $ref: '#/definitions/name' }, o, 'name', o.default, o.required !== true, (w, at, ctx) => {
    if (w === undefined) {
      if (o.required === true) ctx.fail(at, 'a name is required here');
      return o.default as V<O, string>;
    }
    return w as V<O, string>;
  });
}

// ---- structure --------------------------------------------------------------

type Fields = Record<string, Field<unknown>>;
export type ResolvedFields<F extends Fields> = { [K in keyof F]: Resolved<F[K]> };

export interface ObjectOptions {
  description?: string;
  /** absent is an error (else an absent object resolves from its fields' defaults) */
  required?: boolean;
}

/** An object of declared fields; unknown fields are refused by the schema. */
export function object<F extends Fields>(fields: F, o: ObjectOptions = {}): Field<ResolvedFields<F>> & { readonly fields: F } {
  const required = Object.entries(fields).filter(([, f]) => !f.optional).map(([k]) => k);
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
      for (const [k, f] of Object.entries(fields)) out[k] = f.resolve(given[k], [...at, k], ctx);
      return out as ResolvedFields<F>;
    },
    rows: (prefix) => Object.entries(fields).flatMap(([k, f]) => f.rows(prefix === '' ? k : `${prefix}.${k}`)),
  };
}

/**
 * Entries by name (`drives: { d1: {...}, d2: {...} }`), resolved to a list in
 * the order written, each with its `name`.
 */
export function named<R extends object>(entry: Field<R>, o: { description: string; minEntries?: number }): Field<(R & { name: string })[]> {
  const schema: Record<string, unknown> = { type: 'object', description: o.description, propertyNames: { $ref: '#/definitions/name' }, additionalProperties: entry.schema };
  if (o.minEntries !== undefined) schema.minProperties = o.minEntries;
  return {
    schema,
    optional: (o.minEntries ?? 0) === 0,
    resolve(w, at, ctx) {
      return Object.entries((w ?? {}) as Record<string, unknown>).map(([n, v]) => ({ name: n, ...entry.resolve(v, [...at, n], ctx) }));
    },
    rows: (prefix) => entry.rows(`${prefix}.*`),
  };
}

/** A list of items. */
export function list<R>(item: Field<R>, o: { description: string; minItems?: number }): Field<R[]> {
  const schema: Record<string, unknown> = { type: 'array', description: o.description, items: item.schema };
  if (o.minItems !== undefined) schema.minItems = o.minItems;
  return {
    schema,
    optional: (o.minItems ?? 0) === 0,
    resolve: (w, at, ctx) => ((w ?? []) as unknown[]).map((v, i) => item.resolve(v, [...at, i], ctx)),
    rows: (prefix) => item.rows(`${prefix}[]`),
  };
}

/** The JSON Schema of a declaration. */
export const schemaOf = (f: Field<unknown>): object => f.schema;

/** The README rows of a declaration, its fields named under `prefix` (e.g. `libraries.*`). */
export const docRows = (f: Field<unknown>, prefix: string): DocRow[] => f.rows(prefix);

/** Resolves a written value against its declaration. */
export const resolveField = <R>(f: Field<R>, written: unknown, at: Path, ctx: FieldContext): R => f.resolve(written, at, ctx);

// ---- declare-p: optional objects, lists of plain text, maps, unions ---------

/** Resolved to T when a default is declared (in whatever form it is written) or the field is required. */
type WithDefault<O, T> = O extends { default: unknown } ? T : O extends { required: true } ? T : T | undefined;

/**
 * A field that may be absent as a whole even when its own fields are
 * required once it is written (`backup: { clients, data }`): absent, it
 * resolves to undefined and its section's code decides what that means.
 */
export function optional<R>(f: Field<R>): Field<R | undefined> {
  return { schema: f.schema, optional: true, resolve: (w, at, ctx) => (w === undefined ? undefined : f.resolve(w, at, ctx)), rows: f.rows };
}

export interface TextListOptions extends Doc {
  /** as written; an empty list is told as `none` */
  default?: readonly string[];
  required?: boolean;
  minItems?: number;
}

/** A list of plain strings (link names, disk names) told as one row. */
export function textList<O extends TextListOptions>(o: O): Field<WithDefault<O, string[]>> {
  const schema: Record<string, unknown> = { type: 'array', items: { type: 'string' } };
  if (o.minItems !== undefined) schema.minItems = o.minItems;
  const dflt = o.default === undefined ? undefined : o.default.length === 0 ? 'none' : o.default.join(', ');
  return leaf<WithDefault<O, string[]>>(schema, o, o.unit ?? 'names', dflt, o.required !== true, (w, at, ctx) => {
    if (w === undefined) {
      if (o.required === true) ctx.fail(at, 'a list is required here');
      return (o.default === undefined ? undefined : [...o.default]) as WithDefault<O, string[]>;
    }
    return [...(w as string[])] as WithDefault<O, string[]>;
  });
}

export interface MapOptions {
  description: string;
  /** keys must be usable names (`#/definitions/name`); else any string (e.g. LIBRARY/DRIVE) */
  names?: boolean;
  required?: boolean;
}

/** Values by key (`drivePorts: { L/d1: p1 }`), resolved to a record of the values resolved (each written, so never undefined). */
export function map<R, O extends MapOptions>(entry: Field<R>, o: O): Field<WithDefault<O, Record<string, Exclude<R, undefined>>>> {
  const schema = {
    type: 'object',
    description: o.description,
    propertyNames: o.names === true ? { $ref: '#/definitions/name' } : { type: 'string' },
    additionalProperties: entry.schema,
  };
  return {
    schema,
    optional: o.required !== true,
    resolve(w, at, ctx) {
      if (w === undefined) {
        if (o.required === true) ctx.fail(at, 'a map is required here');
        return undefined as WithDefault<O, Record<string, Exclude<R, undefined>>>;
      }
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(w as Record<string, unknown>)) out[k] = entry.resolve(v, [...at, k], ctx);
      return out as WithDefault<O, Record<string, Exclude<R, undefined>>>;
    },
    rows: (prefix) => entry.rows(`${prefix}.*`),
  };
}

/** One way of writing a field of several: the fields it may be written as, and how to tell it apart. */
export interface Branch<R> {
  /** true when the written value is of this branch (it has passed the schema already) */
  when(written: unknown): boolean;
  field: Field<R>;
}

export interface EitherOptions extends Doc {
  /** JSON Schema keyword: oneOf (exactly one branch matches) or anyOf */
  keyword?: 'oneOf' | 'anyOf';
  /** as written, resolved through its branch when the field is absent */
  default?: string | number;
  required?: boolean;
}

/** A branch resolves only a written value, so its own absent case (undefined) is not among the results. */
type EitherOf<B extends readonly Branch<unknown>[]> = B[number] extends Branch<infer R> ? Exclude<R, undefined> : never;

/**
 * A field written in one of several ways (`clients: [p1, p2]` or `clients: 4`),
 * told in the README as one row; it resolves through the first branch whose
 * `when` accepts the written value.
 */
export function either<const B extends readonly Branch<unknown>[], O extends EitherOptions>(branches: B, o: O): Field<WithDefault<O, EitherOf<B>>> {
  const resolveBranch = (w: unknown, at: Path, ctx: FieldContext): EitherOf<B> => {
    const b = branches.find((x) => x.when(w));
    if (b === undefined) return ctx.fail(at, `unexpected ${JSON.stringify(w)}`);
    return b.field.resolve(w, at, ctx) as EitherOf<B>;
  };
  const schema = { [o.keyword ?? 'oneOf']: branches.map((b) => b.field.schema) };
  return leaf<WithDefault<O, EitherOf<B>>>(schema, o, o.unit ?? '', o.default === undefined ? undefined : String(o.default), o.required !== true, (w, at, ctx) => {
    if (w === undefined) {
      if (o.required === true) ctx.fail(at, 'a value is required here');
      return (o.default === undefined ? undefined : resolveBranch(o.default, at, ctx)) as WithDefault<O, EitherOf<B>>;
    }
    return resolveBranch(w, at, ctx) as WithDefault<O, EitherOf<B>>;
  });
}
