/**
 * The in-process driver: runs an actor's generator here, from the value it
 * is resumed with up to the next command that blocks, or its end.
 */
import type { Actor, Actors } from './actors.ts';
import { BLOCKED, ENDED, RUNS_ON, type CommandTable } from './command-table.ts';
import type { Command, Custom } from './commands.ts';

export class InProcessDriver {
  constructor(
    private readonly actors: Actors,
    private readonly commands: CommandTable,
  ) {}

  run(a: Actor, ok: boolean, value: unknown): void {
    a.root = null;
    const gen = a.gen!;
    for (;;) {
      let r: IteratorResult<Command | Custom, unknown>;
      a.running = true;
      try {
        r = ok ? gen.next(value) : gen.throw(value);
      } catch (e) {
        a.running = false;
        this.actors.crashed(a, e);
        return;
      }
      a.running = false;
      if (r.done) {
        this.actors.returned(a, r.value);
        return;
      }
      const done = this.commands.perform(a, r.value);
      if (done === BLOCKED || done === ENDED) return;
      if (done === RUNS_ON) {
        ok = true;
        value = undefined;
      } else {
        ok = false;
        value = done.refused;
      }
    }
  }
}
