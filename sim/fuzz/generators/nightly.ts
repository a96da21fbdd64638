/**
 * Clients backing up every night, as the storage generators (pools, vtl)
 * draw them: 1 to 4 clients, each a daily job in the evening with its data
 * (size, daily change and growth drawn in the ranges given) at levels by
 * calendar, its one step writing the night's `data` at its `level`.
 */
import type { RandomStream } from '../../engine/rng.ts';
import { between, pick, type Doc } from '../draw.ts';

export interface NightlyDraw {
  /** GB */
  size: [number, number];
  /** %/day */
  change: [number, number];
  levels: readonly Doc[];
  step: (client: string) => Doc;
}

export function nightlyClients(w: RandomStream, o: NightlyDraw): { clients: string[]; jobs: Doc } {
  const clients = Array.from({ length: between(w, 1, 4) }, (_, i) => `c${i + 1}`);
  const jobs: Doc = {};
  for (const c of clients) {
    jobs[c] = {
      kind: 'backup', schedule: `daily ${String(between(w, 18, 23)).padStart(2, '0')}:00`,
      data: { size: `${between(w, ...o.size)} GB`, change: `${between(w, ...o.change)} %/day`, growth: `${between(w, 0, 5) / 10} %/day` },
      levels: pick(w, o.levels),
      steps: [o.step(c)],
    };
  }
  return { clients, jobs };
}
