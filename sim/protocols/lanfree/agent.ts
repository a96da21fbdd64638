/**
 * The storage agent ("API LAN-SAN") in a LAN-free server partition: the
 * TCP/IP to Fibre Channel gateway. It answers the sessions clients open at
 * the backup vLAN address (FIG. 5); the data of each session then streams
 * through the partition's virtual Ethernet adapter, its CPU (the conversion,
 * one copy per byte) and its FC HBA to the drive (FIG. 3 steps 5-7), which
 * the client's transfers carry.
 */
import { perform, receive, send, type Command, type Custom } from '../../engine/commands.ts';
import { partitionWhere } from '../../model/servers/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import type { LanFreeDef } from './design.ts';
import type { OpenSession } from './messages.ts';
import { figureStep } from '../../foundation/story.ts';
import { fig } from './figure.ts';

/** Serves for the whole run: a blocked receive keeps no run alive. */
export function* storageAgent(_ctx: ProcessContext, def: LanFreeDef, partition: string): Generator<Command | Custom, void, unknown> {
  for (;;) {
    const env = yield* perform(receive<OpenSession>({ type: 'open' }));
    const m = env.body;
    // Answered wherever the client runs now (it may have moved since it asked).
    const now = yield* perform(partitionWhere({ partition: m.client }));
    const route = [...def.routes[m.client][now.server].toAgent].reverse();
    yield send(env.from, { type: 'opened', agent: partition }, { route, size: def.controlMessage, ...figureStep(fig('5', null), `storage agent on ${partition} opens ${m.drive} for ${m.client} (its FC HBA ${def.hbas[partition].join(', ')})`) });
  }
}
