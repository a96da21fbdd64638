/**
 * Job steps: the commands a scenario's workload may script, the built-in ones
 * and those of every equipment family, and how a step written in a scenario
 * becomes a plain command (units resolved, names checked).
 */
import type { Path } from '../foundation/path.ts';
import type { Names } from '../model/family.ts';
import type { OpSpec, ParamSpec } from '../foundation/op-spec.ts';
import { FAMILIES } from '../registry.ts';
import { duration, rate, size } from '../foundation/declare.ts';

import { parseDuration, parseRate, parseSize } from '../foundation/units.ts';

export interface BuiltinOp extends OpSpec {
  /** a step may give this one parameter bare: `sleep: 5 s` */
  short?: string;
}

export const BUILTIN_OPS: Record<string, BuiltinOp> = {
  sleep: {
    description: 'Wait this long.',
    short: 'duration',
    params: { duration: { kind: 'duration', required: true, description: 'how long' } },
  },
  mark: {
    description: 'Write a labelled instant into the trace.',
    short: 'label',
    params: { label: { kind: 'string', required: true, description: 'what happened' } },
  },
  transfer: {
    description: 'Move bytes over a route of links, at the max-min fair share.',
    params: {
      route: { kind: 'names', ref: 'link', required: true, description: 'links crossed, in order' },
      bytes: { kind: 'size', required: true, description: 'how much' },
      cap: { kind: 'rate', description: 'the most this transfer may take' },
    },
  },
};

/** Every op a step may name, built-in first. */
export function allOps(): Record<string, BuiltinOp> {
  const ops: Record<string, BuiltinOp> = { ...BUILTIN_OPS };
  for (const f of FAMILIES) Object.assign(ops, f.ops);
  return ops;
}

/** A step as written (already schema-valid) to a command: units resolved, names checked. */
export function resolveStep(step: Record<string, unknown>, names: Names, path: Path, fail: (path: Path, e: string) => never): Record<string, unknown> & { op: string } {
  const [op, raw] = Object.entries(step)[0];
  const spec = allOps()[op];
  const given = spec.short !== undefined && (typeof raw !== 'object' || raw === null) ? { [spec.short]: raw } : (raw as Record<string, unknown>);
  const cmd: Record<string, unknown> & { op: string } = { op };
  for (const [param, p] of Object.entries(spec.params)) {
    const v = given[param];
    if (v === undefined) continue;
    const at: Path = spec.short === param && given !== raw ? [...path, op] : [...path, op, param];
    cmd[param] = resolveParam(v, p, names, at, fail);
  }
  return cmd;
}

/** A step's size written `data`: the bytes of its scheduled job's occurrence, filled in per occurrence (sim/scenario/job-backups.ts). */
export const DATA_BYTES = 'data';

function resolveParam(v: unknown, p: ParamSpec, names: Names, at: Path, fail: (path: Path, e: string) => never): unknown {
  const named = (n: string, where: Path): string => {
    if (p.ref !== undefined && !names.has(p.ref, n)) {
      const known = names.list(p.ref);
      fail(where, `no ${p.ref} named '${n}'${known.length ? `; ${p.ref}s are: ${known.join(', ')}` : `: this scenario has no ${p.ref}s`}`);
    }
    return n;
  };
  switch (p.kind) {
    case 'size': return v === DATA_BYTES ? v : parseSize(v);
    case 'rate': return parseRate(v);
    case 'duration': return parseDuration(v);
    case 'name': return named(v as string, at);
    case 'names': return (v as string[]).map((n, i) => named(n, [...at, i]));
    default: return v;
  }
}

/** The JSON Schema of one parameter. */
export function paramSchema(p: ParamSpec): object {
  const base = { description: p.description };
  switch (p.kind) {
    case 'size': return { anyOf: [size({ description: p.description }).schema, { const: DATA_BYTES, description: "a scheduled job's occurrence: the bytes its backup level moves of the job's data" }], description: p.description };
    case 'rate': case 'duration': return { rate, duration }[p.kind]({ description: p.description }).schema;
    case 'name': return { type: 'string', ...base };
    case 'names': return { type: 'array', items: { type: 'string' }, minItems: 1, ...base };
    default: return { type: p.kind, ...base };
  }
}

/** The JSON Schema of one step for an op: its parameters as an object, or the bare short parameter. */
export function stepSchema(spec: BuiltinOp): object {
  if (spec.short !== undefined) return { ...paramSchema(spec.params[spec.short]), description: spec.description };
  return {
    type: 'object',
    description: spec.description,
    additionalProperties: false,
    required: Object.entries(spec.params).filter(([, p]) => p.required).map(([n]) => n),
    properties: Object.fromEntries(Object.entries(spec.params).map(([n, p]) => [n, paramSchema(p)])),
  };
}
