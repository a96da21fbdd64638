/**
 * Records a run's events in the compact encoding of format.ts, hashing the
 * bytes as they are produced and handing full chunks to a sink. Memory use is
 * one chunk plus the string table, whatever the run's length.
 */
import { EndStatus, FlowStatus, Rec, TRACE_MAGIC, TRACE_VERSION } from './format.ts';
import { createSha256 } from './hasher.ts';
import { NullSink, type TraceSink } from './sink.ts';

export interface TraceSummary {
  /** SHA-256 of the encoded trace, lowercase hex. */
  hash: string;
  bytes: number;
  records: number;
}

const encoder = new TextEncoder();
/**
 * The encoded JSON of data objects that are frozen all the way down, by
 * identity: such a datum cannot change, so its bytes are the same every time.
 */
const FROZEN_JSON = new WeakMap<object, Uint8Array>();

export class TraceRecorder {
  private buf: Uint8Array;
  private view: DataView;
  private pos = 0;
  private lastT = 0;
  private readonly strings = new Map<string, number>();
  private readonly hasher = createSha256();
  private readonly sink: TraceSink;
  private readonly chunkSize: number;
  private total = 0;
  private finished: TraceSummary | null = null;
  records = 0;

  constructor(opts: { sink?: TraceSink; chunkSize?: number } = {}) {
    this.sink = opts.sink ?? new NullSink();
    this.chunkSize = opts.chunkSize ?? 1 << 16;
    this.buf = new Uint8Array(this.chunkSize);
    this.view = new DataView(this.buf.buffer);
    const head = encoder.encode(`${TRACE_MAGIC}/${TRACE_VERSION}\n`);
    this.room(head.length);
    this.buf.set(head, 0);
    this.pos = head.length;
  }

  /** The interned id of s (1-based; 0 is "no string"), defining it on first use. */
  string(s: string | undefined): number {
    if (s === undefined || s === '') return 0;
    let id = this.strings.get(s);
    if (id !== undefined) return id;
    id = this.strings.size + 1;
    this.strings.set(s, id);
    this.head(Rec.String, this.lastT);
    this.uint(id);
    this.text(s);
    return id;
  }

  meta(data: unknown): void {
    this.head(Rec.Meta, this.lastT);
    this.json(data);
  }

  actor(t: number, pid: number, name: string): void {
    const n = this.string(name);
    this.head(Rec.Actor, t);
    this.uint(pid);
    this.uint(n);
  }

  /** `ref` is a whole number >= 0 that the op gives meaning to (a sleep's duration in ticks). */
  step(t: number, pid: number, op: string, label: string | undefined, ref: number, data: unknown): void {
    const o = this.string(op);
    const l = this.string(label);
    this.head(Rec.Step, t);
    this.uint(pid);
    this.uint(o);
    this.uint(l);
    this.uint(ref);
    this.json(data);
  }

  /** An unlabelled sleep: the record every waiting process writes, so it is kept short and inline. */
  sleep(t: number, pid: number, duration: number): void {
    const dt = t - this.lastT;
    // Fields below 2^14 take at most two varint bytes, written here without a call.
    if (this.finished !== null || !(dt >= 0) || this.pos + 8 > this.buf.length || dt >= 0x4000 || pid >= 0x4000 || duration >= 0x4000) {
      this.head(Rec.Sleep, t);
      this.uint(pid);
      this.uint(duration);
      return;
    }
    this.lastT = t;
    this.records++;
    const b = this.buf;
    let p = this.pos;
    b[p++] = Rec.Sleep;
    if (dt < 0x80) b[p++] = dt; else { b[p++] = (dt & 0x7f) | 0x80; b[p++] = dt >>> 7; }
    if (pid < 0x80) b[p++] = pid; else { b[p++] = (pid & 0x7f) | 0x80; b[p++] = pid >>> 7; }
    if (duration < 0x80) b[p++] = duration; else { b[p++] = (duration & 0x7f) | 0x80; b[p++] = duration >>> 7; }
    this.pos = p;
  }

  end(t: number, pid: number, status: EndStatus, reason?: string): void {
    const r = this.string(reason);
    this.head(Rec.End, t);
    this.uint(pid);
    this.uint(status);
    this.uint(r);
  }

  interrupt(t: number, pid: number, cause: string): void {
    const c = this.string(cause);
    this.head(Rec.Interrupt, t);
    this.uint(pid);
    this.uint(c);
  }

  send(t: number, msg: number, to: number, from: number, label?: string): void {
    const l = this.string(label);
    this.head(Rec.Send, t);
    this.uint(msg);
    this.uint(to);
    this.uint(from);
    this.uint(l);
  }

  deliver(t: number, msg: number, to: number): void {
    this.head(Rec.Deliver, t);
    this.uint(msg);
    this.uint(to);
  }

  drop(t: number, msg: number, reason: string): void {
    const r = this.string(reason);
    this.head(Rec.Drop, t);
    this.uint(msg);
    this.uint(r);
  }

  link(t: number, id: number, name: string, bandwidth: number, latency: number, flowCap: number): void {
    const n = this.string(name);
    this.head(Rec.Link, t);
    this.uint(id);
    this.uint(n);
    this.f64(bandwidth);
    this.uint(latency);
    this.f64(Number.isFinite(flowCap) ? flowCap : 0);
  }

  linkState(t: number, id: number, up: boolean, bandwidth: number): void {
    this.head(Rec.LinkState, t);
    this.uint(id);
    this.uint(up ? 1 : 0);
    this.f64(bandwidth);
  }

  /** `capFromLink`: the cap is a route link's flowCap, not the transfer's own (format.ts). */
  flowStart(t: number, id: number, owner: number, bytes: number, cap: number, capFromLink: boolean, route: ArrayLike<number>, label?: string): void {
    const l = this.string(label);
    this.head(Rec.FlowStart, t, 16 + 5 * route.length);
    this.uint(id);
    this.uint(owner);
    this.f64(bytes);
    this.f64(Number.isFinite(cap) ? (capFromLink ? -cap : cap) : 0);
    this.uint(route.length);
    for (let i = 0; i < route.length; i++) this.uint(route[i]);
    this.uint(l);
  }

  flowGroup(t: number, id: number, group: number): void {
    this.head(Rec.FlowGroup, t);
    this.uint(id);
    this.sint(group);
  }

  /** `link`: the feed's bottleneck link, -1 for the flow's own cap. */
  flowFeed(t: number, id: number, link: number): void {
    this.head(Rec.FlowFeed, t);
    this.uint(id);
    this.sint(link);
  }

  /** `link`: the link that holds a flow in a group of its own (weighted sharing), -1 its own cap. */
  flowHeld(t: number, id: number, link: number): void {
    this.head(Rec.FlowHeld, t);
    this.uint(id);
    this.sint(link);
  }

  flowFor(t: number, id: number, pid: number): void {
    this.head(Rec.FlowFor, t);
    this.uint(id);
    this.uint(pid);
  }

  groupRate(t: number, group: number, rate: number): void {
    this.head(Rec.GroupRate, t);
    this.sint(group);
    this.f64(rate);
  }

  flowEnd(t: number, id: number, status: FlowStatus, delivered: number): void {
    this.head(Rec.FlowEnd, t);
    this.uint(id);
    this.uint(status);
    this.f64(delivered);
  }

  mark(t: number, pid: number, label: string, data?: unknown): void {
    const l = this.string(label);
    this.head(Rec.Mark, t);
    this.uint(pid);
    this.uint(l);
    this.json(data);
  }

  /** Flushes, closes the sink and returns the hash. Idempotent. */
  finish(): TraceSummary {
    if (this.finished) return this.finished;
    this.flush();
    this.sink.close();
    this.finished = { hash: this.hasher.hex(), bytes: this.total, records: this.records };
    return this.finished;
  }

  // ---- encoding ----

  private head(type: Rec, t: number, extra = 0): void {
    if (this.finished) throw new Error('trace: record after finish()');
    const dt = t - this.lastT;
    if (!(dt >= 0)) throw new Error(`trace: time went back from ${this.lastT} to ${t}`);
    this.room(48 + extra);
    this.lastT = t;
    this.records++;
    this.buf[this.pos++] = type;
    this.uint(dt);
  }

  private uint(v: number): void {
    const b = this.buf;
    let p = this.pos;
    if (v < 0x80000000) {
      while (v >= 0x80) { b[p++] = (v & 0x7f) | 0x80; v >>>= 7; }
    } else {
      while (v >= 0x80) { b[p++] = (v % 128) | 0x80; v = Math.floor(v / 128); }
    }
    b[p++] = v;
    this.pos = p;
  }

  private sint(v: number): void {
    this.uint(v < 0 ? -2 * v - 1 : 2 * v);
  }

  private f64(v: number): void {
    this.view.setFloat64(this.pos, v, true);
    this.pos += 8;
  }

  private text(s: string): void {
    const bytes = encoder.encode(s);
    this.room(10 + bytes.length);
    this.uint(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  private json(data: unknown): void {
    if (data === undefined) { this.uint(0); return; }
    if (typeof data !== 'object' || data === null || !Object.isFrozen(data)) { this.text(JSON.stringify(data)); return; }
    // A frozen datum (a patent step's, shared by every record of that step) is encoded once.
    let bytes = FROZEN_JSON.get(data);
    if (bytes === undefined) FROZEN_JSON.set(data, (bytes = encoder.encode(JSON.stringify(data))));
    this.room(10 + bytes.length);
    this.uint(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) {
      this.buf = new Uint8Array(n);
      this.view = new DataView(this.buf.buffer);
    }
  }

  private flush(): void {
    if (this.pos === 0) return;
    const chunk = this.buf.subarray(0, this.pos);
    this.hasher.update(chunk);
    this.sink.write(chunk);
    this.total += this.pos;
    if (this.sink.retains || this.buf.length !== this.chunkSize) {
      this.buf = new Uint8Array(this.chunkSize);
      this.view = new DataView(this.buf.buffer);
    }
    this.pos = 0;
  }
}
