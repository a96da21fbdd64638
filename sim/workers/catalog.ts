/**
 * The process functions a worker can rebuild an actor from, each under a
 * stable id. The kernel side finds an actor's id from its function; the
 * worker side finds the function from the id. An actor whose function is
 * not listed (the model's own processes) stays in-process.
 *
 * ACTOR_CATALOG lists the scenario's job and flow actors (`scenario/job`,
 * `scenario/flow`) and every protocol's `actors` (`lanfree/client`, ...).
 */
import type { ProcessFn } from '../engine/kernel.ts';
import { PROTOCOLS } from '../protocols/registry.ts';
import { workloadFlow, workloadJob } from '../scenario/workload.ts';

export class ActorCatalog {
  private readonly byId = new Map<string, ProcessFn>();
  private readonly ids = new Map<ProcessFn, string>();

  constructor(entries: Iterable<[string, ProcessFn]>) {
    for (const [id, fn] of entries) {
      if (this.byId.has(id) || this.ids.has(fn)) throw new Error(`actor catalog: '${id}' is listed twice`);
      this.byId.set(id, fn);
      this.ids.set(fn, id);
    }
  }

  idOf(fn: ProcessFn): string | undefined {
    return this.ids.get(fn);
  }

  functionOf(id: string): ProcessFn | undefined {
    return this.byId.get(id);
  }
}

export const ACTOR_CATALOG = new ActorCatalog([
  ['scenario/job', workloadJob as ProcessFn],
  ['scenario/flow', workloadFlow as ProcessFn],
  ...PROTOCOLS.flatMap((p) => Object.entries(p.actors).map(([key, fn]): [string, ProcessFn] => [`${p.name}/${key}`, fn])),
]);
