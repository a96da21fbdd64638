/**
 * The backup server (FIG. 4's far end): it starts and manages every backup
 * and restore session, allocates a tape drive to each (drive-pool.ts), tells
 * the client which cartridge to mount, and records each result in its
 * catalog, which later restores read to find a client's cartridges. It never
 * touches the data in the LAN-free designs; in the LAN design the data also
 * ends here, but that flow is the client's (client.ts).
 *
 * Scheduling as IBM Spectrum Protect does it: each session holds a mount
 * point (a drive) of its own, within MOUNTLIMIT and its node's MAXNUMMP
 * (drive-pool.ts); a session waits for a mount point it may take, first come
 * first served among those that may. In the LAN design a disk storage pool,
 * when the scenario gives one, is the sessions' destination: they take no
 * drive, and migration processes (migration.ts) move the pool's data to tape
 * by HIGHMIG/LOWMIG, each streaming a drive of its own (disk-pool.ts).
 *
 * Protocol messages can be lost (a link down, a partition paused by LPM), so
 * every request is idempotent: a repeated start gets the same answer (still
 * queued, or the same drive), a repeated end gets `recorded` again. Answers
 * go to wherever the client runs now, as IP routing would find it.
 */
import { mark, perform, receive, send, type Command, type Custom } from '../../engine/commands.ts';
import { partitionWhere } from '../../model/servers/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { DrivePool, type Grant } from './drive-pool.ts';
import { lanfreePhase, type DriveAssigned, type Migrated, type PoolAssigned, type SessionRequest, type SessionResult, type ToBackupServer } from './messages.ts';
import { DiskPool } from './disk-pool.ts';
import { migrationActor } from './migration.ts';
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
  grant: DriveAssigned | PoolAssigned | null;
}

export function* backupServer(ctx: ProcessContext, def: LanFreeDef): Steps {
  const pool = new DrivePool(def.drives, def.scratch, def.mountLimit, def.maxNumMp);
  const disk = def.diskPool === null ? null : new DiskPool(def.diskPool);
  const catalog = new Map<string, { cartridge: string; bytes: number }[]>();
  const sessions = new Map<string, Session>();
  const queue: Session[] = [];
  /** migration processes with no node to move */
  const idle = Array.from({ length: def.diskPool?.migProcess ?? 0 }, (_, i) => migrationActor(i + 1));
  let migrating = false;
  let backupsLeft = def.backups.length;
  let restoresLeft = def.restores.length;

  function* reply(to: string, client: string, body: unknown, said: { label: string; data: unknown }): Steps {
    const where = yield* perform(partitionWhere({ partition: client }));
    yield send(to, body, { route: [...def.routes[client][where.server].control].reverse(), size: def.controlMessage, ...said });
  }
  const grant = (s: Session): Grant | null => (s.req.kind === 'backup' ? pool.forBackup(s.req.client) : pool.forRestore(s.req.client, s.cartridge!));
  function* answer(s: Session, g: Grant): Steps {
    s.state = 'granted';
    s.grant = {
      type: 'drive', drive: g.drive, unmount: g.unmount, mount: g.mount,
      segments: s.req.kind === 'restore' ? catalog.get(s.req.client)! : [], waited: ctx.now - s.since,
    };
    yield* reply(s.from, s.req.client, s.grant, figureStep(fig('4', null, 'assign'), `backup server assigns ${g.drive} to the ${s.req.kind} of ${s.req.session}${g.mount ? `, mount ${g.mount}` : ''}`));
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
  /** Mount points freed: the waiting sessions first, in the order they came, each if its node may mount; then idle migration processes. */
  function* serve(): Steps {
    for (let i = 0; i < queue.length && pool.mounted < def.mountLimit;) {
      const g = grant(queue[i]);
      if (g === null) { i++; continue; }
      yield* answer(queue.splice(i, 1)[0], g);
    }
    yield* migrate();
  }
  /** HIGHMIG reached (or migration under way, above LOWMIG): give each idle process a drive and the node with the most data. */
  function* migrate(): Steps {
    if (disk === null) return;
    if (!migrating && disk.high) { migrating = true; yield mark(`disk pool ${def.diskPool!.volume} at ${Math.round((100 * disk.occupied) / def.diskPool!.capacity)}% (HIGHMIG ${def.diskPool!.highMig}%): migration to tape starts`); }
    while (migrating && idle.length > 0 && disk.aboveLow) {
      const g = pool.forBackup(idle[0], false);
      if (g === null) return;
      const next = disk.next();
      if (next === null) { pool.release(g.drive, null); return; }
      const proc = idle.shift()!;
      yield send(proc, { type: 'migrate', node: next.node, bytes: next.bytes, drive: g.drive, mount: g.mount }, { label: `backup server: ${proc} migrates ${next.bytes} bytes of ${next.node} to ${g.drive}` });
    }
  }
  /** A migration process moved one node: the next node on the same drive while above LOWMIG, else it stops and frees the drive. */
  function* migrated(from: string, m: Migrated): Steps {
    disk!.migrated(m.node, m.error === undefined ? m.bytes : 0);
    const next = m.error === undefined && disk!.aboveLow ? disk!.next() : null;
    if (next !== null) {
      yield send(from, { type: 'migrate', node: next.node, bytes: next.bytes, drive: m.drive, mount: null }, { label: `backup server: ${from} migrates ${next.bytes} bytes of ${next.node} to ${m.drive}` });
      return;
    }
    pool.release(m.drive, m.cartridges[m.cartridges.length - 1] ?? null, m.cartridges);
    idle.push(from);
    idle.sort();
    if (idle.length === def.diskPool!.migProcess) { migrating = false; yield mark(`migration stops: disk pool ${def.diskPool!.volume} at ${Math.round((100 * disk!.occupied) / def.diskPool!.capacity)}% (LOWMIG ${def.diskPool!.lowMig}%)`); }
    yield* serve();
  }

  while (backupsLeft + restoresLeft > 0 || (disk !== null && idle.length < def.diskPool!.migProcess)) {
    const env = yield* perform(receive<ToBackupServer>());
    const m = env.body;
    if (m.type === 'migrated') { yield* migrated(env.from, m); continue; }
    const key = `${m.kind} ${m.session}`;
    const known = sessions.get(key);
    if (m.type === 'start') {
      if (known?.state === 'granted') { yield* reply(env.from, m.client, known.grant, figureStep(fig('4', null), `backup server repeats its answer to ${m.session}`)); continue; }
      if (known?.state === 'queued') { yield* reply(env.from, m.client, { type: 'queued', ahead: queue.indexOf(known) }, figureStep(fig('4', null), `the ${m.kind} of ${m.session} still waits for a drive`)); continue; }
      if (known?.state === 'ended') continue;
      const s: Session = { req: m, from: env.from, since: ctx.now, cartridge: m.kind === 'restore' ? catalog.get(m.client)?.[0]?.cartridge ?? null : null, state: 'queued', grant: null };
      sessions.set(key, s);
      if (m.kind === 'restore' && s.cartridge === null) {
        s.state = 'ended';
        yield* reply(env.from, m.client, { type: 'drive', drive: '', unmount: null, mount: null, segments: [], waited: 0 }, figureStep(fig('4', null), `backup server has no backup of ${m.client} in its catalog`));
        yield* ended('restore');
        continue;
      }
      if (m.kind === 'backup' && disk !== null && disk.reserve(m.bytes)) {
        s.state = 'granted';
        s.grant = { type: 'pool', system: def.diskPool!.system, volume: def.diskPool!.volume, waited: 0 };
        yield* reply(env.from, m.client, s.grant, figureStep(fig('4', null, 'assign'), `backup server: the backup of ${m.session} goes to the disk pool on ${def.diskPool!.system}/${def.diskPool!.volume} (no drive)`));
        continue;
      }
      queue.push(s);
      yield* serve();
      if (s.state === 'queued') yield* reply(env.from, m.client, { type: 'queued', ahead: queue.indexOf(s) }, figureStep(fig('4', null), `no mount point for the ${m.kind} of ${m.session}; it waits`));
      continue;
    }
    const r: SessionResult = m;
    if (known === undefined || known.state === 'ended') {
      yield* reply(env.from, r.client, { type: 'recorded' }, figureStep(fig('4', null), `backup server had recorded the ${r.kind} of ${r.session}`));
      continue;
    }
    known.state = 'ended';
    if (r.kind === 'backup' && r.error === undefined) catalog.set(r.client, [...(catalog.get(r.client) ?? []), ...r.segments]);
    if (known.grant?.type === 'pool') disk!.commit(r.client, known.req.bytes, r.bytes);
    else pool.release(r.drive, r.mounted, r.segments.map((x) => x.cartridge), r.driveFailed === true);
    yield* reply(env.from, r.client, { type: 'recorded' }, figureStep(fig('4', null, 'record'), `backup server records the ${r.kind} of ${r.session}: ${r.error ?? `${r.bytes} bytes`}`));
    yield* ended(r.kind);
    yield* serve();
  }
}
