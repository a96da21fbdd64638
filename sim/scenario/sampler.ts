/**
 * Mean link throughput per sampling interval, read from the network's byte
 * counters at interval boundaries: exact averages, no events added to the
 * run (so the trace and its hash do not depend on the interval). Past
 * MAX_SAMPLES boundaries it halves its resolution, keeping every other one,
 * so a long run's report stays small and its charts readable. With many
 * links the bound is lower, so that links × samples stays within MAX_CELLS:
 * a run of 100,000 flows each on its own host link then keeps 16 samples a
 * link, not 1000, and reading the links at every boundary (O(links) each)
 * costs the run O(MAX_CELLS) in all, not O(links × 1000).
 */
import type { Network } from '../net/network.ts';
import type { Timeseries } from '../foundation/result.ts';

const MAX_SAMPLES = 1000;
/** Links × samples kept at most, past MIN_SAMPLES: 8 MB of carried bytes, what a report can still hold. */
const MAX_CELLS = 1_000_000;
const MIN_SAMPLES = 16;

/** How many samples a run with this many links keeps before it halves its resolution. */
export function maxSamples(links: number): number {
  return Math.max(MIN_SAMPLES, Math.min(MAX_SAMPLES, Math.floor(MAX_CELLS / Math.max(1, links))));
}

export class LinkSampler {
  private readonly times: number[] = [0];
  /**
   * Every link's carried bytes at each boundary kept, a row per boundary:
   * one typed array a reading, where a column per link pushed 100,000 small
   * arrays' worth of growth and garbage at every boundary.
   */
  private readonly carried: Float64Array[];
  private taken = false;
  private readonly most: number;

  /** Links that stand for a device (a drive, a host's copy bandwidth) are sampled as devices. */
  constructor(private readonly net: Network, public interval: number, private readonly devices: ReadonlyMap<number, string> = new Map()) {
    this.carried = [new Float64Array(net.linkCount)];
    this.most = maxSamples(net.linkCount);
  }

  /** The next boundary after the last one kept. */
  get next(): number {
    return this.times[this.times.length - 1] + this.interval;
  }

  sample(t: number): void {
    if (t <= this.times[this.times.length - 1]) return;
    const row = new Float64Array(this.net.linkCount);
    this.net.carriedInto(row);
    this.carried.push(row);
    this.times.push(t);
    if (this.times.length > this.most + 1) this.coarsen();
  }

  /**
   * One rate array per link over the shared time axis: what timeseries.csv,
   * the charts and the peaks read. Once, at the end; the readings are let go
   * as their rates are taken.
   */
  timeseries(): Timeseries {
    if (this.taken) throw new Error('LinkSampler.timeseries() turns the samples into rates: call it once');
    this.taken = true;
    const n = this.times.length - 1;
    const t = this.times.slice(0, n).map((x) => x / 1e9);
    const seconds = Array.from({ length: n }, (_, k) => (this.times[k + 1] - this.times[k]) / 1e9);
    const c = this.carried;
    const series = this.net.linkNames.map((name, l) => {
      const rate: number[] = [];
      for (let k = 0; k < n; k++) rate.push((c[k + 1][l] - c[k][l]) / seconds[k]);
      return { kind: this.devices.has(l) ? 'device' as const : 'link' as const, name, bandwidth: this.net.bandwidth[l], rate };
    });
    c.length = 0;
    return { t, series };
  }

  private coarsen(): void {
    let j = 0;
    for (let k = 0; k < this.times.length; k += 2, j++) {
      this.times[j] = this.times[k];
      this.carried[j] = this.carried[k];
    }
    this.times.length = j;
    this.carried.length = j;
    this.interval *= 2;
  }
}
