/**
 * The process functions a worker can rebuild an actor from, each under a
 * stable id. The kernel side finds an actor's id from its function; the
 * worker side finds the function from the id. An actor whose function is
 * not listed (the model's own processes) stays in-process. The scenario's catalog is sim/registry.ts's ACTOR_CATALOG.
 */
import type { ProcessFn } from './kernel.ts';

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
