/** Words for the run's findings: copies per node and layer, and which resource did the most work. */
import { cpuLink } from '../../foundation/link-names.ts';
import type { Kernel } from '../../engine/kernel.ts';

import type { ApplicationDef } from './application.ts';
import type { Plan } from './pipeline.ts';
import { copiesPerBlock, type Layer } from './steps.ts';

const LAYERS: Layer[] = ['user', 'kernel', 'network'];

/** "backup b1: node50 3 (user 2, kernel 1), node70 4 (...)", one clause per job. */
export function describeCopies(plans: readonly Plan[]): string {
  return plans.map((p) => {
    const rows = [...copiesPerBlock(p.steps)].map(([host, by]) => {
      const total = LAYERS.reduce((a, l) => a + by[l], 0);
      return `${host} ${total} (${LAYERS.filter((l) => by[l] > 0).map((l) => `${l} ${by[l]}`).join(', ')})`;
    });
    return `${p.kind} ${p.job}: ${rows.join(', ')} memory copies per block`;
  }).join('; ');
}

/**
 * The link or device that carried the most against its capacity: seconds of
 * work at its full rate. In a pipeline in its steady state that is the one
 * that set the pace.
 */
export function heaviestResource(kernel: Kernel): string {
  const net = kernel.net;
  let best = -1, work = 0;
  for (let id = 0; id < net.linkCount; id++) {
    const w = net.linkCarried(id) / net.bandwidth[id];
    if (w > work) { best = id; work = w; }
  }
  if (best < 0) return 'no link or device carried bytes';
  return `${net.linkNames[best]}: ${work.toFixed(2)} s of work at its full rate, the most of any link or device`;
}

/** "node50 10.00, node70 11.00 core-seconds": what each host's CPU link carried over its copy rate (applications included). */
export function cpuSecondsByHost(kernel: Kernel, plans: readonly Plan[], apps: readonly ApplicationDef[]): string {
  const rate = new Map<string, number>();
  for (const s of plans.flatMap((p) => p.steps)) rate.set(s.host, s.copyRate);
  for (const a of apps) if (!rate.has(a.host)) rate.set(a.host, a.work / a.cpu);
  const net = kernel.net;
  return `${[...rate].map(([host, r]) => `${host} ${(net.linkCarried(net.linkId(cpuLink(host))) / r).toFixed(2)}`).join(', ')} core-seconds (copies and applications)`;
}
