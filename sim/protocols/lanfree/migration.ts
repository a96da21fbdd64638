/**
 * A migration process of the backup server: it moves one node's data at a
 * time from the disk storage pool to the tape pool on the drive the backup
 * server gave it, reading from the pool's array and writing through the
 * backup server's CPU and FC HBA. The array reads far faster than a slow
 * client sends, so the drive streams at its own rate however slow the
 * clients were (disk-pool.ts gives the thresholds; backup-server.ts the order).
 */
import { perform, receive, send, type Command, type Custom } from '../../engine/commands.ts';
import { tapeMount, tapeWrite } from '../../model/libraries/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { jobBegin, jobEnd, tally } from '../common/report.ts';
import type { LanFreeDef } from './design.ts';
import type { Migrate, Migrated } from './messages.ts';

export const migrationActor = (i: number): string => `migration process ${i}`;

/** Serves for the whole run: a blocked receive keeps no run alive. */
export function* migrationProcess(_ctx: ProcessContext, def: LanFreeDef, name: string): Generator<Command | Custom, void, unknown> {
  const pool = def.diskPool!;
  for (let n = 1; ; n++) {
    const env = yield* perform(receive<Migrate>({ type: 'migrate' }));
    const m = env.body;
    const job = `${name}: migrate ${m.node} (${n})`;
    yield jobBegin(job, 'migration');
    let reply: Migrated;
    try {
      if (m.mount !== null) yield tapeMount({ library: def.library, drive: m.drive, cartridge: m.mount, label: `${name}: mount ${m.mount} in ${m.drive}` });
      // The backup server's tape path is the same from every server (it is no partition): any server's entry.
      const route = [pool.device, ...Object.values(def.san[def.backupServer])[0][m.drive]];
      const written = yield* perform(tapeWrite({ drive: m.drive, bytes: m.bytes, route, label: `${name} moves ${m.bytes} bytes of ${m.node} from the disk pool ${pool.system}/${pool.volume} to ${m.drive}` }));
      yield tally('migrated_bytes', m.bytes);
      yield jobEnd(job, m.bytes);
      reply = { type: 'migrated', node: m.node, bytes: m.bytes, drive: m.drive, cartridges: written.cartridges };
    } catch (e) {
      const why = (e as Error).message;
      yield jobEnd(job, 0, why);
      reply = { type: 'migrated', node: m.node, bytes: 0, drive: m.drive, cartridges: [], error: why };
    }
    yield send(env.from, reply, { label: `${name} has moved ${reply.bytes} bytes of ${m.node} to tape` });
  }
}
