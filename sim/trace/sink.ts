/**
 * Where trace bytes go. A sink receives chunks, in order, once each. A sink
 * that keeps chunks says `retains`, and the recorder then never touches a
 * chunk again; otherwise the recorder reuses the buffer after write() returns.
 */
export interface TraceSink {
  readonly retains?: boolean;
  write(chunk: Uint8Array): void;
  close(): void;
}

/** Keeps nothing: the run still gets its hash. */
export class NullSink implements TraceSink {
  write(_chunk: Uint8Array): void {}
  close(): void {}
}

/** Keeps every chunk in memory, for tests and the visualizer. */
export class MemorySink implements TraceSink {
  readonly retains = true;
  readonly chunks: Uint8Array[] = [];
  write(chunk: Uint8Array): void {
    this.chunks.push(chunk);
  }
  close(): void {}
  bytes(): Uint8Array {
    const n = this.chunks.reduce((s, c) => s + c.length, 0);
    const out = new Uint8Array(n);
    let o = 0;
    for (const c of this.chunks) { out.set(c, o); o += c.length; }
    return out;
  }
}
