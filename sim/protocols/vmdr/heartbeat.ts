/**
 * A host's answer to the DR services' heartbeats (the cluster service, not
 * the backup software, so a long backup or restore never delays it). On a
 * primary host the answer also probes the storage holding its VMs, so the
 * DR services learn of a storage failure while the host itself lives.
 */
import { receive, send } from '../../engine/commands.ts';
import { storageSnapshotList } from '../../model/storage/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { MONITOR, type Body, type Step } from './messages.ts';
import type { PlanHost } from './plan.ts';

export function* responder(_ctx: ProcessContext, h: PlanHost, volumes: { system: string; volume: string }[]): Step {
  const back = [...h.route].reverse();
  for (;;) {
    yield receive({ type: 'ping' });
    const trouble = yield* probe(volumes);
    const pong: Body = trouble === null ? { type: 'pong', host: h.host, ok: true } : { type: 'pong', host: h.host, ok: false, why: trouble };
    yield send(MONITOR, pong, { route: back, label: `heartbeat from ${h.host}` });
  }
}

/** Why a volume cannot be reached, or null. */
function* probe(volumes: { system: string; volume: string }[]): Step<string | null> {
  for (const v of volumes) {
    try {
      yield storageSnapshotList({ system: v.system, volume: v.volume });
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }
  return null;
}
