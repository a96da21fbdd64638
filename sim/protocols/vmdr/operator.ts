/**
 * The manual baseline's operator: alerted by the DR services' monitoring, he
 * reacts after `reaction`, then performs the same failover and restores by
 * hand, spending `perVm` more on each VM. The steps and their order are the
 * patent's; only the hands differ, so the RTO grows by exactly the
 * operator's time.
 */
import { perform, receive, sleep } from '../../engine/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { failover, newState, recoverDisplaced } from './failover.ts';
import type { Msg, Step } from './messages.ts';
import type { VmdrDef } from './plan.ts';

export function* operator(_ctx: ProcessContext, def: VmdrDef): Step {
  const state = newState();
  let failedOver = false;
  for (;;) {
    const b = (yield* perform(receive<Msg<'down'>>({ type: 'down' }))).body;
    if (b.role === 'alternate') {
      state.unavailable.add(b.host);
      // Nothing of ours runs there: the operator just leaves it out of the plan.
      if (![...state.placements.values()].includes(b.host)) continue;
    }
    if (b.role === 'primary' && failedOver) continue;
    yield sleep(def.operator.reaction, `operator: reacts to the alert (${b.host} lost)`);
    if (b.role === 'primary') {
      failedOver = true;
      yield* failover(def, state, def.operator.perVm);
    }
    yield* recoverDisplaced(def, state, def.operator.perVm);
  }
}
