/**
 * A scenario's resolved equipment, by family, typed: `modelOf(scn, 'servers')`
 * is the servers family's Def, not an `unknown` to cast. The Scenario keeps a
 * plain Map (it must stay structured-cloneable); the types come from each
 * family's own declaration, so a family that changes its Def changes them here.
 */
import type { Scenario } from '../foundation/scenario.ts';
import type { Family } from './family.ts';
import type { ethernetFamily } from './ethernet/family.ts';
import type { fcFamily } from './fabrics/family.ts';
import type { hypervisorsFamily } from './hypervisors/family.ts';
import type { tapeFamily } from './libraries/family.ts';
import type { computeFamily } from './servers/family.ts';
import type { storageFamily } from './storage/family.ts';
import type { volumesFamily } from './volumes/family.ts';
import type { vtlFamily } from './vtls/family.ts';
import type { wanFamily } from './wan/family.ts';

type DefOf<F> = F extends Family<infer D> ? D : never;

/** Each family's key (Family.key) and the Def its resolve returns. */
export interface ModelDefs {
  servers: DefOf<typeof computeFamily>;
  ethernet: DefOf<typeof ethernetFamily>;
  wan: DefOf<typeof wanFamily>;
  fabrics: DefOf<typeof fcFamily>;
  libraries: DefOf<typeof tapeFamily>;
  vtls: DefOf<typeof vtlFamily>;
  volumes: DefOf<typeof volumesFamily>;
  storage: DefOf<typeof storageFamily>;
  hypervisors: DefOf<typeof hypervisorsFamily>;
}

export type FamilyKey = keyof ModelDefs;

/** The resolved section of one family (every family resolves, with or without its section in the file). */
export function modelOf<K extends FamilyKey>(scn: Pick<Scenario, 'models'>, family: K): ModelDefs[K] {
  if (!scn.models.has(family)) throw new Error(`the scenario has no resolved '${family}' models: it did not come from sim/scenario's resolution`);
  return scn.models.get(family) as ModelDefs[K];
}
