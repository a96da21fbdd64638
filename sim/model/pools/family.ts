/**
 * The `pools` family: Spectrum Protect's storage hierarchy over the tape
 * family's libraries. Disk pools (a device link named after each, at its
 * rate), tape pools and copy pools on a library's empty cartridges (and
 * new ones checked into its free slots), the
 * catalog of each client's backup versions, and the steps that fill and
 * empty them: pool.backup, pool.expire, pool.migrate, pool.reclaim,
 * pool.copy, pool.restore.
 *
 *   topology:
 *     pools:
 *       disk:  { backuppool: { capacity: 20 TB, rate: 1 GB/s, next: tapepool, retention: { days: 30 } } }
 *       tape:  { tapepool: { library: lib1, drives: [lib1/d1, lib1/d2], maxScratch: 40 } }
 *       copy:  { offsite: { of: backuppool, library: lib1, drives: [lib1/d3], maxScratch: 40, offsite: true } }
 *
 * Every change writes the pools' figures to the ledger (stored, logical,
 * capacity, versions, garbage, cartridges used; per library scratch and
 * free slots).
 */
import { opsOf } from '../../engine/step-command.ts';
import type { Family } from '../family.ts';
import { poolBackup, poolCopy, poolExpire, poolMigrate, poolReclaim, poolRestore } from './commands.ts';
import { defineCommands } from './handlers.ts';
import { PoolError } from './pool-error.ts';
import { resolvePools, type PoolsDef } from './resolve.ts';
import { POOLS } from './section.ts';
import { PoolSet } from './state.ts';

export const poolsFamily: Family<PoolsDef> = {
  key: 'pools',
  title: 'storage pools (Spectrum Protect): disk pools migrating to tape pools, copy pools offsite, retention and expiry, reclamation, scratch',
  declares: { section: POOLS },
  errors: { PoolError },
  ops: opsOf([poolBackup, poolExpire, poolMigrate, poolReclaim, poolCopy, poolRestore]),
  resolve: resolvePools,
  build(def, ctx) {
    if (def.disks.length === 0 && def.seqs.length === 0) return;
    for (const d of def.disks) ctx.device(d.name, 'disk pool', { bandwidth: d.rate });
    const state = new PoolSet(def, ctx.ledger);
    defineCommands(ctx.kernel, state);
    state.publish();
    return {
      audit: () => state.audit(),
      report() {
        return [
          ...[...state.disks.values()].map((d) => ({ name: d.def.name, kind: 'disk pool', counters: { stored_bytes: d.used, capacity_bytes: d.def.capacity } })),
          ...[...state.seqs.values()].map((s) => {
            const held = state.held(s.name);
            return { name: s.name, kind: `${s.kind} pool`, counters: { cartridges: held.length, written_bytes: held.reduce((n, v) => n + v.written, 0), valid_bytes: held.reduce((n, v) => n + v.valid, 0) } };
          }),
        ];
      },
    };
  },
};
