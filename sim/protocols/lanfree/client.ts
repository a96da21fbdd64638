/**
 * A LAN-free client: the backup-archive client in a client partition. It asks
 * the backup server for a session over the control path (FIG. 4), mounts what
 * it is told to, then moves its data one transaction at a time (FIG. 3 steps
 * 2 to 9) to the storage agent its design gives it:
 *
 * - shared: the LAN-free server partition behind the backup vLAN address
 *   (FIG. 5), over the hypervisor's virtual LAN, then that partition's FC HBA;
 * - dedicated: its own storage agent and its own FC HBA;
 * - lan: the backup server, across the VIO server and the physical LAN.
 *
 * Each transaction is one pipelined stream from the client's adapter to the
 * drive (the storage agent relays it as it arrives), so a client too slow for
 * its drive makes the drive speed-match or back-hitch. Before each
 * transaction it asks where its partition runs: after Live Partition Mobility
 * the next transaction leaves from the new server (shared: to the same
 * address, now answered by the LAN-free server there; dedicated: only after
 * the HBA, zoning and tape paths are reconfigured). A transaction the SAN
 * path loses is not committed; the client sends it again over the LAN to the
 * backup server, as the storage agent's failover does.
 */
import { mark, receive, send, type Command, type Custom, type Envelope } from '../../engine/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { jobBegin, jobEnd, tally } from '../common/report.ts';
import type { LanFreeDef, Session } from './design.ts';
import type { DriveAssigned, SessionRequest, SessionResult } from './messages.ts';
import { agentActor, backupServerActor } from './names.ts';
import { describeRoute } from './route-words.ts';

type Steps<T = void> = Generator<Command | Custom, T, unknown>;

interface Where {
  server: string;
}

export function* client(ctx: ProcessContext, def: LanFreeDef, s: Session, kind: 'backup' | 'restore'): Steps {
  const c = s.client;
  const bs = backupServerActor(def.backupServer);
  if (kind === 'restore' && def.restoreAfterBackups) yield receive({ type: 'go' }, undefined, `${c} waits for the backups to end`);
  else if (s.start > 0) yield { op: 'sleep', duration: s.start, label: `${c} waits for its ${kind} to start` };
  const job = `${kind} ${c}`;
  yield jobBegin(job, kind);
  yield mark(`FIG. 3 step 1: the data ${kind} is started on the LAN-free client ${c}`);
  let server = ((yield { op: 'partition.where', partition: c }) as Where).server;

  // FIG. 4: protocol information to the backup server, which assigns a drive.
  const request: SessionRequest = { type: 'start', kind, client: c, bytes: s.bytes, server };
  yield send(bs, request, { route: def.routes[c][server].control, size: def.controlMessage, label: `FIG. 4 steps 2-7: ${c} exchanges protocol information with the backup server: ${describeRoute(def.routes[c][server].control)}` });
  yield tally('protocol_bytes', def.controlMessage);
  const grant = ((yield receive({ from: bs, type: 'drive' })) as Envelope<DriveAssigned>).body;
  yield tally('protocol_bytes', def.controlMessage);
  if (grant.waited > 0) yield tally('drive_wait', grant.waited / 1e9);
  if (grant.drive === '') {
    yield jobEnd(job, 0, 'the backup server has no backup of it in its catalog');
    return;
  }
  const drive = grant.drive;
  if (grant.unmount !== null) yield { op: 'tape.unmount', library: def.library, drive, label: `${c}: unmount ${grant.unmount} from ${drive}` };
  if (grant.mount !== null) yield { op: 'tape.mount', library: def.library, drive, cartridge: grant.mount, label: `${c}: mount ${grant.mount} in ${drive}` };

  let mode: 'san' | 'lan' = def.design === 'lan' ? 'lan' : 'san';
  let agent = def.routes[c][server].agent;
  if (def.design === 'shared') yield* openSession(def, c, drive, server);

  const segments: { cartridge: string; bytes: number }[] = [];
  let mounted: string | null = grant.mount ?? null;
  let done = 0;
  let error: string | undefined;
  const reads = kind === 'restore' ? [...grant.segments] : [];
  let segmentLeft = reads[0]?.bytes ?? 0;
  if (kind === 'restore') yield { op: 'tape.locate', drive, label: `${c}: locate its data on ${reads[0].cartridge}` };

  while (done < s.bytes) {
    const now = ((yield { op: 'partition.where', partition: c }) as Where).server;
    if (now !== server) {
      server = now;
      yield* moved(def, c, server, drive, mode);
      agent = def.routes[c][server].agent;
    }
    if (kind === 'restore' && segmentLeft === 0) {
      reads.shift();
      const next = reads[0];
      yield { op: 'tape.unmount', library: def.library, drive, label: `${c}: unmount ${mounted ?? 'the cartridge'}` };
      yield { op: 'tape.mount', library: def.library, drive, cartridge: next.cartridge, label: `${c}: mount ${next.cartridge}` };
      mounted = next.cartridge;
      segmentLeft = next.bytes;
    }
    const n = Math.min(def.transaction, s.bytes - done, kind === 'restore' ? segmentLeft : Infinity);
    const r = def.routes[c][server];
    const via = mode === 'lan' ? def.backupServer : agent;
    const route = kind === 'backup'
      ? [...(mode === 'lan' ? r.toBackupServer : r.toAgent), ...def.san[via][drive]]
      : [...def.sanBack[via][drive], ...[...(mode === 'lan' ? r.toBackupServer : r.toAgent)].reverse()];
    const what = kind === 'backup'
      ? `FIG. 3 steps 2-7: ${c} sends ${n} bytes via ${describeRoute(route)} to ${drive}`
      : `restore (FIG. 3 in reverse): ${drive} sends ${n} bytes via ${describeRoute(route)} to ${c}`;
    try {
      const res = (yield { op: kind === 'backup' ? 'tape.write' : 'tape.read', drive, bytes: n, route, label: what }) as { bytes: number; cartridges?: string[] };
      if (kind === 'backup') {
        const carts = res.cartridges!;
        mounted = carts[carts.length - 1];
        const last = segments[segments.length - 1];
        if (last !== undefined && last.cartridge === carts[0]) last.bytes += n;
        else segments.push({ cartridge: carts[0], bytes: n });
        for (const extra of carts.slice(1)) segments.push({ cartridge: extra, bytes: 0 });
      } else segmentLeft -= n;
      done += n;
      if (route.some((l) => def.physical.includes(l))) yield tally('lan_bytes', n);
    } catch (e) {
      const why = (e as Error).message;
      if (mode === 'san' && !/tape drive \S+ (has )?failed/.test(why)) {
        // The storage agent's failover: the uncommitted transaction goes again, over the LAN, through the backup server.
        yield mark(`SAN path of ${c} failed (${why}); it falls back to the LAN through the backup server`);
        yield tally('lan_fallbacks');
        mode = 'lan';
        continue;
      }
      error = why;
      break;
    }
    if (kind === 'backup') {
      yield mark(`FIG. 3 step 8: ${n} bytes of ${c} written on ${drive} (${mounted})`);
      if (done < s.bytes) yield mark(`FIG. 3 step 9: the backup of ${c} is not finished; back to step 2`);
    }
  }

  // FIG. 4: the result goes back to the backup server, which records it.
  const result: SessionResult = { type: 'end', kind, client: c, drive, bytes: done, server, segments, mounted, ...(error === undefined ? {} : { error }) };
  yield send(bs, result, { route: def.routes[c][server].control, size: def.controlMessage, label: `FIG. 4: ${c} reports the end of its ${kind} to the backup server` });
  yield tally('protocol_bytes', def.controlMessage);
  yield receive({ from: bs, type: 'recorded' });
  yield tally('protocol_bytes', def.controlMessage);
  yield jobEnd(job, done, error);
}

/** FIG. 5: the client sends to the backup vLAN address; the LAN-free server that answers opens the drive path. */
function* openSession(def: LanFreeDef, c: string, drive: string, server: string): Steps {
  const r = def.routes[c][server];
  yield send(agentActor(r.agent), { type: 'open', client: c, drive, server }, { route: r.toAgent, size: def.controlMessage, label: `FIG. 5: ${c} opens a session at the LAN-free servers' address; ${r.agent} answers` });
  yield receive({ from: agentActor(r.agent), type: 'opened' });
}

/** After Live Partition Mobility: what the design needs before the next transaction leaves from the new server. */
function* moved(def: LanFreeDef, c: string, server: string, drive: string, mode: 'san' | 'lan'): Steps {
  yield mark(`${c} now runs on ${server}`);
  if (mode === 'lan') return;
  if (def.design === 'shared') {
    // Same address, no tape reconfiguration: the LAN-free server now answering already has paths to every drive.
    yield* openSession(def, c, drive, server);
    return;
  }
  for (const [i, r] of def.reconfiguration.entries()) {
    yield { op: 'sleep', duration: Math.round(r.seconds * 1e9), label: `tape reconfiguration ${i + 1} of ${def.reconfiguration.length} for ${c} on ${server}: ${r.step}` };
    yield tally('tape_reconfigurations');
    yield tally('reconfiguration_time', r.seconds);
  }
}
