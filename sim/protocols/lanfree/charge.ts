/**
 * At the start of the run, each CPU of the data path is priced by the cost
 * law of the layers its design runs there (costs.ts): all at once, before any
 * byte moves.
 */
import { all, type Command, type Custom } from '../../engine/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { hostCharge } from '../../model/servers/commands.ts';
import type { LanFreeDef } from './design.ts';

export function* chargeCpus(_ctx: ProcessContext, def: LanFreeDef): Generator<Command | Custom, void, unknown> {
  yield all(def.charges.map((c) => hostCharge({ host: c.host, cyclesPerByte: c.cyclesPerByte, label: `${c.host}: ${c.layers.join(' + ')} = ${c.cyclesPerByte.toFixed(2)} cycles per byte` })));
}
