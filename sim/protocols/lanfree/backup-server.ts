/**
 * The backup server (FIG. 4's far end): it starts and manages every backup
 * and restore session, allocates a tape drive to each (drive-pool.ts), tells
 * the client which cartridge to mount, and records each result in its
 * catalog, which later restores read to find a client's cartridges. It never
 * touches the data in the LAN-free designs; in the LAN design the data also
 * ends here, but that flow is the client's (client.ts).
 */
import { receive, send, type Envelope } from '../../engine/commands.ts';
import type { Custom, Command } from '../../engine/commands.ts';
import { DrivePool, type Grant } from './drive-pool.ts';
import type { DriveAssigned, SessionRequest, SessionResult, ToBackupServer } from './messages.ts';
import type { LanFreeDef } from './design.ts';
import { clientActor } from './names.ts';
import type { ProcessContext } from '../../engine/kernel.ts';

interface Waiting {
  req: SessionRequest;
  from: string;
  since: number;
  cartridge: string | null;
}

export function* backupServer(ctx: ProcessContext, def: LanFreeDef): Generator<Command | Custom, void, unknown> {
  const pool = new DrivePool(def.drives, def.scratch, def.multiplex);
  const catalog = new Map<string, { cartridge: string; bytes: number }[]>();
  const queue: Waiting[] = [];
  let backupsLeft = def.backups.length;
  let restoresLeft = def.restores.length;
  const reply = (to: string, client: string, server: string, body: unknown, label: string) =>
    send(to, body, { route: [...def.routes[client][server].control].reverse(), size: def.controlMessage, label });

  const grant = (w: Waiting): Grant | null => (w.req.kind === 'backup' ? pool.forBackup() : pool.forRestore(w.cartridge!));
  function* answer(w: Waiting, g: Grant): Generator<Command | Custom, void, unknown> {
    const body: DriveAssigned = {
      type: 'drive', drive: g.drive, unmount: g.unmount, mount: g.mount,
      segments: w.req.kind === 'restore' ? catalog.get(w.req.client)! : [], waited: ctx.now - w.since,
    };
    yield reply(w.from, w.req.client, w.req.server, body, `FIG. 4: backup server assigns ${g.drive} to the ${w.req.kind} of ${w.req.client}${g.mount ? `, mount ${g.mount}` : ''}`);
  }

  /** The end of the last backup opens the restore phase (when restores wait for the backups). */
  function* ended(kind: 'backup' | 'restore'): Generator<Command | Custom, void, unknown> {
    if (kind === 'restore') {
      if (--restoresLeft === 0) yield { op: 'lanfree.phase', phase: 'restore', label: 'all restores recorded' };
      return;
    }
    if (--backupsLeft > 0) return;
    yield { op: 'lanfree.phase', phase: 'backup', label: 'all backups recorded' };
    if (def.restoreAfterBackups) for (const r of def.restores) yield send(clientActor(r.client, 'restore'), { type: 'go' }, { label: `schedule: the backups are done, the restore of ${r.client} starts` });
  }

  while (backupsLeft + restoresLeft > 0) {
    const env = (yield receive()) as Envelope<ToBackupServer>;
    const m = env.body;
    if (m.type === 'start') {
      const w: Waiting = { req: m, from: env.from, since: ctx.now, cartridge: m.kind === 'restore' ? catalog.get(m.client)?.[0]?.cartridge ?? null : null };
      if (m.kind === 'restore' && w.cartridge === null) {
        yield reply(env.from, m.client, m.server, { type: 'drive', drive: '', unmount: null, mount: null, segments: [], waited: 0 }, `FIG. 4: backup server has no backup of ${m.client} in its catalog`);
        yield* ended('restore');
        continue;
      }
      const g = queue.length === 0 ? grant(w) : null;
      if (g === null) queue.push(w);
      else yield* answer(w, g);
      continue;
    }
    const r: SessionResult = m;
    if (r.kind === 'backup' && r.error === undefined) catalog.set(r.client, r.segments);
    pool.release(r.drive, r.mounted, r.segments.map((s) => s.cartridge));
    yield reply(env.from, r.client, r.server, { type: 'recorded' }, `FIG. 4: backup server records the ${r.kind} of ${r.client}: ${r.error ?? `${r.bytes} bytes`}`);
    yield* ended(r.kind);
    // First come, first served: the head of the queue goes before anyone behind it.
    while (queue.length > 0) {
      const g = grant(queue[0]);
      if (g === null) break;
      yield* answer(queue.shift()!, g);
    }
  }
}
