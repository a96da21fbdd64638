/** The protocols a scenario may name under `protocol:`. */
import type { Protocol } from './protocol.ts';
import { remoteCopy } from './remotecopy/index.ts';

export const PROTOCOLS: readonly Protocol[] = [
  remoteCopy as Protocol,
];

export function protocolNamed(name: string): Protocol | undefined {
  return PROTOCOLS.find((p) => p.name === name);
}
