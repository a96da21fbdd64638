/**
 * The local library's coordinator (FIG. 1): takes the backup application's
 * writes for the storage cells, writes each virtual cartridge, and logs the
 * completed write in its storage cell's batch for replication.
 *
 * While the library is locked for a copy (FIG. 3), writes and their
 * acknowledgements are held, as storage cells delaying cache commits would
 * hold them; they go on, in the order they came, when the lock is released.
 */
import { perform, receive, send, type Command, type Custom, type Envelope } from '../../engine/commands.ts';
import { vtlWrite } from '../../model/vtls/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { tally } from '../common/report.ts';
import type { Message, Roles } from './messages.ts';

export interface CoordinatorSpec {
  vtl: string;
  /** links from the backup server to the library */
  route: string[];
}

type Write = Extract<Message, { type: 'write' }>;

export function* coordinator(ctx: ProcessContext, roles: Roles, spec: CoordinatorSpec): Generator<Command | Custom, void, any> {
  let lock: string | null = null;
  let lockedAt = 0;
  const held: { from: string; w: Write; at: number }[] = [];
  for (;;) {
    const m: Envelope<Message> = yield* perform(receive<Message>(undefined, undefined, lock === null ? 'coordinator: wait for writes' : `coordinator: locked for ${lock}`));
    const body = m.body;
    if (body.type === 'lock') {
      lock = body.ref;
      lockedAt = ctx.now;
    } else if (body.type === 'unlock') {
      yield tally('lock_time', (ctx.now - lockedAt) / 1e9, `coordinator: unlocked after ${body.ref}`);
      lock = null;
      for (const h of held.splice(0)) {
        yield tally('write_delay', (ctx.now - h.at) / 1e9, `coordinator: ${h.w.job} was held by the lock`);
        yield* write(h.from, h.w);
      }
    } else if (body.type === 'write') {
      if (lock !== null) held.push({ from: m.from, w: body, at: ctx.now });
      else yield* write(m.from, body);
    }
  }

  function* write(from: string, w: Write): Generator<Command | Custom, void, any> {
    const slot = roles.slots[w.cartridge];
    try {
      const r = yield* perform(vtlWrite({ vtl: spec.vtl, cartridge: w.cartridge, bytes: w.bytes, route: spec.route, dataset: w.dataset, change: w.change, job: w.job, label: `coordinator: ${w.job} onto ${w.cartridge}` }));
      yield send(roles.batches[slot.cell], { type: 'written', cartridge: w.cartridge, replica: slot.replica } satisfies Message, { label: `coordinator: log ${w.cartridge} in cell ${slot.cell + 1}'s batch` });
      yield send(from, { type: 'write-ack', job: w.job, cartridge: w.cartridge, result: r } satisfies Message, { label: `coordinator: acknowledge ${w.job}` });
    } catch (e) {
      yield send(from, { type: 'write-ack', job: w.job, cartridge: w.cartridge, error: (e as Error).message } satisfies Message, { label: `coordinator: ${w.job} failed` });
    }
  }
}
