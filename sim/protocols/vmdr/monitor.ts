/**
 * The DR services' watch over the plan's hosts: a heartbeat to each host
 * every interval, answered over the network (heartbeat.ts). A host
 * that misses `missed` heartbeats in a row, or whose answer says its storage
 * cannot be reached, is reported lost to the DR services, once.
 */
import { perform, receive, send } from '../../engine/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { SERVICES, heartbeatOf, type Body, type Msg, type Step } from './messages.ts';
import type { PlanHost } from './plan.ts';

export interface Watched extends PlanHost {
  role: 'primary' | 'alternate';
}

export function* monitor(ctx: ProcessContext, hosts: Watched[], heartbeat: number, missed: number): Step {
  const misses = new Map(hosts.map((h) => [h.host, 0]));
  const lost = new Set<string>();
  const report = (h: Watched, why: string) => {
    lost.add(h.host);
    return send(SERVICES, { type: 'down', host: h.host, role: h.role, why } satisfies Body, { label: `DR services: host ${h.host} lost (${why})` });
  };
  for (;;) {
    const deadline = ctx.now + heartbeat;
    const watched = hosts.filter((h) => !lost.has(h.host));
    for (const h of watched) yield send(heartbeatOf(h.host), { type: 'ping' } satisfies Body, { route: h.route, label: `heartbeat to ${h.host}` });
    const answered = new Set<string>();
    while (ctx.now < deadline) {
      const m = yield* perform(receive<Msg<'pong'>>({ type: 'pong' }, deadline - ctx.now));
      if (m === null) break;
      answered.add(m.body.host);
      const h = watched.find((x) => x.host === m.body.host);
      if (h !== undefined && !m.body.ok && !lost.has(h.host)) yield report(h, m.body.why ?? 'storage unreachable');
    }
    for (const h of watched) {
      if (lost.has(h.host)) continue;
      const n = answered.has(h.host) ? 0 : misses.get(h.host)! + 1;
      misses.set(h.host, n);
      if (n >= missed) yield report(h, `${n} heartbeats missed`);
    }
  }
}
