/**
 * One seed, one whole situation: a valid random scenario (topology within
 * realistic bounds, workload, protocol design, faults at random times) as a
 * plain document, so it can be written out and run again with `backlab run`.
 * One generator per kind (generators/), registered here.
 */
import type { Doc, FaultLevel, Generator } from './draw.ts';
import { network } from './generators/network.ts';
import { lanfree } from './generators/lanfree.ts';
import { feedplex } from './generators/feedplex.ts';
import { remotecopy } from './generators/remotecopy.ts';
import { vmdr } from './generators/vmdr.ts';
import { consistentsnap } from './generators/consistentsnap.ts';
import { pools } from './generators/pools.ts';
import { schedules } from './generators/schedules.ts';
import { vtl } from './generators/vtl.ts';

export const GENERATORS: Readonly<Record<string, Generator>> = {
  network,
  lanfree,
  feedplex,
  remotecopy,
  vmdr,
  consistentsnap,
  pools,
  schedules,
  vtl,
};

export const FUZZ_KINDS: readonly string[] = Object.keys(GENERATORS);

export function generate(kind: string, seed: number, faults: FaultLevel): Doc {
  const g = GENERATORS[kind];
  if (g === undefined) throw new Error(`no scenario generator for '${kind}'; there are: ${FUZZ_KINDS.join(', ')}`);
  return g(seed, faults);
}
