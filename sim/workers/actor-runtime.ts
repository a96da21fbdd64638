/**
 * The worker side of actor placement, the same in a Node worker thread and
 * in a browser Web Worker: it keeps the generators of the actors placed
 * here and runs each activation up to the actor's next blocking command
 * (sim/engine/remote.ts). It owns no time, no network and no trace: `now`
 * comes with every activation, and everything the actors do goes back to the
 * kernel as the commands they yielded.
 */
import { processContext, type Process, type ProcessFn } from '../engine/kernel.ts';
import type { Activation, ActorStep } from '../engine/remote.ts';
import type { Ticks } from '../foundation/time.ts';
import type { ActorCatalog } from '../engine/actor-catalog.ts';
import { decodeValue, encodeValue } from './codec.ts';

/** An actor to create here: its catalog id, plain arguments and the run's seed. */
export interface SpawnOrder {
  pid: number;
  name: string;
  actor: string;
  args: unknown[];
  seed: number | string;
}

/** One message to a worker: the actors placed since the last one, then this instant's activations. */
export interface StepRequest {
  /** the run these actors belong to; a new run starts with none */
  run: number;
  spawns: SpawnOrder[];
  activations: Activation[];
}

export interface ActorWorkerApi {
  step(req: StepRequest): ActorStep[];
}

export interface RuntimeOptions {
  /**
   * Test hook (`BACKLAB_TEST_ACTOR_THROWS=NAME@N`): the actor NAME throws
   * after its N-th yield, as a bug in its own code would. Tests use it to
   * see a crash in a worker reported; nothing else sets it.
   */
  throwIn?: string;
}

export class ActorRuntime implements ActorWorkerApi {
  private readonly gens = new Map<number, Process>();
  private run = 0;
  /** the time of the activation being run: what the actors' ctx.now reads */
  private readonly clock = { now: 0 as Ticks };

  constructor(
    private readonly catalog: ActorCatalog,
    private readonly opts: RuntimeOptions = {},
  ) {}

  step(req: StepRequest): ActorStep[] {
    if (req.run !== this.run) {
      this.gens.clear();
      this.run = req.run;
    }
    for (const s of req.spawns) this.gens.set(s.pid, this.create(s));
    return req.activations.map((a) => this.activate(a));
  }

  private create(s: SpawnOrder): Process {
    const fn = this.catalog.functionOf(s.actor);
    try {
      if (fn === undefined) throw new Error(`no actor '${s.actor}' in this worker's catalog`);
      const gen = fn(processContext(s.name, s.seed, this.clock), ...s.args);
      const [name, after] = (this.opts.throwIn ?? '').split('@');
      return name === s.name ? throwsAfter(gen, Number(after ?? 0), s.name) : gen;
    } catch (e) {
      return failing(e);
    }
  }

  private activate(act: Activation): ActorStep {
    const gen = this.gens.get(act.pid);
    if (gen === undefined) return { commands: [], end: { threw: encodeValue(new Error(`actor ${act.pid} is not in this worker`)) } };
    this.clock.now = act.now;
    const commands: ActorStep['commands'] = [];
    let ok = act.ok;
    let value = decodeValue(act.value);
    for (;;) {
      let r: IteratorResult<ActorStep['commands'][number], unknown>;
      try {
        r = ok ? gen.next(value) : gen.throw(value);
      } catch (e) {
        this.gens.delete(act.pid);
        return { commands, end: { threw: encodeValue(e) } };
      }
      if (r.done) {
        this.gens.delete(act.pid);
        return { commands, end: { returned: encodeValue(r.value) } };
      }
      commands.push(r.value);
      // Marks and sends never block and resume with undefined (builtins.ts): run on.
      if (r.value.op !== 'mark' && r.value.op !== 'send') return { commands };
      ok = true;
      value = undefined;
    }
  }
}

function* failing(e: unknown): Process {
  throw e;
}

function* throwsAfter(gen: Process, yields: number, name: string): Process {
  let ok = true;
  let value: unknown;
  for (let i = 0; ; i++) {
    const r = ok ? gen.next(value) : gen.throw(value);
    if (r.done) return r.value;
    if (i >= yields) throw new Error(`actor '${name}' threw after ${yields} yields (BACKLAB_TEST_ACTOR_THROWS)`);
    try {
      value = yield r.value;
      ok = true;
    } catch (e) {
      value = e;
      ok = false;
    }
  }
}
