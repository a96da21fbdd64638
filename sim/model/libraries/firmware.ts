/**
 * How a tape drive carries out what jobs ask of it: one request at a time, in
 * the order they come, as a kernel process of its own.
 *
 * A write may span several cartridges: stream until the cartridge is full,
 * then rewind and unload it, let a robot return it and fetch the next empty
 * cartridge of the same generation, load, and stream on. That is a chain of
 * flows and timed steps, which a single command handler cannot wait on, so
 * each drive runs this firmware process: it yields sleeps and the family's
 * internal commands (`tape.idle`, `tape.robot`, `tape.stream`) and settles the
 * job's wait when the request is done. Unlike a protocol's processes it is
 * part of the model and holds the drive, its library and the kernel.
 *
 * A failed drive (a `device-fails` fault) loses the flow it was streaming (its
 * device link goes down, so the unwritten bytes count as lost), abandons the
 * step it was in, and refuses every later request; the error names the drive
 * and the bytes it had written.
 */
import { sleep, type Custom, type Op } from '../../engine/commands.ts';
import { tapeExchange, tapeIdle, tapeLocate, tapeMount, tapeRead, tapeRewind, tapeRobot, tapeStream, tapeUnmount, tapeWrite } from './commands.ts';
import { Interrupt, TransferFailed } from '../../engine/errors.ts';
import type { Kernel } from '../../engine/kernel.ts';
import type { Wait } from '../../engine/wait.ts';
import type { Flow } from '../../net/flow.ts';
import type { TapeDrive } from './tape-drive.ts';
import type { Cartridge, TapeLibrary } from './tape-library.ts';
import { access, READS } from './lto.ts';
import { TapeError, type TapeErrorCode } from './tape-error.ts';

interface Request {
  cmd: Custom;
  wait: Wait;
}

type Steps<T> = Generator<Op, T, unknown>;

export class Firmware {
  private readonly queue: Request[] = [];
  private idle: Wait | null = null;
  private serving: Request | null = null;
  /** the robot this drive holds, if any */
  private robot: number | null = null;
  /** the flow of the stream in progress (or the one that just ended) */
  private flow: Flow | null = null;
  readonly name: string;

  constructor(readonly drive: TapeDrive, readonly library: TapeLibrary, private readonly kernel: Kernel) {
    this.name = drive.spec.name;
    kernel.spawn(this.name, () => this.run());
  }

  // ---- what the family's command handlers call ----

  /** A job's request: queued, served in turn; cancelling it dequeues it or stops it. */
  submit(cmd: Custom, wait: Wait): void {
    const req: Request = { cmd, wait };
    this.queue.push(req);
    wait.cancel = () => {
      const i = this.queue.indexOf(req);
      if (i >= 0) this.queue.splice(i, 1);
      // Interrupted later in this instant, not from inside whatever is cancelling it.
      else if (this.serving === req) this.kernel.at(this.kernel.now, () => { if (this.serving === req) this.kernel.interrupt(this.name, 'request cancelled'); });
    };
    if (this.idle !== null) {
      const w = this.idle;
      this.idle = null;
      this.kernel.resolve(w, undefined);
    }
  }

  onIdle(w: Wait): void {
    if (this.queue.length > 0) return this.kernel.resolve(w, undefined);
    this.idle = w;
    w.cancel = () => { if (this.idle === w) this.idle = null; };
  }

  onRobot(w: Wait): void {
    this.library.acquireRobot(w, this.library.zoneOf(this.drive.spec.position), (r) => { this.robot = r; });
  }

  onStream(cmd: Custom, w: Wait): void {
    const d = this.drive;
    this.flow = this.kernel.startTransfer(w, cmd.route as string[], cmd.bytes as number, { cap: d.hostRate, shape: d.shape, label: cmd.label, for: this.serving?.wait.actor.pid, job: this.serving?.wait.job });
  }

  fail(): void {
    const d = this.drive;
    if (d.failed) return;
    d.failed = true;
    this.kernel.trace.mark(this.kernel.now, 0, `tape: ${this.name} fails`, { fails: this.name, drive: this.name, cartridge: d.cartridge?.name ?? null });
    const net = this.kernel.net;
    net.setLinkUp(net.linkId(this.name), false);
    if (this.serving !== null) this.kernel.interrupt(this.name, `tape drive ${this.name} failed`);
  }

  // ---- the process ----

  private *run(): Steps<never> {
    for (;;) {
      yield tapeIdle({ drive: this.name, label: `${this.name}: ready` });
      const req = this.queue.shift();
      if (req === undefined) continue; // its job stopped waiting before we woke
      this.serving = req;
      let ok = true;
      let value: unknown;
      try {
        value = yield* this.serve(req.cmd);
      } catch (e) {
        ok = false;
        value = e instanceof TapeError ? e : new TapeError(`${req.cmd.op}: ${this.why(e)}`, this.codeOf(e), this.ids());
      }
      this.serving = null;
      if (ok) this.kernel.resolve(req.wait, value);
      else this.kernel.reject(req.wait, value);
    }
  }

  private *serve(cmd: Custom): Steps<unknown> {
    if (this.drive.failed) throw new TapeError(`tape drive ${this.name} has failed`, 'tape.drive-failed', this.ids());
    if (cmd.library !== undefined && cmd.library !== this.library.name) {
      throw new TapeError(`${cmd.op}: drive ${this.name} is in library ${this.library.name}, not ${cmd.library as string}`, 'tape.refused', this.ids());
    }
    switch (cmd.op) {
      case tapeMount.op: return yield* this.mount(cmd.cartridge as string);
      case tapeExchange.op: return yield* this.exchange(cmd.cartridge as string);
      case tapeUnmount.op: return { cartridge: yield* this.unmount(this.mounted(cmd.op)) };
      case tapeWrite.op: return yield* this.write(cmd.bytes as number, (cmd.route as string[] | undefined) ?? []);
      case tapeRead.op: return yield* this.read(cmd.bytes as number, (cmd.route as string[] | undefined) ?? []);
      case tapeLocate.op: {
        this.mounted(cmd.op);
        yield sleep(this.drive.spec.locate, `${this.name}: locate`);
        this.drive.atLoadPoint = false;
        return {};
      }
      case tapeRewind.op: {
        this.mounted(cmd.op);
        if (!this.drive.atLoadPoint) yield sleep(this.drive.spec.rewind, `${this.name}: rewind`);
        this.drive.atLoadPoint = true;
        return {};
      }
    }
    throw new TapeError(`${this.name} has no command ${cmd.op}`, 'tape.refused', this.ids());
  }

  private mounted(op: string): Cartridge {
    const c = this.drive.cartridge;
    if (c === null) throw new TapeError(`${op}: drive ${this.name} has no cartridge; mount one first`, 'tape.no-cartridge', this.ids());
    return c;
  }

  private *mount(name: string): Steps<{ cartridge: string; drive: string }> {
    const d = this.drive;
    if (d.cartridge !== null) throw new TapeError(`tape.mount: drive ${this.name} holds cartridge ${d.cartridge.name}; unmount it first`, 'tape.busy', this.ids());
    const c = this.takeable('tape.mount', name);
    yield* this.fetch(c);
    return { cartridge: name, drive: this.name };
  }

  /** The mounted cartridge back to its slot and `name` into the drive, in one robot trip. */
  private *exchange(name: string): Steps<{ cartridge: string; drive: string; returned: string }> {
    const old = this.drive.cartridge;
    if (old === null) throw new TapeError(`tape.exchange: drive ${this.name} has no cartridge to exchange; use tape.mount`, 'tape.no-cartridge', this.ids());
    const next = this.takeable('tape.exchange', name);
    next.drive = this.drive; // claimed: no other drive may take it now
    yield* this.swap(old, next);
    this.drive.exchanges++;
    return { cartridge: name, drive: this.name, returned: old.name };
  }

  /** A cartridge this drive may take now: in this library, in its slot, of a generation the drive reads. */
  private takeable(op: string, name: string): Cartridge {
    const d = this.drive;
    const c = this.library.cartridges.get(name);
    if (c === undefined) throw new TapeError(`${op}: cartridge ${name} is not in library ${this.library.name}`, 'tape.no-cartridge', this.ids());
    if (c.drive !== null) throw new TapeError(`${op}: cartridge ${name} is in drive ${c.drive.spec.name}`, 'tape.busy', this.ids());
    const g = d.spec.generation;
    if (access(g, c.generation) === 'none') {
      throw new TapeError(`${op}: drive ${this.name} is ${g} and cartridge ${name} is ${c.generation}; an ${g} drive reads ${READS[g].join(' and ')} cartridges only`, 'tape.wrong-generation', this.ids());
    }
    return c;
  }

  /** Robot trip from the slot, then load and thread (and media optimisation on a new LTO-9 cartridge). */
  private *fetch(c: Cartridge): Steps<void> {
    const d = this.drive;
    c.drive = d; // claimed: no other drive may take it now
    try {
      yield* this.robotTrip(c, `${c.name} to ${this.name}`, [c.position, d.spec.position]);
    } catch (e) {
      c.drive = null;
      throw e;
    }
    yield* this.load(c);
  }

  private *load(c: Cartridge): Steps<void> {
    const d = this.drive;
    d.cartridge = c;
    d.mounts++;
    d.atLoadPoint = true;
    const { load, optimisation } = d.loadTime(c);
    yield sleep(load, `${this.name}: load ${c.name}`);
    if (optimisation > 0) {
      this.kernel.trace.mark(this.kernel.now, 0, `tape: ${this.name} optimises new cartridge ${c.name}`, { drive: this.name, cartridge: c.name, seconds: optimisation / 1e9 });
      yield sleep(optimisation, `${this.name}: media optimisation of ${c.name}`);
    }
    c.initialised = true;
  }

  /** Rewind if needed, unload, and a robot trip back to the slot; the cartridge's name. */
  private *unmount(c: Cartridge): Steps<string> {
    yield* this.eject(c);
    try {
      yield* this.robotTrip(c, `${c.name} from ${this.name} to its slot`, [this.drive.spec.position, c.position]);
    } finally {
      c.drive = null; // an interrupted return still ends in the slot: the robot is not what failed
    }
    return c.name;
  }

  /** Rewind if needed and unload: the cartridge is out of the drive, in its mouth for the robot. */
  private *eject(c: Cartridge): Steps<void> {
    const d = this.drive;
    const { rewind, unload } = d.unloadTime();
    if (rewind > 0) {
      yield sleep(rewind, `${this.name}: rewind ${c.name}`);
      d.atLoadPoint = true;
    }
    yield sleep(unload, `${this.name}: unload ${c.name}`);
    d.cartridge = null;
  }

  /**
   * The exchange cycle as libraries publish it: unload `old`; one robot trip
   * takes it from the drive to its slot, fetches `next` (already claimed) from
   * its slot and puts it in the drive (without geometry: two trips' `move`);
   * the drive loads it.
   */
  private *swap(old: Cartridge, next: Cartridge): Steps<void> {
    const at = this.drive.spec.position;
    try {
      yield* this.eject(old);
      yield* this.robotTrip(next, `${old.name} from ${this.name} to its slot and ${next.name} to ${this.name}`, [at, old.position, next.position, at], 2);
    } catch (e) {
      next.drive = null;
      throw e;
    } finally {
      if (this.drive.cartridge !== old) old.drive = null; // unloaded: back in its slot however the trip ended
    }
    yield* this.load(next);
  }

  /** Wait for this drive's robot, then its trip through `stops` (without geometry: `trips` x move). */
  private *robotTrip(c: Cartridge, what: string, stops: number[], trips = 1): Steps<void> {
    const lib = this.library;
    try {
      yield tapeRobot({ drive: this.name, label: `${this.name}: wait for a ${lib.name} robot` });
      const { wait, ticks } = lib.travel(this.robot!, stops, trips);
      const data = lib.robot.geometry === null
        ? { library: lib.name, cartridge: c.name, drive: this.name }
        : { library: lib.name, cartridge: c.name, drive: this.name, accessor: this.robot, seconds: ticks / 1e9, ...(wait > 0 ? { waited: wait / 1e9 } : {}) };
      this.kernel.trace.mark(this.kernel.now, 0, `tape: ${lib.name} robot moves ${what}`, data);
      if (wait > 0) yield sleep(wait, `${lib.name} robot: accessor ${this.robot} waits for the other to clear the rail`);
      yield sleep(ticks, `${lib.name} robot: ${what}`);
    } finally {
      if (this.robot !== null) {
        const r = this.robot;
        this.robot = null;
        lib.releaseRobot(r);
      }
    }
  }

  /** Streams `bytes` host bytes; on a failure, the error carries what was delivered. */
  private *stream(route: string[], bytes: number, label: string, way: 'written' | 'read'): Steps<void> {
    this.drive.atLoadPoint = false;
    this.flow = null;
    try {
      yield tapeStream({ drive: this.name, route, bytes, label: `${this.name}: ${label}` });
      this.drive[way] += bytes;
    } catch (e) {
      const delivered = (this.flow as Flow | null)?.delivered ?? 0; // set by onStream meanwhile
      this.drive[way] += delivered;
      throw new PartialStream(delivered, e);
    } finally {
      this.drive.streamEnded();
    }
  }

  private *write(bytes: number, route: string[]): Steps<{ bytes: number; cartridges: string[]; backhitches: number; cartridgeChanges: number }> {
    const d = this.drive;
    const ratio = d.spec.compression;
    const first = this.mounted('tape.write');
    if (access(d.spec.generation, first.generation) === 'read-only') {
      throw new TapeError(`tape.write: drive ${this.name} is ${d.spec.generation} and reads cartridge ${first.name} (${first.generation}) but cannot write it`, 'tape.read-only', this.ids());
    }
    const cartridges = [first.name];
    // One stream at a time on a drive: the back-hitches from here to the end are this write's.
    const hitches = d.backhitches;
    let [written, remaining] = [0, bytes];
    try {
      while (remaining > 0) {
        if (d.cartridge!.full) {
          yield* this.change();
          cartridges.push(d.cartridge!.name);
        }
        const c = d.cartridge!;
        const room = (c.capacity - c.used) * ratio;
        const chunk = Math.min(remaining, room);
        try {
          yield* this.stream([...route, this.name], chunk, `write ${formatBytes(chunk)} to ${c.name}`, 'written');
        } catch (e) {
          if (e instanceof PartialStream) {
            written += e.delivered;
            c.used = Math.min(c.capacity, c.used + e.delivered / ratio);
          }
          throw e;
        }
        written += chunk;
        remaining = chunk === remaining ? 0 : remaining - chunk;
        c.used = chunk === room ? c.capacity : c.used + chunk / ratio;
      }
    } catch (e) {
      const n = Math.round(written);
      throw new TapeError(`tape.write: ${this.why(e)} after writing ${n} bytes (${formatBytes(n)}) of ${bytes} to ${cartridges.join(', ')}`, this.codeOf(e), this.ids(n));
    }
    return { bytes: written, cartridges, backhitches: d.backhitches - hitches, cartridgeChanges: cartridges.length - 1 };
  }

  /** The mounted cartridge is full: swap it for the library's next empty one of its generation. */
  private *change(): Steps<void> {
    const d = this.drive;
    const full = d.cartridge!;
    const next = this.library.scratch(full.generation);
    if (next === undefined) throw new TapeError(`cartridge ${full.name} is full and library ${this.library.name} has no empty ${full.generation} cartridge left`, 'tape.no-scratch', this.ids());
    this.kernel.trace.mark(this.kernel.now, 0, `tape: ${this.name} changes full ${full.name} for ${next.name}`, { drive: this.name, full: full.name, next: next.name });
    next.drive = d; // claimed before the unload, so no other drive takes it meanwhile
    if (this.library.robot.geometry !== null) yield* this.swap(full, next);
    else {
      try {
        yield* this.unmount(full);
      } catch (e) {
        next.drive = null;
        throw e;
      }
      yield* this.fetch(next);
    }
    d.exchanges++;
  }

  private *read(bytes: number, route: string[]): Steps<{ bytes: number; backhitches: number }> {
    const c = this.mounted('tape.read');
    const hitches = this.drive.backhitches;
    const held = c.used * this.drive.spec.compression;
    if (bytes > held) throw new TapeError(`tape.read: cartridge ${c.name} holds ${formatBytes(held)}; cannot read ${formatBytes(bytes)} from it`, 'tape.too-much', this.ids());
    try {
      yield* this.stream([this.name, ...route], bytes, `read ${formatBytes(bytes)} from ${c.name}`, 'read');
    } catch (e) {
      const n = Math.round(e instanceof PartialStream ? e.delivered : 0);
      throw new TapeError(`tape.read: ${this.why(e)} after reading ${n} bytes (${formatBytes(n)}) of ${bytes} from ${c.name}`, this.codeOf(e), this.ids(n));
    }
    return { bytes, backhitches: this.drive.backhitches - hitches };
  }

  /** What went wrong, as a code: the same cases as why(). */
  private codeOf(e: unknown): TapeErrorCode {
    const cause = e instanceof PartialStream ? e.cause : e;
    if (this.drive.failed) return 'tape.drive-failed';
    if (cause instanceof Interrupt) return 'tape.stopped';
    if (cause instanceof TransferFailed) return 'tape.feed-lost';
    return cause instanceof TapeError ? cause.code : 'tape.refused';
  }

  private ids(bytes?: number): { drive: string; bytes?: number } {
    return bytes === undefined ? { drive: this.name } : { drive: this.name, bytes };
  }

  /** What went wrong, in words. */
  private why(e: unknown): string {
    const cause = e instanceof PartialStream ? e.cause : e;
    if (this.drive.failed) return `tape drive ${this.name} failed`;
    if (cause instanceof Interrupt) return `drive ${this.name} was stopped`;
    if (cause instanceof TransferFailed) return `drive ${this.name} lost its feed (${cause.message})`;
    return cause instanceof Error ? cause.message : String(cause);
  }
}

/** A stream that ended early, with the bytes it had moved. */
class PartialStream extends Error {
  constructor(readonly delivered: number, override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export function formatBytes(b: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let i = 0;
  while (Math.abs(b) >= 1000 && i < units.length - 1) { b /= 1000; i++; }
  return `${Number(b.toPrecision(4))} ${units[i]}`;
}
