import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Kernel } from '../sim/engine/kernel.ts';
import { sleep, transfer } from '../sim/engine/commands.ts';
import { seconds } from '../sim/foundation/time.ts';
import { LinkSampler } from '../sim/scenario/sampler.ts';

/**
 * Staggered flows over a shared backbone, some capped, some sharing a
 * host link, with the backbone re-rated twice and one host link failing:
 * flows join and leave groups, groups change rate, a failed flow keeps
 * what it had delivered.
 */
function world(): { k: Kernel; links: number } {
  const k = new Kernel({ seed: 1 });
  k.net.addLink('bb', { bandwidth: 1e9 });
  for (let h = 0; h < 4; h++) k.net.addLink(`h${h}`, { bandwidth: 4e8 });
  for (let i = 0; i < 24; i++) {
    const host = `h${i % 4}`;
    k.spawn(`f${i}`, function* () {
      yield sleep(seconds(0.37 * i));
      try {
        yield transfer([host, 'bb'], 1e8 + 3.3e7 * (i % 5), i % 3 === 0 ? { cap: 5e7 + 1e7 * i } : {});
      } catch { /* the h3 failure */ }
    });
  }
  const bb = k.net.linkId('bb');
  k.at(seconds(2.05), () => k.net.setBandwidth(bb, 6e8));
  k.at(seconds(4.5), () => k.net.setBandwidth(bb, 1.3e9));
  k.at(seconds(5.3), () => k.net.setLinkUp(k.net.linkId('h3'), false));
  return { k, links: k.net.linkCount };
}

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1);

test('the sampled link bytes equal the carried bytes summed over the flows, at every boundary', () => {
  const { k, links } = world();
  const out = new Float64Array(links);
  let boundaries = 0, moving = 0;
  // A fine grid (every 10 ms) lands on instants where flows finish, start and are re-rated.
  for (let t = seconds(0.01); ; t += seconds(0.01)) {
    const r = k.run({ until: t });
    k.net.carriedInto(out);
    for (let l = 0; l < links; l++) {
      const exact = k.net.linkCarried(l);
      assert.ok(close(out[l], exact), `link ${k.net.linkNames[l]} at ${t} ns: sampled ${out[l]}, flows carried ${exact}`);
    }
    boundaries++;
    moving += k.net.liveFlows > 0 ? 1 : 0;
    if (r.reason === 'idle') break;
  }
  assert.ok(boundaries > 500 && moving > 500, `${boundaries} boundaries, ${moving} with flows moving`);
  // At the end every byte was counted once per link of its flow's route.
  const bb = k.net.linkId('bb');
  assert.ok(close(out[bb], k.net.delivered), `bb carried ${out[bb]}, delivered ${k.net.delivered}`);
  assert.ok(k.net.lost > 0, 'the h3 failure cut flows short');
});

test("the sampler's rates are the carried bytes' differences over each interval", () => {
  const { k, links } = world();
  const sampler = new LinkSampler(k.net, seconds(0.25));
  const carried: number[][] = [new Array(links).fill(0)];
  for (;;) {
    const r = k.run({ until: sampler.next });
    const t = r.reason === 'idle' ? k.lastEvent : k.now;
    sampler.sample(t);
    carried.push(Array.from({ length: links }, (_, l) => k.net.linkCarried(l)));
    if (r.reason === 'idle') break;
  }
  const { t, series } = sampler.timeseries();
  assert.is(t.length, carried.length - 1);
  for (let l = 0; l < links; l++) {
    for (let i = 0; i < t.length; i++) {
      const dt = (i + 1 < t.length ? t[i + 1] : k.lastEvent / 1e9) - t[i];
      const expected = (carried[i + 1][l] - carried[i][l]) / dt;
      assert.ok(Math.abs(series[l].rate[i] - expected) <= 1e-9 * Math.max(Math.abs(expected), series[l].bandwidth), `${series[l].name} interval ${i}: ${series[l].rate[i]} vs ${expected}`);
    }
  }
});

test.run();
