/**
 * The composition root: the one place that knows every equipment family,
 * every protocol and every actor a worker may rebuild. The scenario layer
 * resolves and builds through it, the workers rebuild actors and errors
 * through it; nothing below it names a family or a protocol it does not own.
 */
import { NetworkError } from './net/links.ts';
import { ActorCrash, ActorKilled, CommandError, Interrupt, TimeRangeError, TransferFailed } from './engine/errors.ts';
import type { ProcessFn } from './engine/kernel.ts';
import type { ErrorClass, Family } from './model/family.ts';
import { computeFamily } from './model/servers/family.ts';
import { ethernetFamily } from './model/ethernet/family.ts';
import { fcFamily } from './model/fabrics/family.ts';
import { wanFamily } from './model/wan/family.ts';
import { tapeFamily } from './model/libraries/family.ts';
import { vtlFamily } from './model/vtls/family.ts';
import { volumesFamily } from './model/volumes/family.ts';
import { storageFamily } from './model/storage/family.ts';
import { hypervisorsFamily } from './model/hypervisors/family.ts';
import { poolsFamily } from './model/pools/family.ts';

import type { Protocol } from './protocols/protocol.ts';
import { lanfreeProtocol } from './protocols/lanfree/lanfree.ts';
import { feedplex } from './protocols/feedplex/index.ts';
import { remoteCopy } from './protocols/remotecopy/index.ts';
import { consistentsnap } from './protocols/consistentsnap/index.ts';
import { vmdr } from './protocols/vmdr/index.ts';
import { workloadFlow, workloadJob } from './protocols/common/workload.ts';
import { ActorCatalog } from './engine/actor-catalog.ts';

/** The families, in the order they are resolved and built (a family may refer to names defined by those before it). */
export const FAMILIES: readonly Family[] = [computeFamily, ethernetFamily, fcFamily, wanFamily, tapeFamily, vtlFamily, volumesFamily, storageFamily, hypervisorsFamily, poolsFamily];

/** The protocols a scenario may name under `protocol:`. */
export const PROTOCOLS: readonly Protocol[] = [
  lanfreeProtocol as Protocol,
  feedplex as Protocol,
  remoteCopy as Protocol,
  consistentsnap as Protocol,
  vmdr as Protocol,
];

export function protocolNamed(name: string): Protocol | undefined {
  return PROTOCOLS.find((p) => p.name === name);
}

/**
 * The process functions a worker can rebuild an actor from, each under a
 * stable id: the scenario's job and flow actors (`scenario/job`,
 * `scenario/flow`) and every protocol's `actors` (`lanfree/client`, ...).
 */
export const ACTOR_CATALOG = new ActorCatalog([
  ['scenario/job', workloadJob as ProcessFn],
  ['scenario/flow', workloadFlow as ProcessFn],
  ...PROTOCOLS.flatMap((p) => Object.entries(p.actors).map(([key, fn]): [string, ProcessFn] => [`${p.name}/${key}`, fn])),
]);

/**
 * The error classes that keep their class across a worker boundary, by a
 * written-out key (a bundler renames classes): the engine's, the network's,
 * each family's own (Family.errors), and JavaScript's.
 */
export const ERROR_CLASSES: Readonly<Record<string, ErrorClass>> = {
  Interrupt, TransferFailed, CommandError, ActorCrash, ActorKilled, TimeRangeError, NetworkError,
  ...Object.assign({}, ...FAMILIES.map((f) => f.errors ?? {})),
  RangeError, TypeError, SyntaxError, ReferenceError, Error,
};
