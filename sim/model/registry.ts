/**
 * The equipment families a scenario may use, in the order they are resolved
 * and built (a family may refer to names defined by those before it).
 */
import type { Family } from './family.ts';

export const FAMILIES: readonly Family[] = [];
