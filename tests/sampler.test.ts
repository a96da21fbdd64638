/**
 * The link sampler's resolution bound (sim/scenario/sampler.ts): a run with
 * many links keeps fewer samples a link, links × samples within a fixed
 * budget, so that a run of 100,000 flows over their own links does not read
 * and store every link a thousand times. The rates stay exact interval means:
 * summed over the run they give back every byte each link carried.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Kernel } from '../sim/engine/kernel.ts';
import { transfer } from '../sim/engine/commands.ts';
import { LinkSampler, maxSamples } from '../sim/scenario/sampler.ts';
import { seconds } from '../sim/foundation/time.ts';

test('the bound: 1000 samples for a few links, links x samples within a million past 1000 links, never below 16', () => {
  assert.is(maxSamples(1), 1000);
  assert.is(maxSamples(61), 1000);
  assert.is(maxSamples(1000), 1000);
  assert.is(maxSamples(4000), 250);
  assert.is(maxSamples(100_001), 16);
  assert.is(maxSamples(10_000_000), 16);
});

test('4,001 links: at most 250 samples kept, and the rates give back every byte carried', () => {
  const n = 4000;
  const k = new Kernel({ seed: 1 });
  k.net.addLink('bb', { bandwidth: 1e10 });
  for (let i = 0; i < n; i++) k.net.addLink(`h${i}`, { bandwidth: 1e9 });
  // Staggered sizes: flows end one by one, each link's rate changes mid-run.
  for (let i = 0; i < n; i++) k.spawn(`f${i}`, function* () { yield transfer([`h${i}`, 'bb'], 1e7 + 1e4 * i); });
  const sampler = new LinkSampler(k.net, seconds(0.001));
  let boundaries = 0;
  for (;;) {
    const r = k.run({ until: sampler.next });
    sampler.sample(r.reason === 'idle' ? k.lastEvent : k.now);
    boundaries++;
    if (r.reason === 'idle') break;
  }
  const { t, series } = sampler.timeseries();
  assert.ok(boundaries > 250, `${boundaries} boundaries`);
  assert.ok(t.length <= maxSamples(n + 1) && t.length > maxSamples(n + 1) / 2, `${t.length} samples kept`);
  const end = k.lastEvent / 1e9;
  for (const l of [0, 1, 2000, n]) {
    let sum = 0;
    for (let i = 0; i < t.length; i++) sum += series[l].rate[i] * ((i + 1 < t.length ? t[i + 1] : end) - t[i]);
    const carried = k.net.linkCarried(l);
    assert.ok(Math.abs(sum - carried) <= 1e-9 * carried, `${series[l].name}: rates sum to ${sum} B, carried ${carried} B`);
  }
});

test.run();
