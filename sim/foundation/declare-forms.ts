/**
 * The compound forms a declaration may need beyond the plain fields of
 * declare.ts: a part that may be absent as a whole, one that must be
 * written, text in a notation of its own, a field told by a published table,
 * pairs, maps, exactly one of several fields, a field written more than one
 * way. Each resolves, documents and emits its schema like any field.
 */
import type { Path } from './path.ts';
import { leaf, object, type Doc, type DocRow, type Field, type FieldContext, type Fields, type Given, type ObjectOptions, type Resolved, type TextOptions } from './declare.ts';

/**
 * A field that must be written although nothing in it is bounded
 * (`vms: {}` is fine, no `vms` at all is not): its object lists it as
 * required, and an absent one is refused at its path.
 */
export function mandatory<F extends Field<unknown>>(f: F): F {
  return {
    ...f,
    optional: false,
    resolve: (w: unknown, at: Path, ctx: FieldContext) => (w === undefined ? ctx.fail(at, 'this field is required here') : f.resolve(w, at, ctx)),
  };
}

/** A part that may be left out as a whole (a VIOS, a WAN circuit): absent, it resolves to undefined, not to its defaults. */
export function maybe<R>(field: Field<R>): Field<R | undefined> {
  return {
    schema: field.schema,
    optional: true,
    rows: field.rows,
    resolve: (w, at, ctx) => (w === undefined ? undefined : field.resolve(w, at, ctx)),
    // absent, the part is not there, so neither are its defaults
    figures: (w, at, name) => (w === undefined ? [] : field.figures(w, at, name)),
  };
}

export interface NotationOptions<T> extends TextOptions {
  /** examples for editors, as the schema shows them */
  examples?: string[];
  /** what a text stands for, or undefined when it is not written in this notation */
  parse(text: string): T | undefined;
  /** what to tell the user of a text that is not */
  refused(written: unknown): string;
}

/**
 * Text in a notation of its own, resolved to what it stands for ("3.5 GHz"
 * to Hz, "500 km" to km); a text the notation refuses is reported at its path.
 */
export function notation<T, O extends NotationOptions<T>>(o: O & NotationOptions<T>): Field<Given<O, T>> {
  const schema: Record<string, unknown> = { type: 'string' };
  if (o.pattern !== undefined) schema.pattern = o.pattern;
  if (o.examples !== undefined) schema.examples = o.examples;
  const dflt = o.default === undefined ? undefined : o.parse(o.default);
  if (o.default !== undefined && dflt === undefined) throw new Error(`declare: the default ${JSON.stringify(o.default)} is not in its own notation`);
  return leaf<Given<O, T>>(schema, o, o.unit ?? '', o.default, o.required !== true, (w, at, ctx) => {
    if (w === undefined) {
      if (o.required === true) ctx.fail(at, 'a value is required here');
      return dflt as Given<O, T>;
    }
    const v = typeof w === 'string' ? o.parse(w) : undefined;
    if (v === undefined) ctx.fail(at, o.refused(w));
    return v as Given<O, T>;
  });
}

/**
 * A field that indexes a published table (an Ethernet port type, a carrier, a
 * FC generation): the README gives each entry of the table a row of its own,
 * with its figure and its source, after the field's row.
 */
export function withRows<F extends Field<unknown>>(field: F, table: (name: string) => DocRow[]): F {
  return { ...field, rows: (name: string) => [...field.rows(name), ...table(name)] };
}

/** Exactly two items (the two ends of something). */
export function pair<R>(item: Field<R>, o: { description: string }): Field<[R, R]> {
  return {
    schema: { type: 'array', description: o.description, items: item.schema, minItems: 2, maxItems: 2 },
    optional: false,
    resolve: (w, at, ctx) => {
      if (w === undefined) ctx.fail(at, 'two items are required here');
      const [a, b] = w as unknown[];
      return [item.resolve(a, [...at, 0], ctx), item.resolve(b, [...at, 1], ctx)];
    },
    rows: (prefix) => item.rows(`${prefix}[]`),
    figures: (w, at, name) => ((w ?? []) as unknown[]).flatMap((v, i) => item.figures(v, [...at, i], `${name}[]`)),
  };
}

/** The resolved value of an object holding exactly one of the fields F: that one set, the others undefined. */
export type OneOf<F extends Fields> = { [K in keyof F]: { [P in K]: Resolved<F[P]> } & { [P in Exclude<keyof F, K>]?: undefined } }[keyof F];

/** An object that holds exactly one of its fields (a plex on a `disk` or on a `network`). */
export function exactlyOne<F extends Fields>(fields: F, o: ObjectOptions = {}): Field<OneOf<F>> {
  const inner = object(Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, maybe(f)])), o);
  return {
    schema: { ...inner.schema, minProperties: 1, maxProperties: 1 },
    optional: o.required !== true,
    rows: inner.rows,
    figures: inner.figures,
    resolve: (w, at, ctx) => inner.resolve(w, at, ctx) as OneOf<F>,
  };
}

export interface TextListOptions extends Doc {
  /** as written; an empty list is told as `none` */
  default?: readonly string[];
  required?: boolean;
  minItems?: number;
}

/** A list of plain strings (link names, disk names) told as one row. */
export function textList<O extends TextListOptions>(o: O): Field<Given<O, string[]>> {
  const schema: Record<string, unknown> = { type: 'array', items: { type: 'string' } };
  if (o.minItems !== undefined) schema.minItems = o.minItems;
  const dflt = o.default === undefined ? undefined : o.default.length === 0 ? 'none' : o.default.join(', ');
  return leaf<Given<O, string[]>>(schema, o, o.unit ?? 'names', dflt, o.required !== true, (w, at, ctx) => {
    if (w === undefined) {
      if (o.required === true) ctx.fail(at, 'a list is required here');
      return (o.default === undefined ? undefined : [...o.default]) as Given<O, string[]>;
    }
    return [...(w as string[])] as Given<O, string[]>;
  });
}

export interface MapOptions {
  description: string;
  /** keys must be usable names (`#/definitions/name`); else any string (e.g. LIBRARY/DRIVE) */
  names?: boolean;
  required?: boolean;
}

/** Values by key (`drivePorts: { L/d1: p1 }`), resolved to a record of the values resolved (each written, so never undefined). */
export function map<R, O extends MapOptions>(entry: Field<R>, o: O): Field<Given<O, Record<string, Exclude<R, undefined>>>> {
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
        return undefined as Given<O, Record<string, Exclude<R, undefined>>>;
      }
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(w as Record<string, unknown>)) out[k] = entry.resolve(v, [...at, k], ctx);
      return out as Given<O, Record<string, Exclude<R, undefined>>>;
    },
    rows: (prefix) => entry.rows(`${prefix}.*`),
    figures: (w, at, name) => Object.entries((w ?? {}) as Record<string, unknown>).flatMap(([k, v]) => entry.figures(v, [...at, k], `${name}.*`)),
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
export function either<const B extends readonly Branch<unknown>[], O extends EitherOptions>(branches: B, o: O): Field<Given<O, EitherOf<B>>> {
  const resolveBranch = (w: unknown, at: Path, ctx: FieldContext): EitherOf<B> => {
    const b = branches.find((x) => x.when(w));
    if (b === undefined) return ctx.fail(at, `unexpected ${JSON.stringify(w)}`);
    return b.field.resolve(w, at, ctx) as EitherOf<B>;
  };
  const schema = { [o.keyword ?? 'oneOf']: branches.map((b) => b.field.schema) };
  return leaf<Given<O, EitherOf<B>>>(schema, o, o.unit ?? '', o.default === undefined ? undefined : String(o.default), o.required !== true, (w, at, ctx) => {
    if (w === undefined) {
      if (o.required === true) ctx.fail(at, 'a value is required here');
      return (o.default === undefined ? undefined : resolveBranch(o.default, at, ctx)) as Given<O, EitherOf<B>>;
    }
    return resolveBranch(w, at, ctx) as Given<O, EitherOf<B>>;
  });
}
