/**
 * A protocol as the scenario and the kernel see it: a set of actors that run
 * one published design (or the conventional design it replaces) on the world
 * the equipment families built.
 *
 * A scenario names it under `protocol:` with its parameters. The protocol
 * checks them against the resolved topology (`resolve`, field-path errors),
 * then `build` spawns its actors. The actors touch the world only by yielding
 * commands (plain data), so they can later run in workers; what they tell
 * the run (jobs begun and ended, counters) they tell through the commands in
 * `common/report.ts`. The kernel-side part of `build` may read the models to
 * answer for the run at its end (`metrics`, `findings`).
 */
import type { MetricUnit } from '../foundation/scenario.ts';
import type { Scenario } from '../foundation/scenario.ts';
import type { Path } from '../foundation/path.ts';
import type { Kernel, ProcessFn } from '../engine/kernel.ts';
import type { Names, ParamDoc } from '../model/family.ts';
import { docRows, type Field } from '../foundation/declare.ts';

import type { JobRow, RunResult } from '../foundation/result.ts';
import type { RunFinding } from '../foundation/findings.ts';

export interface ProtocolResolveContext {
  /** throws a ScenarioError naming the file, line and field path */
  fail(path: Path, expected: string): never;
  names: Names;
  /** the scenario resolved so far: topology, links, families' models, jobs and faults */
  scenario: Omit<Scenario, 'protocol' | 'checks'>;
}

export interface ProtocolBuildContext {
  kernel: Kernel;
  scenario: Scenario;
  /** link id -> device kind, for the links the families added as devices */
  devices: ReadonlyMap<number, string>;
}

/** What the run asks of a built protocol once the kernel has stopped. */
export interface ProtocolRun {
  /** numbers in the units of Protocol.metrics (counters reported by actors are added by the run); `jobs` are the run's jobs */
  metrics?(jobs: readonly JobRow[]): Record<string, number>;
  /** what it says of the run, as data (foundation/findings.ts words them): the bottleneck, the design */
  findings?(): RunFinding[];
}

/** What must hold of every run of a protocol; the fuzzer and the tests share these. */
export interface ProtocolInvariant<Def = unknown> {
  name: string;
  /** null when it holds, else what broke it */
  check(def: Def, result: RunResult): string | null;
}

export interface Protocol<Def = unknown> {
  /** what `protocol.name` says */
  name: string;
  /** a line for the protocols README */
  title: string;
  /**
   * The protocol section besides `name`, declared once (sim/foundation/declare.ts):
   * its schema, README rows and resolved values come from it.
   */
  declares: Field<unknown> & { readonly fields: Record<string, Field<unknown>> };
  /** the metrics it adds to every run, with units; checks may name them */
  metrics: Record<string, MetricUnit>;
  /** resolves the section (already schema-valid) against `declares`, then checks it against the topology */
  resolve(section: Record<string, unknown>, ctx: ProtocolResolveContext, path: Path): Def;
  /**
   * Every process function build() spawns, by a name unique within the
   * protocol: a worker rebuilds an actor from that name and its plain
   * arguments (sim/workers/catalog.ts).
   */
  actors: Record<string, ProcessFn>;
  build(def: Def, ctx: ProtocolBuildContext): ProtocolRun;
  /** what must hold of every run (sim/fuzz checks them on every fuzz run) */
  invariants?: ProtocolInvariant<Def>[];
}

/** The JSON Schema properties of a protocol's section (besides `name`) and which are required: from its declaration. */
export function protocolSchema(p: Protocol): { properties: Record<string, object>; required: string[] } {
  const fields = Object.entries(p.declares.fields);
  return { properties: Object.fromEntries(fields.map(([k, f]) => [k, f.schema])), required: fields.filter(([, f]) => !f.optional).map(([k]) => k) };
}

/** A protocol's rows of sim/protocols/README.md: from its declaration. */
export function protocolRows(p: Protocol): ParamDoc[] {
  return docRows(p.declares, 'protocol');
}
