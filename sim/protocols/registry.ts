/** The protocols a scenario may name under `protocol:`. */
import type { Protocol } from './protocol.ts';
import { lanfreeProtocol } from './lanfree/lanfree.ts';
import { feedplex } from './feedplex/index.ts';
import { remoteCopy } from './remotecopy/index.ts';
import { consistentsnap } from './consistentsnap/index.ts';
import { vmdr } from './vmdr/index.ts';

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
