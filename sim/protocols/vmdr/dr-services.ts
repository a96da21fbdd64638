/**
 * The DR services (FIG. 2): they hold the DR plan, hand its backup schedule
 * to the data protection software of every primary host, have each backup
 * replicated when it is stored, and, when the monitor reports the primary
 * lost, run the failover and the restores to alternate hosts themselves
 * (FIG. 3A, 3B). In the manual baseline they only raise the alert; the
 * operator does the rest. A lost alternate host's VMs are restored again on
 * another.
 */
import { perform, receive, send } from '../../engine/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { failover, newState, recoverDisplaced } from './failover.ts';
import { OPERATOR, agentOf, replicatorOf, type Body, type Step } from './messages.ts';
import type { VmdrDef } from './plan.ts';
import { figureStep } from '../../foundation/story.ts';
import { vfig } from './figure.ts';

export function* drServices(_ctx: ProcessContext, def: VmdrDef): Step {
  for (const p of def.primaries) {
    yield send(agentOf(p.hypervisor), { type: 'plan', backup: def.backup, retain: def.retain, prepare: def.prepare, commit: def.commit } satisfies Body, {
      route: p.route, ...figureStep(vfig('2', null), `the DR services give the data protection software on ${p.host} the DR plan (a backup every ${def.backup / 1e9} s)`),
    });
  }
  const state = newState();
  let failedOver = false;
  for (;;) {
    const msg = yield* perform(receive<Body>());
    const b = msg.body;
    if (b.type === 'backup' && def.replication === 'after-backup' && !failedOver) {
      const p = def.primaries.find((x) => x.hypervisor === b.hypervisor)!;
      for (const v of p.volumes) {
        if (v.mirror !== null) yield send(replicatorOf(v.mirror), { type: 'replicate' } satisfies Body, { ...figureStep(vfig('3A', '3'), `the DR services have mirror ${v.mirror} updated after backup ${b.backup} of ${p.host}`) });
      }
    } else if (b.type === 'down') {
      if (def.design === 'manual') {
        yield send(OPERATOR, b, { label: `alert to the operator: ${b.host} lost` });
        continue;
      }
      if (b.role === 'alternate') state.unavailable.add(b.host);
      if (b.role === 'primary' && !failedOver) {
        failedOver = true;
        yield* failover(def, state, 0);
      }
      if (failedOver) yield* recoverDisplaced(def, state, 0);
    }
  }
}
