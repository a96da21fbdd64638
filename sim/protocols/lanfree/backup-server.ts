/**
 * The backup server (FIG. 4's far end): it starts and manages every backup
 * and restore session, allocates a tape drive to each (drive-pool.ts), tells
 * the client which cartridge to mount, and records each result in its
 * catalog, which later restores read to find a client's cartridges. It never
 * touches the data in the LAN-free designs; in the LAN design the data also
 * ends here, but that flow is the client's (client.ts).
 *
 * Protocol messages can be lost (a link down, a partition paused by LPM), so
 * every request is idempotent: a repeated start gets the same answer (still
 * queued, or the same drive), a repeated end gets `recorded` again. Answers
 * go to wherever the client runs now, as IP routing would find it.
 */
import { perform, receive, send, type Command, type Custom } from '../../engine/commands.ts';
import { partitionWhere } from '../../model/servers/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { DrivePool, type Grant } from './drive-pool.ts';
import { lanfreePhase, type DriveAssigned, type SessionRequest, type SessionResult, type ToBackupServer } from './messages.ts';
import type { LanFreeDef } from './design.ts';
import { clientActor } from './names.ts';
import { figureStep } from '../../foundation/story.ts';
import { fig } from './figure.ts';

type Steps = Generator<Command | Custom, void, unknown>;

interface Session {
  req: SessionRequest;
  from: string;
  since: number;
  cartridge: string | null;
  state: 'queued' | 'granted' | 'ended';
  grant: DriveAssigned | null;
}

export function* backupServer(ctx: ProcessContext, def: LanFreeDef): Steps {
  const pool = new DrivePool(def.drives, def.scratch, def.multiplex);
  const catalog = new Map<string, { cartridge: string; bytes: number }[]>();
  const sessions = new Map<string, Session>();
  const queue: Session[] = [];
  let backupsLeft = def.backups.length;
  let restoresLeft = def.restores.length;

  function* reply(to: string, client: string, body: unknown, said: { label: string; data: unknown }): Steps {
    const where = yield* perform(partitionWhere({ partition: client }));
    yield send(to, body, { route: [...def.routes[client][where.server].control].reverse(), size: def.controlMessage, ...said });
  }
  const grant = (s: Session): Grant | null => (s.req.kind === 'backup' ? pool.forBackup() : pool.forRestore(s.cartridge!));
  function* answer(s: Session, g: Grant): Steps {
    s.state = 'granted';
    s.grant = {
      type: 'drive', drive: g.drive, unmount: g.unmount, mount: g.mount,
      segments: s.req.kind === 'restore' ? catalog.get(s.req.client)! : [], waited: ctx.now - s.since,
    };
    yield* reply(s.from, s.req.client, s.grant, figureStep(fig('4', null, 'assign'), `backup server assigns ${g.drive} to the ${s.req.kind} of ${s.req.client}${g.mount ? `, mount ${g.mount}` : ''}`));
  }
  /** The end of the last backup opens the restore phase (when restores wait for the backups). */
  function* ended(kind: 'backup' | 'restore'): Steps {
    if (kind === 'restore') {
      if (--restoresLeft === 0) yield lanfreePhase({ phase: 'restore', label: 'all restores recorded' });
      return;
    }
    if (--backupsLeft > 0) return;
    yield lanfreePhase({ phase: 'backup', label: 'all backups recorded' });
    if (def.restoreAfterBackups) for (const r of def.restores) yield send(clientActor(r.client, 'restore'), { type: 'go' }, { label: `schedule: the backups are done, the restore of ${r.client} starts` });
  }

  while (backupsLeft + restoresLeft > 0) {
    const env = yield* perform(receive<ToBackupServer>());
    const m = env.body;
    const key = `${m.kind} ${m.client}`;
    const known = sessions.get(key);
    if (m.type === 'start') {
      if (known?.state === 'granted') { yield* reply(env.from, m.client, known.grant, figureStep(fig('4', null), `backup server repeats its answer to ${m.client}: ${known.grant!.drive}`)); continue; }
      if (known?.state === 'queued') { yield* reply(env.from, m.client, { type: 'queued', ahead: queue.indexOf(known) }, figureStep(fig('4', null), `the ${m.kind} of ${m.client} still waits for a drive`)); continue; }
      if (known?.state === 'ended') continue;
      const s: Session = { req: m, from: env.from, since: ctx.now, cartridge: m.kind === 'restore' ? catalog.get(m.client)?.[0]?.cartridge ?? null : null, state: 'queued', grant: null };
      sessions.set(key, s);
      if (m.kind === 'restore' && s.cartridge === null) {
        s.state = 'ended';
        yield* reply(env.from, m.client, { type: 'drive', drive: '', unmount: null, mount: null, segments: [], waited: 0 }, figureStep(fig('4', null), `backup server has no backup of ${m.client} in its catalog`));
        yield* ended('restore');
        continue;
      }
      const g = queue.length === 0 ? grant(s) : null;
      if (g !== null) { yield* answer(s, g); continue; }
      queue.push(s);
      yield* reply(env.from, m.client, { type: 'queued', ahead: queue.length - 1 }, figureStep(fig('4', null), `no drive free for the ${m.kind} of ${m.client}; it waits`));
      continue;
    }
    const r: SessionResult = m;
    if (known === undefined || known.state === 'ended') {
      yield* reply(env.from, r.client, { type: 'recorded' }, figureStep(fig('4', null), `backup server had recorded the ${r.kind} of ${r.client}`));
      continue;
    }
    known.state = 'ended';
    if (r.kind === 'backup' && r.error === undefined) catalog.set(r.client, r.segments);
    pool.release(r.drive, r.mounted, r.segments.map((x) => x.cartridge));
    yield* reply(env.from, r.client, { type: 'recorded' }, figureStep(fig('4', null, 'record'), `backup server records the ${r.kind} of ${r.client}: ${r.error ?? `${r.bytes} bytes`}`));
    yield* ended(r.kind);
    // First come, first served: the head of the queue goes before anyone behind it.
    while (queue.length > 0) {
      const g = grant(queue[0]);
      if (g === null) break;
      yield* answer(queue.shift()!, g);
    }
  }
}
