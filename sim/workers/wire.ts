/**
 * A compact binary encoding of plain data, written straight into a shared
 * buffer (the step channel, step-channel.ts) and read back on the other
 * side. It keeps what structured cloning (the message path) keeps and JSON
 * would lose: undefined, -0, NaN and the infinities, property order and
 * presence, Maps, Sets, Dates, bigints and typed arrays; an Error crosses as
 * structured cloning sends one (name, message, stack). A function or a
 * symbol is refused, as postMessage refuses it. So a step is the same
 * whichever channel carried it, and so is the trace.
 *
 * Layout: a tag byte per value; numbers little-endian; strings as UTF-16
 * code units at an even offset (a Uint16Array reads them in one call).
 * A short string is sent once per channel and then by number: the two ends
 * of a channel live as long as its worker and read every message in the
 * order written, so they build the same table (the keys, ops and labels of
 * steps repeat on every trip; spelling them out was most of a trip's cost).
 */

const UNDEFINED = 0, NULL = 1, FALSE = 2, TRUE = 3, INT = 4, FLOAT = 5, STRING = 6, ARRAY = 7, OBJECT = 8, MAP = 9, SET = 10, DATE = 11, BIGINT = 12, ERROR = 13, BYTES = 14, NEW_TEXT = 15, TEXT = 16;
/** Strings up to this length are numbered; at most TABLE_MAX of them per direction of a channel. */
const SHORT = 256, TABLE_MAX = 65_535;

/** The typed arrays that may cross, by their index in this list. */
const TYPED = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array] as const;

/** ES2024's growable SharedArrayBuffer (Node 20, Chromium 111), which this project's TypeScript lib predates. */
export interface GrowableBuffer extends SharedArrayBuffer {
  readonly maxByteLength: number;
  grow(bytes: number): void;
}

export function growableBuffer(bytes: number, maxBytes: number): GrowableBuffer {
  const Growable = SharedArrayBuffer as unknown as new (bytes: number, opts: { maxByteLength: number }) => GrowableBuffer;
  return new Growable(bytes, { maxByteLength: maxBytes });
}

const STANDARD_ERRORS = { EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };

/** Where a message is written: a buffer the writer may grow (a growable SharedArrayBuffer) from byte `start`. */
export class WireWriter {
  private view: DataView;
  /** the same bytes, for the tags and small numbers that make up most of a message */
  private u8: Uint8Array;
  private pos: number;
  /** the strings numbered so far, in the order the reader learns them */
  private readonly ids = new Map<string, number>();
  private readonly table: string[] = [];

  constructor(private readonly buf: GrowableBuffer, private readonly start: number) {
    this.view = new DataView(buf);
    this.u8 = new Uint8Array(buf);
    this.pos = start;
  }

  /** Encodes `v` from the start of the data region; returns its length in bytes. */
  write(v: unknown): number {
    this.pos = this.start;
    const known = this.table.length;
    try {
      this.value(v);
    } catch (e) {
      // The reader never sees this message: it must not learn its strings' numbers either.
      for (const t of this.table.splice(known)) this.ids.delete(t);
      throw e;
    }
    return this.pos - this.start;
  }

  /** A string value or key: by number once it has been sent whole. */
  private text(s: string): void {
    const id = this.ids.get(s);
    if (id !== undefined) {
      this.room(3);
      const u8 = this.u8, p = this.pos;
      u8[p] = TEXT;
      u8[p + 1] = id & 0xff;
      u8[p + 2] = id >>> 8;
      this.pos = p + 3;
      return;
    }
    if (s.length <= SHORT && this.table.length < TABLE_MAX) {
      this.ids.set(s, this.table.length);
      this.table.push(s);
      this.tag(NEW_TEXT);
    } else {
      this.tag(STRING);
    }
    this.str(s);
  }

  private room(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.byteLength) return;
    // Doubling keeps a long message's growth to a few steps; both sides' views follow the shared length.
    const size = Math.min(this.buf.maxByteLength, Math.max(need, this.buf.byteLength * 2));
    if (size < need) throw new RangeError(`a step message of over ${this.buf.maxByteLength} bytes does not fit the channel`);
    this.buf.grow(size);
    this.view = new DataView(this.buf);
    this.u8 = new Uint8Array(this.buf);
  }

  private tag(t: number): void {
    this.room(1);
    this.u8[this.pos++] = t;
  }

  private u32(n: number): void {
    this.room(4);
    this.view.setUint32(this.pos, n, true);
    this.pos += 4;
  }

  private f64(n: number): void {
    this.room(8);
    this.view.setFloat64(this.pos, n, true);
    this.pos += 8;
  }

  private str(s: string): void {
    this.u32(s.length);
    this.pos += this.pos & 1;
    this.room(2 * s.length);
    for (let i = 0; i < s.length; i++, this.pos += 2) this.view.setUint16(this.pos, s.charCodeAt(i), true);
  }

  private value(v: unknown): void {
    switch (typeof v) {
      case 'undefined': return this.tag(UNDEFINED);
      case 'boolean': return this.tag(v ? TRUE : FALSE);
      case 'number':
        if ((v | 0) === v && !Object.is(v, -0)) {
          this.tag(INT);
          this.room(4);
          this.view.setInt32(this.pos, v, true);
          this.pos += 4;
          return;
        }
        this.tag(FLOAT);
        return this.f64(v);
      case 'string':
        return this.text(v);
      case 'bigint':
        this.tag(BIGINT);
        return this.str(v.toString());
      case 'object':
        if (v === null) return this.tag(NULL);
        return this.object(v);
      default:
        throw new TypeError(`a ${typeof v} cannot cross to a worker (only plain data can)`);
    }
  }

  private object(v: object): void {
    // Plain objects and arrays first: they are nearly every value a step carries.
    if (Object.getPrototypeOf(v) === Object.prototype) return this.plain(v as Record<string, unknown>);
    if (Array.isArray(v)) {
      this.tag(ARRAY);
      this.u32(v.length);
      for (const x of v) this.value(x);
    } else if (v instanceof Map) {
      this.tag(MAP);
      this.u32(v.size);
      for (const [k, x] of v) { this.value(k); this.value(x); }
    } else if (v instanceof Set) {
      this.tag(SET);
      this.u32(v.size);
      for (const x of v) this.value(x);
    } else if (v instanceof Date) {
      this.tag(DATE);
      this.f64(v.getTime());
    } else if (v instanceof Error) {
      this.tag(ERROR);
      for (const s of [v.name, v.message, v.stack ?? '']) this.str(String(s));
    } else if (ArrayBuffer.isView(v)) {
      this.bytes(v);
    } else {
      this.plain(v as Record<string, unknown>); // a class's instance crosses as its own fields, as structured cloning sends it
    }
  }

  private plain(v: Record<string, unknown>): void {
    const keys = Object.keys(v);
    this.tag(OBJECT);
    this.u32(keys.length);
    for (const k of keys) { this.text(k); this.value(v[k]); }
  }

  private bytes(v: ArrayBufferView): void {
    const kind = TYPED.findIndex((T) => v instanceof T);
    if (kind < 0) throw new TypeError(`a ${v.constructor.name} cannot cross to a worker`);
    this.tag(BYTES);
    this.tag(kind);
    this.u32(v.byteLength);
    this.room(v.byteLength);
    new Uint8Array(this.buf, this.pos, v.byteLength).set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    this.pos += v.byteLength;
  }
}

/** Reads what a WireWriter wrote into the same (shared) buffer. */
export class WireReader {
  private view!: DataView;
  private u8!: Uint8Array;
  private pos = 0;
  /** the writer's numbered strings, learnt in its order */
  private readonly table: string[] = [];

  constructor(private readonly buf: SharedArrayBuffer, private readonly start: number) {}

  read(): unknown {
    // A fresh view each time: the other side may have grown the buffer.
    this.view = new DataView(this.buf);
    this.u8 = new Uint8Array(this.buf);
    this.pos = this.start;
    return this.value();
  }

  private u32(): number {
    const n = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return n;
  }

  private str(): string {
    const n = this.u32();
    this.pos += this.pos & 1;
    const units = new Uint16Array(this.buf, this.pos, n);
    this.pos += 2 * n;
    let s = '';
    // In slices: an argument list has a length limit.
    for (let i = 0; i < n; i += 8192) s += String.fromCharCode.apply(null, units.subarray(i, i + 8192) as unknown as number[]);
    return s;
  }

  private value(): unknown {
    const tag = this.u8[this.pos++];
    switch (tag) {
      case UNDEFINED: return undefined;
      case NULL: return null;
      case FALSE: return false;
      case TRUE: return true;
      case INT: {
        const n = this.view.getInt32(this.pos, true);
        this.pos += 4;
        return n;
      }
      case FLOAT: {
        const n = this.view.getFloat64(this.pos, true);
        this.pos += 8;
        return n;
      }
      case STRING: return this.str();
      case NEW_TEXT: {
        const t = this.str();
        this.table.push(t);
        return t;
      }
      case TEXT: {
        const p = this.pos;
        this.pos = p + 2;
        return this.table[this.u8[p] | (this.u8[p + 1] << 8)];
      }
      case BIGINT: return BigInt(this.str());
      case ARRAY: {
        const n = this.u32();
        const a: unknown[] = new Array(n);
        for (let i = 0; i < n; i++) a[i] = this.value();
        return a;
      }
      case OBJECT: {
        const n = this.u32();
        const o: Record<string, unknown> = {};
        for (let i = 0; i < n; i++) {
          const k = this.value() as string;
          o[k] = this.value();
        }
        return o;
      }
      case MAP: {
        const n = this.u32();
        const m = new Map<unknown, unknown>();
        for (let i = 0; i < n; i++) {
          const k = this.value();
          m.set(k, this.value());
        }
        return m;
      }
      case SET: {
        const n = this.u32();
        const s = new Set<unknown>();
        for (let i = 0; i < n; i++) s.add(this.value());
        return s;
      }
      case DATE: {
        const t = this.view.getFloat64(this.pos, true);
        this.pos += 8;
        return new Date(t); // the sender's Date rebuilt from its own time value: no clock is read
      }
      case ERROR: return this.error();
      case BYTES: return this.bytes();
      default: throw new RangeError(`unknown tag ${tag} at byte ${this.pos - 1} of a step message`);
    }
  }

  private error(): Error {
    const [name, message, stack] = [this.str(), this.str(), this.str()];
    // The classes structured cloning keeps; any other error arrives as an Error with its name.
    const C = STANDARD_ERRORS[name as keyof typeof STANDARD_ERRORS] ?? Error;
    const e = new C(message);
    if (e.name !== name) e.name = name;
    e.stack = stack;
    return e;
  }

  private bytes(): ArrayBufferView {
    const T = TYPED[this.view.getUint8(this.pos++)];
    const n = this.u32();
    const copy = new Uint8Array(n);
    copy.set(new Uint8Array(this.buf, this.pos, n));
    this.pos += n;
    return new T(copy.buffer, 0, n / T.BYTES_PER_ELEMENT);
  }
}
