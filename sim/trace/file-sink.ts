/**
 * Streams a trace to a file as it is produced, so a long run's memory stays
 * bounded. Node only. Writes to NAME.partial and renames on close, so a run
 * that dies leaves no file that looks complete.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import type { TraceSink } from './sink.ts';

export class FileSink implements TraceSink {
  private fd: number;
  private readonly partial: string;
  constructor(private readonly path: string) {
    this.partial = `${path}.partial`;
    this.fd = openSync(this.partial, 'w');
  }
  write(chunk: Uint8Array): void {
    let off = 0;
    while (off < chunk.length) off += writeSync(this.fd, chunk, off, chunk.length - off);
  }
  close(): void {
    if (this.fd < 0) return;
    closeSync(this.fd);
    this.fd = -1;
    renameSync(this.partial, this.path);
  }
  /** Gives up: removes the partial file. */
  abort(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    rmSync(this.partial, { force: true });
  }
}
