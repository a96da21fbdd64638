/**
 * What every run of the lanfree protocol must show, whatever the topology and
 * the faults: the LAN-free designs keep data off the physical LAN unless a
 * client fell back or its address is on another server; only the dedicated
 * design reconfigures tape paths; a session that completes moved exactly its
 * bytes.
 */
import type { ProtocolInvariant } from '../protocol.ts';
import type { LanFreeDef } from './design.ts';
import { sessionName } from './schedule.ts';

/** Whether any client route to a storage agent crosses a physical link (FIG. 5 across servers). */
const crossesLan = (def: LanFreeDef): boolean =>
  Object.values(def.routes).some((byServer) => Object.values(byServer).some((r) => r.toAgent.some((l) => def.physical.includes(l))));

export const LANFREE_INVARIANTS: ProtocolInvariant<LanFreeDef>[] = [
  {
    name: 'LAN-free data stays off the physical LAN',
    check(def, r) {
      if (def.design === 'lan' || r.metrics.lan_fallbacks > 0 || crossesLan(def)) return null;
      return r.metrics.lan_bytes === 0 ? null : `${def.design} design without a fallback put ${r.metrics.lan_bytes} data bytes on the physical LAN`;
    },
  },
  {
    name: 'a completed session moved exactly its bytes',
    check(def, r) {
      for (const [kind, sessions] of [['backup', def.backups], ['restore', def.restores]] as const) {
        for (const s of sessions) {
          const j = r.jobs.find((x) => x.name === `${kind} ${sessionName(s)}`);
          if (j === undefined) continue;
          if (j.status === 'completed' && j.bytes !== s.bytes) return `${j.name} completed with ${j.bytes} bytes of ${s.bytes}`;
          if (j.bytes > s.bytes) return `${j.name} moved ${j.bytes} bytes, more than its ${s.bytes}`;
        }
      }
      return null;
    },
  },
];
