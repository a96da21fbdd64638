/**
 * A family of equipment (hosts, tape, FC fabrics, ...) as the scenario and the
 * kernel see it. A family owns one section of `topology`, checks and resolves
 * it, names what it defines so other sections and job steps can refer to it,
 * and builds its models into a kernel: network links for what carries bytes,
 * and commands (`tape.write`, `host.copy`, ...) that job steps and protocol
 * actors yield.
 *
 * The engine knows nothing of tape; a family knows nothing of reports or of
 * any protocol.
 */
import type { Kernel } from '../engine/kernel.ts';
import type { LinkSpec } from '../net/network.ts';
import type { Path } from '../scenario/source.ts';

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

/** Names defined so far, by kind of thing: 'link' -> {'l1', 'l2'}. */
export class Names {
  private readonly byKind = new Map<string, Set<string>>();

  define(kind: string, name: string): void {
    let s = this.byKind.get(kind);
    if (s === undefined) this.byKind.set(kind, (s = new Set()));
    s.add(name);
  }

  has(kind: string, name: string): boolean {
    return this.byKind.get(kind)?.has(name) ?? false;
  }

  list(kind: string): string[] {
    return [...(this.byKind.get(kind) ?? [])];
  }
}

export interface ResolveContext {
  /** throws a ScenarioError naming the file, line and field path */
  fail(path: Path, expected: string): never;
  names: Names;
  /** ticks, or null */
  until: number | null;
}

export interface BuildContext {
  kernel: Kernel;
  /**
   * Adds a network link that stands for a device's own limit (a drive's
   * streaming rate, a host's copy bandwidth): reports list it as a device
   * of this kind, with its bytes, busy time and utilisation.
   */
  device(name: string, kind: string, spec: LinkSpec): number;
}

export interface Family<Def = unknown> {
  /** the section of `topology` this family owns */
  key: string;
  /** JSON Schema of topology[key], merged into scenarios/schema.json */
  schema: object;
  /** commands this family adds, usable as workload job steps */
  ops: Record<string, OpSpec>;
  /** checks the section (already schema-valid), resolves units, defines its names; `section` may be undefined */
  resolve(section: unknown, ctx: ResolveContext, path: Path): Def;
  /** builds models, links and command handlers into the kernel */
  build(def: Def, ctx: BuildContext): void;
}
