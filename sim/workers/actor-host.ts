/**
 * The kernel side of actor placement: an ActorHost over N workers (Node
 * worker threads or Web Workers, whichever `ActorWorker`s it is given).
 *
 * Placement policy: round robin in spawn order. The k-th actor the catalog
 * knows goes to worker k mod N; spawn order is fixed by the scenario, so
 * placement is too. Per site or per protocol would gain nothing here: every
 * message between actors goes through the kernel (it owns the network and
 * the clock) whichever workers they sit in, and what a worker can do in
 * parallel is the activations due at one instant, which round robin spreads
 * evenly.
 *
 * Placement never changes a result: the kernel applies steps in its own
 * queue order, so the trace hash is the in-process one with any N.
 */
import { CommandError } from '../engine/errors.ts';
import type { ProcessFn } from '../engine/kernel.ts';
import { MAX_WORKERS, type Activation, type ActorHost, type ActorStep } from '../engine/remote.ts';
import { formatTime } from '../foundation/time.ts';
import type { SpawnOrder, StepRequest } from './actor-runtime.ts';
import { ACTOR_CATALOG } from '../registry.ts';
import type { ActorCatalog } from '../engine/actor-catalog.ts';
import { decodeValue, encodeValue } from './codec.ts';
import type { StepChannel } from './step-channel.ts';

/** One worker as the host sees it (a comlink proxy of ActorEndpoint). */
export interface ActorWorker {
  /** a step by message */
  step(req: StepRequest): Promise<ActorStep[]>;
  /** the synchronous step channel, once the worker serves it; absent where memory cannot be shared */
  channel?: Promise<StepChannel>;
}

/** Which path the steps take: the shared-memory channel, or messages. */
export type StepPath = 'atomics' | 'messages';

const NOTHING: Promise<ActorStep[]> = Promise.resolve([]);

export class WorkerActorHost implements ActorHost {
  /** pid -> worker index */
  private readonly placed: number[] = [];
  private readonly names: string[] = [];
  /** actors placed on each worker and not yet sent there */
  private readonly spawns: SpawnOrder[][];
  private adopted = 0;
  /** actors offered, placed or not */
  private offered = 0;
  /** activations sent, batches sent (one message per worker in each) */
  activations = 0;
  batches = 0;

  constructor(
    private readonly workers: readonly ActorWorker[],
    /** which run of the workers' life this is: a worker forgets the actors of earlier runs */
    private readonly run = 1,
    private readonly catalog: ActorCatalog = ACTOR_CATALOG,
  ) {
    if (workers.length === 0) throw new RangeError('an actor host needs at least one worker');
    this.spawns = workers.map(() => []);
  }

  /** How many actors each worker was given. */
  get placement(): number[] {
    const n = this.workers.map(() => 0);
    for (const w of this.placed) if (w !== undefined) n[w]++;
    return n;
  }

  /** Where the actors ran, in words: "12 actors in 2 workers (6 / 6), 4 in-process". */
  describe(workers: string): string {
    const local = this.offered - this.adopted;
    return `${this.adopted} actor${this.adopted === 1 ? '' : 's'} in ${this.workers.length} ${workers} (${this.placement.join(' / ')})${local > 0 ? `, ${local} in-process (the model's own)` : ''}`;
  }

  adopt(pid: number, name: string, fn: ProcessFn, args: readonly unknown[], seed: number | string): boolean {
    this.offered++;
    const actor = this.catalog.idOf(fn);
    if (actor === undefined) return false;
    try {
      structuredClone(args);
    } catch (e) {
      throw new CommandError(`actor '${name}' cannot run in a worker: its arguments are not plain data (${(e as Error).message})`);
    }
    const w = this.adopted++ % this.workers.length;
    this.placed[pid] = w;
    this.names[pid] = name;
    this.spawns[w].push({ pid, name, actor, args: [...args], seed });
    return true;
  }

  /** The channels, once every worker serves one (null: by message; undefined: not known yet). */
  private channels: StepChannel[] | null | undefined;

  /** Which path the steps take. */
  get path(): StepPath {
    return this.workers.every((w) => w.channel !== undefined) ? 'atomics' : 'messages';
  }

  step(batch: readonly Activation[]): ActorStep[] | Promise<ActorStep[]> {
    const per: Activation[][] = this.workers.map(() => []);
    const where = batch.map((a) => {
      const w = this.placed[a.pid];
      per[w].push({ pid: a.pid, now: a.now, ok: a.ok, value: encodeValue(a.value) });
      return [w, per[w].length - 1] as const;
    });
    this.activations += batch.length;
    this.batches++;
    const requests = per.map((acts, w): StepRequest | null =>
      acts.length === 0 && this.spawns[w].length === 0 ? null : { run: this.run, spawns: this.spawns[w].splice(0), activations: acts });
    if (this.channels === undefined) return this.connect().then(() => this.exchange(requests, where));
    return this.exchange(requests, where);
  }

  /** Waits once for every worker's channel (its start-up): the kernel must not block on a worker not yet serving. */
  private async connect(): Promise<void> {
    if (this.path === 'messages') {
      this.channels = null;
      return;
    }
    this.channels = await Promise.all(this.workers.map((w, i) => w.channel!.catch((e: unknown) => { throw this.failed(i, [], e); })));
  }

  private exchange(requests: (StepRequest | null)[], where: (readonly [number, number])[]): ActorStep[] | Promise<ActorStep[]> {
    if (this.channels === null) return this.byMessage(requests).then((replies) => this.collect(replies, where));
    return this.collect(this.byChannel(this.channels!, requests), where);
  }

  private byMessage(requests: (StepRequest | null)[]): Promise<ActorStep[][]> {
    return Promise.all(this.workers.map((worker, w) => {
      const req = requests[w];
      if (req === null) return NOTHING;
      return worker.step(req).catch((e: unknown) => { throw this.failed(w, req.activations, e); });
    }));
  }

  /** Every request first, then every reply: the workers run their activations side by side. */
  private byChannel(channels: StepChannel[], requests: (StepRequest | null)[]): ActorStep[][] {
    let first: Error | null = null;
    const sent = requests.map((req, w) => {
      if (req === null) return false;
      try {
        channels[w].send(req);
        return true;
      } catch (e) {
        first ??= this.failed(w, req.activations, e);
        return false;
      }
    });
    // Every reply is read, also after a failure: a worker still answering must not find its next request in its way.
    const replies = requests.map((req, w) => {
      if (!sent[w]) return [];
      try {
        return channels[w].receive() as ActorStep[];
      } catch (e) {
        first ??= this.failed(w, req!.activations, e);
        return [];
      }
    });
    if (first !== null) throw first;
    return replies;
  }

  private failed(w: number, acts: readonly Activation[], e: unknown): Error {
    const who = acts.map((a) => `'${this.names[a.pid]}'`).join(', ') || 'no actor';
    const at = acts.length > 0 ? ` at ${formatTime(acts[0].now)}` : '';
    return new Error(`worker ${w + 1} of ${this.workers.length} failed${at} while running ${who}: ${e instanceof Error ? e.message : String(e)}`);
  }

  private collect(replies: ActorStep[][], where: (readonly [number, number])[]): ActorStep[] {
    return where.map(([w, i]) => {
      const s = replies[w][i];
      if (s.end === undefined) return s;
      return { commands: s.commands, end: 'threw' in s.end ? { threw: decodeValue(s.end.threw) } : { returned: decodeValue(s.end.returned) } };
    });
  }
}

/** A set of workers kept for several runs, one at a time: each run gets a fresh host over them. */
export class ActorWorkerSet {
  private runs = 0;

  constructor(private readonly remotes: readonly ActorWorker[]) {
    if (remotes.length === 0) throw new RangeError('an actor host needs at least one worker');
  }

  get count(): number {
    return this.remotes.length;
  }

  /**
   * Called before the workers are ended: a run still going (Ctrl-C ends the
   * threads between two of its chunks) then fails its next step instead of
   * blocking on a channel no one serves any more.
   */
  protected closeChannels(): void {
    for (const r of this.remotes) void r.channel?.then((c) => c.close(), () => {});
  }

  /** A host for the next run on these workers (they forget the last run's actors). */
  host(): WorkerActorHost {
    return new WorkerActorHost(this.remotes, ++this.runs);
  }
}

/** Checks a worker count from a flag, a scenario or an address. */
export function checkWorkerCount(count: number): number {
  if (!Number.isInteger(count) || count < 1 || count > MAX_WORKERS) throw new RangeError(`workers: ${count} is not a whole number from 1 to ${MAX_WORKERS}`);
  return count;
}
