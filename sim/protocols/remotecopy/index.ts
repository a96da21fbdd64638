/**
 * remotecopy: a physical copy at a remote storage device, driven by the one
 * backup application at the local site (US 8,612,705, HP), against its
 * baselines: full (non-deduplicated) replication, and a second backup
 * application instance at the remote site. See README.md for the figures.
 */
import type { Protocol } from '../protocol.ts';
import { backupApplication, copyPolicy, seeding } from './backup-application.ts';
import { coordinator } from './coordinator.ts';
import { copyEngine } from './copy-engine.ts';
import { DAY, resolveRemoteCopy, type RemoteCopyDef } from './def.ts';
import { deviceControl } from './device-control.ts';
import { METRICS, wanFindings } from './measures.ts';
import type { Roles } from './messages.ts';
import { REMOTECOPY } from './params.ts';
import { REMOTECOPY_INVARIANTS } from './invariants.ts';
import { remoteCopyManager } from './remote-copy-manager.ts';
import { replicationBatch, replicator } from './replication.ts';
import { secondInstance } from './second-instance.ts';

export const remoteCopy: Protocol<RemoteCopyDef> = {
  name: 'remotecopy',
  title: 'physical copy at a remote site driven by the local backup application: dedup replication, ghost library, Smart Copy (US 8,612,705)',
  declares: REMOTECOPY,
  metrics: METRICS,
  resolve: resolveRemoteCopy,
  invariants: REMOTECOPY_INVARIANTS,

  actors: { coordinator, replicationBatch, replicator, seeding, backupApplication, deviceControl, copyPolicy, copyEngine, remoteCopyManager, secondInstance },
  build(def, ctx) {
    const k = ctx.kernel;
    const roles = rolesOf(def);
    const smart = def.design === 'smart-copy';
    k.spawn(roles.coordinator, coordinator, roles, { vtl: def.local, route: def.backupRoute });
    for (let i = 0; i < def.cells; i++) {
      k.spawn(roles.batches[i], replicationBatch, roles.replicators[i]);
      k.spawn(roles.replicators[i], replicator, { batch: roles.batches[i], local: def.local, remote: def.remote, wan: def.wan, dedup: def.replication === 'dedup' });
    }
    if (def.seed !== null) {
      k.spawn(roles.seeding, seeding, { local: def.local, remote: def.remote, cartridge: def.seed.cartridge, replica: def.seed.replica, bytes: def.seed.bytes, dataset: def.dataset, route: def.backupRoute });
    }
    k.spawn(roles.app, backupApplication, roles, { backups: def.backups, dataset: def.dataset, changeSpread: def.changeSpread, seeding: def.seed === null ? null : roles.seeding, catalogue: smart ? roles.policy : null });
    const m = def.medium;
    const lib = def.libraries.find((l) => l.library === m.library)!;
    k.spawn(roles.deviceControl, deviceControl, { vtl: m.vtl, library: m.library, drive: m.drive, route: def.copy.route, holdingData: lib.cartridges.filter((c) => c.used > 0).map((c) => c.name) });
    const weeks = weeksOf(def);
    if (smart) {
      k.spawn(roles.policy, copyPolicy, roles, { local: def.local, api: def.copy.api, to: def.copy.to, weeks, at: def.copy.at, window: def.copy.window, of: def.copy.of });
      const remoteLibs = def.libraries.filter((l) => l.site === 'remote');
      k.spawn(roles.copyEngine, copyEngine, roles, {
        local: def.local, remote: def.remote, wan: def.wan, libraries: def.libraries.filter((l) => l.site === 'local'), remoteLibrary: remoteLibs.length > 0,
        blockSize: def.copy.blockSize, lock: def.copy.lock, controlMessage: def.controlMessage, retry: def.remoteRetry, giveUp: def.remoteGiveUp,
      });
      k.spawn(roles.remoteCopyEngine, remoteCopyManager, roles, { wan: def.wan, libraries: remoteLibs, controlMessage: def.controlMessage });
    } else {
      k.spawn(roles.remoteApp, secondInstance, roles, {
        local: def.local, remote: def.remote, to: def.copy.to, blockSize: def.copy.blockSize, window: def.copy.window,
        weeks: weeks.map((w) => ({
          week: w.week, lastScheduled: w.lastScheduled,
          cartridges: def.backups.filter((b) => b.week === w.week && (def.copy.of === 'all' || b.kind === 'full')).map((b) => b.cartridge),
          runAt: def.copy.at !== null ? w.start + def.copy.at : w.lastScheduled + DAY,
        })),
      });
    }
    return {
      metrics: () => ({ licences: smart ? 1 : 2 }),
      findings: () => [
        {
          kind: 'design',
          text: smart
            ? `Smart Copy, ${m.library} ${m.site === 'remote' ? `a ghost library of ${def.local}` : 'local'}, ${def.replication} replication`
            : `second backup application at ${def.remote}, ${def.replication} replication`,
        },
        ...wanFindings(k, def.wan),
      ],
    };
  },
};

function rolesOf(def: RemoteCopyDef): Roles {
  const cells = Array.from({ length: def.cells }, (_, i) => i + 1);
  const slots: Roles['slots'] = {};
  for (const b of def.backups) slots[b.cartridge] = { cell: b.cell, replica: b.replica };
  return {
    app: 'backup application',
    policy: 'backup application copy policy',
    seeding: 'seeding',
    coordinator: `${def.local} coordinator`,
    batches: cells.map((c) => `${def.local} cell ${c} batch`),
    replicators: cells.map((c) => `${def.local} cell ${c} replicator`),
    copyEngine: `${def.local} copy engine`,
    remoteCopyEngine: `${def.remote} copy engine`,
    deviceControl: `${def.medium.library} device control`,
    remoteApp: 'remote backup application',
    slots,
  };
}

function weeksOf(def: RemoteCopyDef): { week: number; backups: number; start: number; lastScheduled: number }[] {
  return Array.from({ length: def.weeks }, (_, i) => {
    const bs = def.backups.filter((b) => b.week === i + 1);
    return { week: i + 1, backups: bs.length, start: bs[0].at, lastScheduled: bs[bs.length - 1].at };
  });
}
