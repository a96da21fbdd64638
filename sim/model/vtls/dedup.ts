/**
 * A deduplicating store's answer to "how much of this write is new?", drawn
 * from a seeded model of new and repeated chunks instead of real data.
 *
 * A backup stream is cut into chunks (HP D2D: average chunk up to 4 KB). The
 * first write of a dataset finds nothing to match, so every chunk is new. A
 * later write of the same dataset repeats what is stored except the chunks
 * that changed: each chunk of the repeated part is new with probability c
 * (the change rate), independently, so the number of new chunks is
 * Binomial(n, c). Bytes beyond the largest size the dataset has had are new
 * too (the dataset grew). New chunks are compressed before they are stored
 * (HP: "expect 1.6:1 compression even on the first backup").
 *
 * Drawing the Binomial (so a 1 TB write, 250 million chunks, costs O(1), and
 * the draws are a pure function of the stream):
 * - n ≤ 1024 chunks: one Bernoulli(c) draw per chunk, exactly as stated;
 * - else if n·min(c, 1−c) < 30: exact inversion of the Binomial CDF, walking
 *   the pmf up from 0 with p(k+1) = p(k)·(n−k)/(k+1)·c/(1−c): about n·c + 1
 *   steps, and p(0) = (1−c)^n ≥ e^−31 stays far from underflow;
 * - else the normal approximation N(nc, nc(1−c)) rounded to an integer and
 *   clamped to [0, n]. Here nc(1−c) ≥ 15, above the usual np(1−p) > 9 rule,
 *   and the relative error of the mean is below one chunk.
 * One uniform (or one normal) per write is drawn in the last two cases, so
 * runs are fast at TB scale and exactly reproducible for a seed.
 */
import type { RandomStream } from '../../engine/rng.ts';
import type { Resolved } from '../../foundation/declare.ts';
import type { DEDUP } from './section.ts';
import { DatasetReferences } from './references.ts';

/** chunk and reference in bytes, change a share 0..1, compression x:1 (the fields say more). */
export type DedupParams = Resolved<typeof DEDUP>;

/** What one write did to the store. */
export interface DedupWrite {
  /** logical bytes written */
  bytes: number;
  /** chunks the write was cut into */
  chunks: number;
  /** chunks not already stored */
  newChunks: number;
  /** bytes of the new chunks, before compression */
  newBytes: number;
  /** bytes the new chunks take on disk: newBytes / compression */
  storedBytes: number;
}

/** Exact for small n, inversion for a small mean, normal approximation otherwise (see the file's comment). */
export function binomial(n: number, p: number, rng: RandomStream): number {
  if (!(Number.isSafeInteger(n) && n >= 0)) throw new RangeError(`binomial: n must be a whole number >= 0, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomial: p must be in [0, 1], got ${p}`);
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  if (n <= 1024) {
    let k = 0;
    for (let i = 0; i < n; i++) if (rng.bernoulli(p)) k++;
    return k;
  }
  // Draw the rarer outcome and flip, so the walk and the clamp work on the short side.
  const flip = p > 0.5;
  const q = flip ? 1 - p : p;
  let k: number;
  if (n * q < 30) {
    const u = rng.next();
    const odds = q / (1 - q);
    let pmf = Math.exp(n * Math.log1p(-q));
    let cdf = pmf;
    k = 0;
    while (u >= cdf && k < n) {
      pmf *= ((n - k) / (k + 1)) * odds;
      k++;
      cdf += pmf;
      if (pmf === 0) break; // past the mass: rounding left u above the summed CDF
    }
  } else {
    k = Math.min(n, Math.max(0, Math.round(rng.normal(n * q, Math.sqrt(n * q * (1 - q))))));
  }
  return flip ? n - k : k;
}

/**
 * The store's figures: logical bytes of the versions it keeps, stored bytes
 * (garbage included: expired versions' chunks stay on disk until garbage
 * collection frees them), and garbage.
 */
export class DedupStore {
  /** the largest size each dataset has been written at */
  private readonly datasets = new Map<string, number>();
  private readonly refs = new Map<string, DatasetReferences>();
  logical = 0;
  stored = 0;
  garbage = 0;

  constructor(
    readonly params: DedupParams,
    private readonly rng: RandomStream,
  ) {}

  /** Whether this dataset has been written before (its next write can match chunks). */
  has(dataset: string): boolean {
    return this.datasets.has(dataset);
  }

  /** The dataset's image: the largest size it has been written at (0 when unknown). */
  image(dataset: string): number {
    return this.datasets.get(dataset) ?? 0;
  }

  /**
   * Decides how much of a write of `bytes` of `dataset` is new, drawing from
   * the store's stream, without recording it; `change` overrides the store's
   * change rate for this write. Deciding when a write starts keeps the draws
   * in the order writes start, whatever order they end in.
   */
  plan(dataset: string, bytes: number, change = this.params.change): DedupWrite {
    if (!(bytes >= 0 && Number.isFinite(bytes))) throw new RangeError(`a write needs a finite number of bytes >= 0, got ${bytes}`);
    if (!(change >= 0 && change <= 1)) throw new RangeError(`the change rate is a share of the chunks, 0 to 1, got ${change}`);
    const { chunk, compression } = this.params;
    const repeated = Math.min(bytes, this.datasets.get(dataset) ?? 0);
    const fresh = bytes - repeated;
    const changed = binomial(Math.ceil(repeated / chunk), change, this.rng);
    const newBytes = fresh + Math.min(repeated, changed * chunk);
    const chunks = Math.ceil(bytes / chunk);
    const newChunks = Math.min(chunks, changed + Math.ceil(fresh / chunk));
    return { bytes, chunks, newChunks, newBytes, storedBytes: newBytes / compression };
  }

  /**
   * Records a planned write, or the part of it that arrived (`delivered`
   * bytes of a write that failed: its new chunks in proportion), as the
   * dataset's next version; returns what was recorded and the version's
   * index among the dataset's versions.
   */
  commit(dataset: string, w: DedupWrite, delivered = w.bytes): { done: DedupWrite; index: number } {
    const share = w.bytes > 0 ? Math.min(1, delivered / w.bytes) : 1;
    const done: DedupWrite = share === 1 ? w : {
      bytes: delivered,
      chunks: Math.ceil(w.chunks * share),
      newChunks: Math.round(w.newChunks * share),
      newBytes: w.newBytes * share,
      storedBytes: w.storedBytes * share,
    };
    const before = this.datasets.get(dataset) ?? 0;
    // The changed chunks (new, but not beyond the image: those are growth) replace their old copies.
    const changed = Math.max(0, done.newBytes - Math.max(0, done.bytes - before));
    const refs = this.refs.get(dataset) ?? new DatasetReferences();
    this.refs.set(dataset, refs);
    const index = refs.write(before > 0 ? Math.min(1, changed / before) : 0, done.storedBytes);
    this.datasets.set(dataset, Math.max(before, done.bytes));
    this.logical += done.bytes;
    this.stored += done.storedBytes;
    return { done, index };
  }

  /** plan then commit: a write that arrives whole. */
  write(dataset: string, bytes: number, change = this.params.change): DedupWrite {
    return this.commit(dataset, this.plan(dataset, bytes, change)).done;
  }

  /**
   * Versions of `dataset` (indices) expired, standing for `logical` bytes:
   * what no retained version references any more becomes garbage. A dataset
   * with no version left has nothing to match its next write against.
   */
  expire(dataset: string, indices: readonly number[], logical: number): void {
    const refs = this.refs.get(dataset);
    if (refs === undefined || indices.length === 0) return;
    this.garbage += refs.expire(indices);
    this.logical -= logical;
    if (refs.empty()) this.datasets.delete(dataset);
  }

  /** Garbage collection freed up to `bytes` of garbage; returns what it freed. */
  collect(bytes: number): number {
    const freed = Math.min(bytes, this.garbage);
    this.garbage -= freed;
    this.stored -= freed;
    return freed;
  }

  /** Stored bytes a retained version references: stored less garbage, summed over the datasets. */
  referenced(): number {
    let a = 0;
    for (const r of this.refs.values()) a += r.referenced();
    return a;
  }
}
