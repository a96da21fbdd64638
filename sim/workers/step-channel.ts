/**
 * The synchronous step channel between the kernel and one actor worker: a
 * growable SharedArrayBuffer that holds one message at a time, and an
 * Atomics state word both sides wait on. The kernel writes a step request,
 * notifies and waits (Atomics.wait) for the reply; the worker waits for
 * requests in Atomics.wait. A round trip is then two futex wake-ups, not two
 * postMessage tasks and their promise turns on each side (issue 25: ~150 µs
 * a trip by message, a few µs here). comlink still starts the worker and
 * hands it the buffer (node-actors.ts, web-actors.ts).
 *
 * Blocking waits are allowed in Node's main thread and in any worker; in a
 * browser the simulation runs in a Web Worker, so this works there too
 * wherever the page may share memory (crossOriginIsolated).
 */
import { growableBuffer, WireReader, WireWriter, type GrowableBuffer } from './wire.ts';

/** Int32 slots at the buffer's start. */
const STATE = 0, FAILED = 1, EXIT_CODE = 2;
/** The state word: whose turn it is. */
const IDLE = 0, REQUEST = 1, REPLY = 2, DEAD = 3;
/** Bytes before the message: the slots, padded. */
const HEADER = 16;
/** A buffer starts small (a step is a few hundred bytes) and grows to fit the largest message (a first step's spawns). */
const FIRST_BYTES = 64 * 1024;
const MAX_BYTES = 256 * 1024 * 1024;

export function channelBuffer(): GrowableBuffer {
  return growableBuffer(FIRST_BYTES, MAX_BYTES);
}

export interface ChannelTuning {
  /** ms the kernel waits for a reply before it calls the worker dead or hung */
  timeoutMs: number;
  /**
   * Reads of the state word before blocking in Atomics.wait. 0 by
   * measurement (bench/placement.ts): on this 2-core machine a spinning
   * kernel takes the core its worker needs, and a futex wake-up costs only
   * a few µs.
   */
  spins: number;
}

export const DEFAULT_TUNING: ChannelTuning = { timeoutMs: 120_000, spins: 0 };

/** The kernel's end of one channel. */
export class StepChannel {
  private readonly slots: Int32Array;
  private readonly writer: WireWriter;
  private readonly reader: WireReader;
  /** why the channel can no longer be used (a worker that died or did not answer) */
  private broken: string | null = null;

  constructor(readonly buffer: GrowableBuffer, private readonly tuning: ChannelTuning = DEFAULT_TUNING) {
    this.slots = new Int32Array(buffer, 0, HEADER / 4);
    this.writer = new WireWriter(buffer, HEADER);
    this.reader = new WireReader(buffer, HEADER);
  }

  /** Hands the worker a message; receive() waits for its answer. */
  send(msg: unknown): void {
    if (this.broken !== null) throw new Error(this.broken);
    this.writer.write(msg);
    Atomics.store(this.slots, STATE, REQUEST);
    Atomics.notify(this.slots, STATE);
  }

  /** The worker's answer to the last message sent; throws what the worker threw, or that it died or hangs. */
  receive(): unknown {
    const state = this.awaitReply();
    if (state === DEAD) throw this.fail(`the worker thread stopped (exit code ${this.slots[EXIT_CODE]})`);
    if (state !== REPLY) throw this.fail(`it did not answer within ${this.tuning.timeoutMs / 1000} s (it died or hangs)`);
    const failed = this.slots[FAILED] !== 0;
    const v = this.reader.read();
    Atomics.store(this.slots, STATE, IDLE);
    if (failed) throw new Error(String(v));
    return v;
  }

  private awaitReply(): number {
    for (let i = 0; i < this.tuning.spins; i++) {
      const s = Atomics.load(this.slots, STATE);
      if (s !== REQUEST) return s;
    }
    for (;;) {
      const r = Atomics.wait(this.slots, STATE, REQUEST, this.tuning.timeoutMs);
      const s = Atomics.load(this.slots, STATE);
      if (s !== REQUEST || r === 'timed-out') return s;
    }
  }

  /** The worker is being ended: a step after this fails at once rather than wait on a worker that is gone. */
  close(): void {
    this.broken ??= 'the worker was ended';
  }

  private fail(why: string): Error {
    this.broken = why;
    return new Error(why);
  }
}

/** The worker's end of one channel. */
export class StepServer {
  private readonly slots: Int32Array;
  private readonly writer: WireWriter;
  private readonly reader: WireReader;

  constructor(buffer: GrowableBuffer) {
    this.slots = new Int32Array(buffer, 0, HEADER / 4);
    this.writer = new WireWriter(buffer, HEADER);
    this.reader = new WireReader(buffer, HEADER);
  }

  /** Answers requests with `handle` for as long as the worker lives; a throw is answered as a failure. */
  serve(handle: (req: unknown) => unknown): never {
    for (;;) {
      let s: number;
      while ((s = Atomics.load(this.slots, STATE)) !== REQUEST) Atomics.wait(this.slots, STATE, s);
      let failed = 0;
      try {
        this.writer.write(handle(this.reader.read()));
      } catch (e) {
        failed = 1;
        this.writer.write(e instanceof Error ? e.message : String(e));
      }
      this.slots[FAILED] = failed;
      Atomics.store(this.slots, STATE, REPLY);
      Atomics.notify(this.slots, STATE);
    }
  }

  /** Tells a waiting kernel that this worker is ending (its exit hook). */
  died(code: number): void {
    this.slots[EXIT_CODE] = code;
    Atomics.store(this.slots, STATE, DEAD);
    Atomics.notify(this.slots, STATE);
  }
}

/** An actor worker's comlink proxy, as far as the channel needs it (ActorEndpoint's attach and serve). */
export interface ChannelRemote {
  attach(buffer: GrowableBuffer): Promise<void>;
  serve(): Promise<void>;
}

/**
 * Opens a channel to a worker: hands it a buffer, and once it has taken it
 * (so the worker is up: a kernel must not block on a worker still starting,
 * which in a browser may need the kernel's thread to start it) sets it
 * serving. Rejects if the worker dies first (`died`).
 */
export function openChannel(remote: ChannelRemote, died: Promise<never>, tuning: ChannelTuning = DEFAULT_TUNING): Promise<StepChannel> {
  const buffer = channelBuffer();
  const open = Promise.race([remote.attach(buffer), died]).then(() => {
    // serve() answers only if the worker fails to start serving; from then on everything goes through the buffer.
    remote.serve().catch(() => {});
    return new StepChannel(buffer, tuning);
  });
  open.catch(() => {}); // a host that never steps never asks
  return open;
}
