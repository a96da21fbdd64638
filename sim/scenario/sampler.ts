/**
 * Mean link throughput per sampling interval, read from the network's byte
 * counters at interval boundaries: exact averages, no events added to the
 * run (so the trace and its hash do not depend on the interval). Past
 * MAX_SAMPLES boundaries it halves its resolution, keeping every other one,
 * so a long run's report stays small and its charts readable.
 */
import type { Network } from '../net/network.ts';
import type { Timeseries } from '../foundation/result.ts';

const MAX_SAMPLES = 1000;

export class LinkSampler {
  private readonly times: number[] = [0];
  private readonly carried: Float64Array[];

  /** Links that stand for a device (a drive, a host's copy bandwidth) are sampled as devices. */
  constructor(private readonly net: Network, public interval: number, private readonly devices: ReadonlyMap<number, string> = new Map()) {
    this.carried = [new Float64Array(net.linkCount)];
  }

  /** The next boundary after the last one kept. */
  get next(): number {
    return this.times[this.times.length - 1] + this.interval;
  }

  sample(t: number): void {
    if (t <= this.times[this.times.length - 1]) return;
    const c = new Float64Array(this.net.linkCount);
    this.net.carriedInto(c);
    this.times.push(t);
    this.carried.push(c);
    if (this.times.length > MAX_SAMPLES + 1) this.coarsen();
  }

  /** One rate array per link over the shared time axis: what timeseries.csv, the charts and the peaks read, and nothing per sample. */
  timeseries(): Timeseries {
    const n = this.times.length - 1;
    const t = this.times.slice(0, n).map((x) => x / 1e9);
    const series = this.net.linkNames.map((name, l) => {
      const rate = new Array<number>(n);
      for (let k = 0; k < n; k++) rate[k] = (this.carried[k + 1][l] - this.carried[k][l]) / ((this.times[k + 1] - this.times[k]) / 1e9);
      return { kind: this.devices.has(l) ? 'device' as const : 'link' as const, name, bandwidth: this.net.bandwidth[l], rate };
    });
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
