/**
 * The one table of commands: the built-ins (builtins.ts) and every
 * extension's (kernel.defineCommand) are entries of the same kind, looked
 * up by op. A command is carried out either at a process's own yield or as
 * a branch of all/any; the entry is told which by its parent.
 */
import type { Actor } from './actors.ts';
import type { Command, Custom } from './commands.ts';
import { CommandError } from './errors.ts';
import type { Kernel } from './kernel.ts';
import type { JoinWait, Wait } from './wait.ts';

/** The actor's resume is already queued (a sleep at its own yield). */
export const BLOCKED = 0;
/** Done on the spot, nothing to wait for: the process runs on with undefined, a branch resolves with it. */
export const RUNS_ON = 1;
/** The command ended its actor (a send that could not be made). */
export const ENDED = 2;

/** What an entry did: a wait to block on, or one of the above (BLOCKED and ENDED only at a process's own yield). */
export type Started = Wait | typeof BLOCKED | typeof RUNS_ON | typeof ENDED;
/** What a process's yield came to: as Started, or its command refused with an error thrown back at the yield. */
export type Performed = typeof BLOCKED | typeof RUNS_ON | typeof ENDED | { refused: unknown };

export interface CommandEntry {
  /** Writes its own trace record; any other command gets a step record when a process yields it. */
  readonly traced?: boolean;
  /** Carries out cmd for actor a, at its own yield (parent null) or as branch `index` of `parent`; throws to refuse it. */
  start(a: Actor, cmd: Command | Custom, parent: JoinWait | null, index: number): Started;
}

export class CommandTable {
  private readonly entries = new Map<string, CommandEntry>();
  /** The commonest command, held outside the map: a lookup per sleep costs the engine's fast path a few percent. */
  private sleep: CommandEntry | null = null;

  constructor(private readonly kernel: Kernel) {}

  define(op: string, entry: CommandEntry): void {
    if (this.entries.has(op)) throw new CommandError(`command '${op}' is already defined`);
    this.entries.set(op, entry);
    if (op === 'sleep') this.sleep = entry;
  }

  /** Starts a branch of all/any. */
  start(a: Actor, cmd: Command | Custom, parent: JoinWait, index: number): Started {
    const e = this.entries.get(cmd.op);
    if (e === undefined) throw new CommandError(`unknown command '${cmd.op}'`);
    return e.start(a, cmd, parent, index);
  }

  /**
   * Carries out one command a process yielded. A command refused on the
   * spot has its error thrown back in at the yield that asked for it.
   */
  perform(a: Actor, cmd: Command | Custom): Performed {
    const e = cmd.op === 'sleep' ? this.sleep! : this.entries.get(cmd.op);
    try {
      if (e === undefined || e.traced !== true) this.kernel.trace.step(this.kernel.now, a.pid, cmd.op, cmd.label, 0, cmd.data);
      if (e === undefined) throw new CommandError(`unknown command '${cmd.op}'`);
      const r = e.start(a, cmd, null, 0);
      if (typeof r === 'number') return r;
      a.root = r;
      return BLOCKED;
    } catch (err) {
      return { refused: err };
    }
  }
}
