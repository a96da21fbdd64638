/** Small helpers to build kernels for tests. */
import { Kernel } from '../../sim/engine/kernel.ts';
import { transfer } from '../../sim/engine/commands.ts';
import type { TransferResult } from '../../sim/engine/commands.ts';
import { MemorySink } from '../../sim/trace/sink.ts';

export interface FlowSpec {
  name: string;
  route: string[];
  bytes: number;
  start?: number;
  cap?: number;
}

export interface FlowOutcome {
  result?: TransferResult;
  error?: Error;
}

/** A kernel with the given links and one actor per flow; outcomes fill in as the run goes. */
export function flowWorld(links: Record<string, { bandwidth: number; latency?: number; flowCap?: number }>, flows: FlowSpec[], seed = 1) {
  const sink = new MemorySink();
  const kernel = new Kernel({ seed, sink });
  for (const [name, spec] of Object.entries(links)) kernel.net.addLink(name, spec);
  const outcomes: Record<string, FlowOutcome> = {};
  for (const f of flows) {
    outcomes[f.name] = {};
    kernel.spawn(f.name, function* (ctx) {
      if (f.start) yield { op: 'sleep', duration: f.start };
      try {
        outcomes[f.name].result = (yield transfer(f.route, f.bytes, { cap: f.cap })) as TransferResult;
      } catch (e) {
        outcomes[f.name].error = e as Error;
      }
      void ctx;
    });
  }
  return { kernel, outcomes, sink };
}

/** Rates of the live flows, keyed by owner actor name. */
export function ratesByActor(kernel: Kernel): Record<string, number> {
  const out: Record<string, number> = {};
  const names = kernel.actorNames();
  for (const f of kernel.net.flows()) out[names[f.ownerPid - 1]] = f.rate;
  return out;
}
