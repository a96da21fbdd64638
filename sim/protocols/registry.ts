/** The protocols a scenario may name under `protocol:`. */
import type { Protocol } from './protocol.ts';
import { vmdr } from './vmdr/index.ts';

export const PROTOCOLS: readonly Protocol[] = [
  vmdr as Protocol,
];

export function protocolNamed(name: string): Protocol | undefined {
  return PROTOCOLS.find((p) => p.name === name);
}
