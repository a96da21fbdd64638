/** The run's findings: copies per node and layer, CPU per host, and which resource did the most work. */
import { cpuLink } from '../../foundation/link-names.ts';
import type { Kernel } from '../../engine/kernel.ts';

import type { ApplicationDef } from './application.ts';
import type { Plan } from './pipeline.ts';
import { copiesPerBlock } from './steps.ts';
import type { RunFinding } from '../../foundation/findings.ts';

/** Memory copies per block, per job and host, by layer. */
export function copiesFinding(plans: readonly Plan[]): RunFinding {
  return {
    kind: 'copies',
    jobs: plans.map((p) => ({ kind: p.kind, job: p.job, hosts: [...copiesPerBlock(p.steps)].map(([host, by]) => ({ host, user: by.user, kernel: by.kernel, network: by.network })) })),
  };
}

/**
 * The link or device that carried the most against its capacity: seconds of
 * work at its full rate. In a pipeline in its steady state that is the one
 * that set the pace.
 */
export function heaviestResource(kernel: Kernel): RunFinding {
  const net = kernel.net;
  let best = -1, work = 0;
  for (let id = 0; id < net.linkCount; id++) {
    const w = net.linkCarried(id) / net.bandwidth[id];
    if (w > work) { best = id; work = w; }
  }
  return { kind: 'heaviest', resource: best < 0 ? null : net.linkNames[best], seconds: work };
}

/** What each host's CPU link carried over its copy rate (applications included). */
export function cpuSecondsByHost(kernel: Kernel, plans: readonly Plan[], apps: readonly ApplicationDef[]): RunFinding {
  const rate = new Map<string, number>();
  for (const s of plans.flatMap((p) => p.steps)) rate.set(s.host, s.copyRate);
  for (const a of apps) if (!rate.has(a.host)) rate.set(a.host, a.work / a.cpu);
  const net = kernel.net;
  return { kind: 'cpu', hosts: [...rate].map(([host, r]) => ({ host, coreSeconds: net.linkCarried(net.linkId(cpuLink(host))) / r })) };
}
