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
import type { LinkSpec } from '../net/links.ts';
import type { Path } from '../foundation/path.ts';
import { docRows, type DocRow, type Field } from '../foundation/declare.ts';
import type { Kernel } from '../engine/kernel.ts';
import type { OpSpec } from '../foundation/op-spec.ts';
import type { Ledger } from '../engine/ledger.ts';

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

/**
 * Kinds of name that faults and other families look up: 'host', 'link',
 * 'site', 'switch' (the base topology), 'device' (anything `device-fails`
 * may name), 'partition' and 'server' (what `migrate` names).
 */
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
  /** where the family reads out what its storage holds as it changes (stored bytes, scratch cartridges, ...) */
  ledger: Ledger;
}

/** One row of sim/model/README.md: a parameter, its default, unit and published source (or UNSOURCED and why). */
export type ParamDoc = DocRow;

/**
 * A family's part of a scenario, declared once (sim/foundation/declare.ts):
 * its own section `topology[key]`, and the fields it adds to every
 * `topology.hosts` and `topology.links` entry. The schema, the README rows
 * and the resolved values all come from it.
 */
export interface FamilyDeclaration {
  section?: Field<unknown>;
  host?: Record<string, Field<unknown>>;
  link?: Record<string, Field<unknown>>;
}

export interface FamilySchema {
  /** JSON Schema of topology[key], if the family owns a section */
  section?: object;
  /** extra properties every topology.hosts entry may have */
  host?: Record<string, object>;
  /** extra properties every topology.links entry may have */
  link?: Record<string, object>;
}

/** What a link entry's family-specific fields imply for its bandwidth, latency or per-flow cap. */
export interface LinkDefaults {
  bandwidth?: number;
  latency?: number;
  flowCap?: number;
}

export type ErrorClass = abstract new (...args: never[]) => Error;

export interface Family<Def = unknown> {
  /** the section of `topology` this family owns (or a name for it, if it only extends hosts or links) */
  key: string;
  /** a line for the model README */
  title: string;
  /** the family's part of a scenario, declared once; schema and README rows come from it */
  declares: FamilyDeclaration;
  /** its error classes, by a written-out key, so an actor in a worker still sees `e instanceof TapeError` */
  errors?: Record<string, ErrorClass>;
  /** commands this family adds, usable as workload job steps */
  ops: Record<string, OpSpec>;
  /**
   * Defaults a link entry's own fields imply (a port type's usable rate, a
   * WAN's efficiency and TCP window); the link's explicit fields win. Called
   * before links are resolved; throw with ctx.fail for a bad combination.
   */
  linkDefaults?(entry: Record<string, unknown>, ctx: ResolveContext, path: Path): LinkDefaults | undefined;
  /** checks the topology (already schema-valid) for this family, resolves units, defines its names */
  resolve(topology: Record<string, unknown>, ctx: ResolveContext, path: Path): Def;
  /** builds models, links and command handlers into the kernel; what it returns answers the scenario's faults */
  build(def: Def, ctx: BuildContext): FamilyRuntime | void;
}

/** A family's models, as a scenario's faults reach them. */
export interface FamilyRuntime {
  /** a `device-fails` fault: fail the device now; false if the device is not this family's */
  failDevice?(name: string): boolean;
  /** a `migrate` fault (Live Partition Mobility); false if the partition is not this family's */
  migrate?(partition: string, to: string): boolean;
  /**
   * A host, partition or switch went down (`host-fails`, or its site failed)
   * or came back (`host-recovers`): what this family attached to it follows
   * (an HBA's ports, a partition's CPU and adapter, a hypervisor's VMs).
   */
  nodeDown?(node: string, down: boolean): void;
  /** a `site-fails` fault: equipment this family placed in the site fails */
  siteFails?(site: string): void;
  /**
   * What must hold of this family's models at the end of any run, as
   * sentences naming what broke it (a cartridge holding more than its
   * capacity); empty when all is well. The fuzzer and the tests call it.
   */
  audit?(): string[];
  /** What this family's devices did, for the run's devices table: called once, when the run has stopped at `end` (ticks). */
  report?(end: number): DeviceReport[];
}

/**
 * One device's counts, as plain numbers named with their unit (`mounts`,
 * `backhitch_s`, `stored_bytes`). A device that is also a device link
 * (BuildContext.device) gets them added to its row; any other (a robot, a
 * dedup store) gets a row of its own, with `busy` (seconds) and
 * `utilisation` if it can tell them.
 */
export interface DeviceReport {
  name: string;
  kind: string;
  busy?: number;
  utilisation?: number;
  counters: Record<string, number>;
}

const fieldSchemas = (fields: Record<string, Field<unknown>> | undefined): Record<string, object> | undefined =>
  fields && Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.schema]));

/** The JSON Schema fragments of a family: from its declaration. */
export function familySchema(f: Family): FamilySchema {
  const d = f.declares;
  return { section: d.section?.schema, host: fieldSchemas(d.host), link: fieldSchemas(d.link) };
}

/** A family's rows of sim/model/README.md: from its declaration. */
export function familyRows(f: Family): ParamDoc[] {
  const d = f.declares;
  const extra = (where: string, fields: Record<string, Field<unknown>> | undefined) => Object.entries(fields ?? {}).flatMap(([k, x]) => docRows(x, `${where}.*.${k}`));
  return [...extra('hosts', d.host), ...extra('links', d.link), ...(d.section ? docRows(d.section, f.key) : [])];
}
