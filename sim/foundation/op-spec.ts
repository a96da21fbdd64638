/**
 * A job-step command's declaration as plain data: what it does and its
 * parameters, each with how a scenario writes it. The job-step JSON Schema,
 * the README's command rows, a step's resolution and the command's TypeScript
 * arguments (`ArgsOf`) all come from it.
 */

/** How a command parameter is written in a scenario and what it becomes. */
export type ParamKind =
  | 'size' // "50 GB" -> bytes
  | 'rate' // "10 Gb/s" -> bytes/s
  | 'duration' // "40 ms" -> ticks
  | 'name' // a name the topology defines (see ParamSpec.ref)
  | 'names' // a list of such names
  | 'number'
  | 'integer'
  | 'string'
  | 'boolean';

export interface ParamSpec {
  kind: ParamKind;
  required?: boolean;
  /** for name/names: the kind of thing named, e.g. 'link', 'host', 'drive' */
  ref?: string;
  description: string;
}

export interface OpSpec {
  description: string;
  params: Record<string, ParamSpec>;
}

/** What a parameter of each kind is once resolved (units parsed, names checked). */
interface KindValue {
  size: number;
  rate: number;
  duration: number;
  name: string;
  names: readonly string[];
  number: number;
  integer: number;
  string: string;
  boolean: boolean;
}

type RequiredKeys<P> = { [K in keyof P]: P[K] extends { required: true } ? K : never }[keyof P];
type Value<S> = S extends { kind: infer T extends ParamKind } ? KindValue[T] : never;

/** A command's arguments as its parameters declare them: `required: true` keys required, the rest optional. */
export type ArgsOf<P extends Record<string, ParamSpec>> = {
  -readonly [K in RequiredKeys<P>]: Value<P[K]>;
} & {
  -readonly [K in Exclude<keyof P, RequiredKeys<P>>]?: Value<P[K]>;
};
