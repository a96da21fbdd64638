/**
 * A job-step command, declared once: its op, its parameters (the OpSpec the
 * job-step schema, the README rows and step resolution read) and, inferred
 * from them, its arguments. `stepCommand('tape.write', spec).returns<TapeWritten>()`
 * gives the same constructor `command()` does, carrying `.spec`; a family's
 * `ops` table is `opsOf([...])` of its step commands.
 */
import type { ArgsOf, OpSpec, ParamSpec } from '../foundation/op-spec.ts';
import { command, type CommandKind } from './commands.ts';

export interface StepCommandKind<A extends object, R> extends CommandKind<A, R> {
  readonly spec: OpSpec;
}

/** The command's result is given apart (`.returns<R>()`): TypeScript cannot infer some type arguments and take others. */
export function stepCommand<const P extends Record<string, ParamSpec>>(op: string, spec: { description: string; params: P }) {
  return {
    returns: <R = void>(): StepCommandKind<ArgsOf<P>, R> => Object.assign(command<ArgsOf<P>, R>(op), { spec }),
  };
}

/** A family's `ops` table, in the order given (the job-step schema's order follows it). */
export function opsOf(steps: readonly { readonly op: string; readonly spec: OpSpec }[]): Record<string, OpSpec> {
  return Object.fromEntries(steps.map((s) => [s.op, s.spec]));
}
