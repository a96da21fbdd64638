/**
 * The equipment families a scenario may use, in the order they are resolved
 * and built (a family may refer to names defined by those before it).
 */
import type { Family } from './family.ts';
import { computeFamily } from './compute.ts';
import { ethernetFamily } from './ethernet.ts';
import { fcFamily } from './fc.ts';
import { wanFamily } from './wan.ts';
import { tapeFamily } from './tape.ts';
import { vtlFamily } from './vtl-family.ts';
import { volumesFamily } from './volumes.ts';
import { storageFamily } from './storage.ts';
import { hypervisorsFamily } from './hypervisors.ts';

export const FAMILIES: readonly Family[] = [computeFamily, ethernetFamily, fcFamily, wanFamily, tapeFamily, vtlFamily, volumesFamily, storageFamily, hypervisorsFamily];
