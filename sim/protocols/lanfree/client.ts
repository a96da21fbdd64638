/**
 * A LAN-free client: the backup-archive client in a client partition. It asks
 * the backup server for a session over the control path (FIG. 4), mounts what
 * it is told to, then moves its data one transaction at a time (FIG. 3 steps
 * 2 to 9) to the storage agent its design gives it:
 *
 * - shared: the LAN-free server partition behind the backup vLAN address
 *   (FIG. 5), over the hypervisor's virtual LAN, then that partition's FC HBA;
 * - dedicated: its own storage agent and its own FC HBA;
 * - npiv: its own storage agent and a virtual FC adapter mapped through its
 *   server's VIOS to the VIOS's physical FC port;
 * - lan: the backup server, across the VIO server and the physical LAN.
 *
 * Each transaction is one pipelined stream from the client's adapter to the
 * drive (the storage agent relays it as it arrives), so a client too slow for
 * its drive makes the drive speed-match or back-hitch. Before each
 * transaction it asks where its partition runs: after Live Partition Mobility
 * the next transaction leaves from the new server (shared: to the same
 * address, now answered by the LAN-free server there; npiv: through the new
 * server's VIOS, the virtual WWPN pair having moved with the partition; a
 * dedicated client cannot move: design.ts refuses the scenario). A transaction the SAN
 * path loses is not committed; the client sends it again over the LAN to the
 * backup server, as the storage agent's failover does.
 */
import { mark, perform, receive, send, sleep, type Command, type Custom, type Labelled, type Op } from '../../engine/commands.ts';
import { tapeLocate, tapeMount, tapeRead, tapeUnmount, tapeWrite } from '../../model/libraries/commands.ts';
import { partitionWhere } from '../../model/servers/commands.ts';
import { cpuLink } from '../../foundation/link-names.ts';
import { figureStep, type StoryData } from '../../foundation/story.ts';
import { figureMark } from '../common/figure.ts';
import { fig } from './figure.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { hasCode } from '../../foundation/errors.ts';
import type { TapeErrorCode } from '../../model/libraries/tape-error.ts';
import { jobBegin, jobEnd, tally } from '../common/report.ts';
import { addStepResult, countStep, type StepResults } from '../common/step-results.ts';
import type { LanFreeDef, Session } from './design.ts';
import type { DriveAssigned, FromBackupServer, OpenSession, PoolAssigned, SessionOpened, SessionRequest, SessionResult } from './messages.ts';
import { storageWrite } from '../../model/storage/commands.ts';
import { sessionName } from './schedule.ts';
import { agentActor, backupServerActor } from './names.ts';
import { describeRoute } from './route-words.ts';

/** A failed drive ends the session; any other broken transfer goes again over the LAN. */
const DRIVE_FAILED: TapeErrorCode = 'tape.drive-failed';

type Steps<T = void> = Generator<Command | Custom, T, unknown>;
/** What a client hears back: from the backup server, or from the storage agent it opens a session with. */
type Answer = FromBackupServer | SessionOpened;

export function* client(ctx: ProcessContext, def: LanFreeDef, s: Session, kind: 'backup' | 'restore'): Steps {
  const c = s.client;
  const bs = backupServerActor(def.backupServer);
  if (kind === 'restore' && def.restoreAfterBackups) yield receive({ type: 'go' }, undefined, `${c} waits for the backups to end`);
  else if (s.start > 0) yield sleep(s.start, `${c} waits for its ${kind} to start`);
  const name = sessionName(s);
  const job = `${kind} ${name}`;
  yield jobBegin(job, kind);
  const results: StepResults = {};
  yield figureMark(fig('3', '1'), `the data ${kind} is started on the LAN-free client ${c}`);

  // FIG. 4: protocol information to the backup server, which assigns a drive (or says to wait).
  const request: SessionRequest = { type: 'start', kind, client: c, session: name, bytes: s.bytes, server: '' };
  const grant = yield* ask(def, c, bs, request, (m): m is DriveAssigned | PoolAssigned => m.type === 'drive' || m.type === 'pool', (route) => figureStep(fig('4', '2-7'), `${c} exchanges protocol information with the backup server: ${describeRoute(route)}`));
  if (grant === null) {
    yield jobEnd(job, 0, `the backup server did not answer ${def.retries} requests of ${def.commTimeout / 1e9} s`);
    return;
  }
  if (grant.waited > 0) yield tally('drive_wait', grant.waited / 1e9);
  if (grant.type === 'pool') {
    const r = yield* toPool(def, s, c, grant);
    yield* report(def, s, kind, name, { drive: '', bytes: r.done, segments: [], mounted: null, error: r.error }, job);
    return;
  }
  if (grant.drive === '') {
    yield jobEnd(job, 0, 'the backup server has no backup of it in its catalog');
    return;
  }
  const drive = grant.drive;
  let error: string | undefined;
  let code: string | undefined;
  if (grant.unmount !== null) error = yield* tapeStep(tapeUnmount({ library: def.library, drive, label: `${c}: unmount ${grant.unmount} from ${drive}` }), results);
  if (grant.mount !== null && error === undefined) error = yield* tapeStep(tapeMount({ library: def.library, drive, cartridge: grant.mount, label: `${c}: mount ${grant.mount} in ${drive}` }), results);

  let mode: 'san' | 'lan' = def.design === 'lan' ? 'lan' : 'san';
  let server = yield* where(c);
  if (error === undefined && def.design === 'shared' && !(yield* openSession(def, c, drive))) error = `the storage agent at the LAN-free servers' address did not answer ${def.retries} requests`;

  const segments: { cartridge: string; bytes: number }[] = [];
  let mounted: string | null = grant.mount ?? null;
  let done = 0;
  const reads = kind === 'restore' ? [...grant.segments] : [];
  let segmentLeft = reads[0]?.bytes ?? 0;
  if (kind === 'restore' && error === undefined) error = yield* tapeStep(tapeLocate({ drive, label: `${c}: locate its data on ${reads[0].cartridge}` }), results);

  while (error === undefined && done < s.bytes) {
    const now = yield* where(c);
    if (now !== server) {
      server = now;
      if (!(yield* moved(def, c, server, drive, mode))) { error = `the storage agent did not answer after ${c} moved to ${server}`; break; }
    }
    if (kind === 'restore' && segmentLeft === 0) {
      reads.shift();
      const next = reads[0];
      error = (yield* tapeStep(tapeUnmount({ library: def.library, drive, label: `${c}: unmount ${mounted ?? 'the cartridge'}` }), results))
        ?? (yield* tapeStep(tapeMount({ library: def.library, drive, cartridge: next.cartridge, label: `${c}: mount ${next.cartridge}` }), results));
      if (error !== undefined) break;
      mounted = next.cartridge;
      segmentLeft = next.bytes;
    }
    const n = Math.min(def.transaction, s.bytes - done, kind === 'restore' ? segmentLeft : Infinity);
    const r = def.routes[c][server];
    const via = mode === 'lan' ? def.backupServer : r.agent;
    const toward = mode === 'lan' ? r.control : r.toAgent;
    // A client that sends over TCP pays its stack on its own CPU (costs.ts); with its own agent the SAN path starts there.
    const sender = via === c ? [] : [cpuLink(c)];
    const route = kind === 'backup' ? [...sender, ...toward, ...def.san[via][server][drive]] : [...def.sanBack[via][server][drive], ...[...toward].reverse(), ...sender];
    const what: Labelled = kind === 'backup'
      ? figureStep(fig('3', '2-7'), `${c} sends ${n} bytes via ${describeRoute(route)} to ${drive}`)
      : { label: `restore (FIG. 3 in reverse): ${drive} sends ${n} bytes via ${describeRoute(route)} to ${c}` };
    try {
      if (kind === 'backup') {
        const written = yield* perform(tapeWrite({ drive, bytes: n, route, ...what }));
        addStepResult(results, tapeWrite.op, written);
        const carts = written.cartridges;
        mounted = carts[carts.length - 1];
        const last = segments[segments.length - 1];
        if (last !== undefined && last.cartridge === carts[0]) last.bytes += n;
        else segments.push({ cartridge: carts[0], bytes: n });
        for (const extra of carts.slice(1)) segments.push({ cartridge: extra, bytes: 0 });
      } else {
        addStepResult(results, tapeRead.op, yield* perform(tapeRead({ drive, bytes: n, route, ...what })));
        segmentLeft -= n;
      }
      done += n;
      if (route.some((l) => def.physical.includes(l))) yield tally('lan_bytes', n);
    } catch (e) {
      const why = (e as Error).message;
      if (hasCode(e, DRIVE_FAILED)) { error = why; code = DRIVE_FAILED; break; }
      // The transaction waited for its drive while the partition moved: its route left from the old server. It goes again from the new one.
      if ((yield* where(c)) !== server) {
        yield mark(`${c} moved while its transaction waited for ${drive}; the transaction goes again from its new server`);
        continue;
      }
      if (mode === 'san') {
        // The storage agent's failover: the uncommitted transaction goes again, over the LAN, through the backup server.
        yield mark(`SAN path of ${c} failed (${why}); it falls back to the LAN through the backup server`, { event: 'san-fallback' } satisfies StoryData);
        yield tally('lan_fallbacks');
        mode = 'lan';
        continue;
      }
      error = why;
      break;
    }
    if (kind === 'backup') {
      yield figureMark(fig('3', '8'), `${n} bytes of ${c} written on ${drive} (${mounted})`);
      if (done < s.bytes) yield figureMark(fig('3', '9'), `the backup of ${c} is not finished; back to step 2`);
    }
  }

  yield* report(def, s, kind, name, { drive, bytes: done, segments, mounted, error, code }, job, results);
}

/** FIG. 4: the result goes back to the backup server, which records it and frees the drive (or commits the pool space). */
function* report(def: LanFreeDef, s: Session, kind: 'backup' | 'restore', name: string, out: Pick<SessionResult, 'drive' | 'bytes' | 'segments' | 'mounted' | 'error'> & { code?: string }, job: string, results?: StepResults): Steps {
  const c = s.client;
  const { code, error: failed, ...said } = out;
  const result: SessionResult = { type: 'end', kind, client: c, session: name, server: '', ...said, ...(failed === undefined ? {} : { error: failed }), ...(code === DRIVE_FAILED ? { driveFailed: true } : {}) };
  const recorded = yield* ask(def, c, backupServerActor(def.backupServer), result, (m) => m.type === 'recorded', () => figureStep(fig('4', null), `${name} reports the end of its ${kind} to the backup server`));
  const error = recorded === null && failed === undefined ? `the backup server did not answer ${def.retries} reports of the result` : failed;
  yield jobEnd(job, out.bytes, error === undefined ? undefined : { reason: error, code }, results);
}

/**
 * LAN design with a disk storage pool: the session's data goes over the LAN to the backup server, which writes
 * it into the pool's volume (through its CPU and the array); no drive, so a slow client never holds one.
 */
function* toPool(def: LanFreeDef, s: Session, c: string, to: PoolAssigned): Steps<{ done: number; error?: string }> {
  let done = 0;
  while (done < s.bytes) {
    const n = Math.min(def.transaction, s.bytes - done);
    // The same cost law as a tape write over the LAN: the client's TCP send, the LAN, the backup server's receive.
    const route = [cpuLink(c), ...def.routes[c][yield* where(c)].control, cpuLink(def.backupServer)];
    try {
      yield storageWrite({ system: to.system, volume: to.volume, bytes: n, route, ...figureStep(fig('3', '2-7'), `${c} sends ${n} bytes via ${describeRoute(route)} to the disk pool ${to.system}/${to.volume}`) });
    } catch (e) {
      return { done, error: (e as Error).message };
    }
    done += n;
    yield tally('lan_bytes', n);
    yield tally('pool_bytes', n);
  }
  return { done };
}

/** A robot or positioning step of the drive, counted in the job's results; what went wrong, if it failed (a failed drive refuses everything). */
function* tapeStep(cmd: Op, results: StepResults): Steps<string | undefined> {
  try {
    yield cmd;
    countStep(results, cmd.op);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

function* where(c: string): Steps<string> {
  return (yield* perform(partitionWhere({ partition: c }))).server;
}

/**
 * One exchange of protocol information: send from where the client runs now
 * and wait for the answer wanted. Any other answer (the backup server saying
 * to wait for a drive, a repeated answer to an earlier ask) keeps it waiting;
 * after `commTimeout` of silence it asks again, since the message or its
 * answer may have been lost. Null after `retries` asks in a row that got no
 * answer at all.
 */
function* ask<T extends Answer>(def: LanFreeDef, c: string, to: string, body: { server: string }, wanted: (m: Answer) => m is T, label: (route: string[]) => Labelled): Steps<T | null> {
  let misses = 0;
  for (let first = true; ; first = false) {
    const server = yield* where(c);
    const route = to === backupServerActor(def.backupServer) ? def.routes[c][server].control : def.routes[c][server].toAgent;
    yield send(to, { ...body, server }, { route, size: def.controlMessage, ...(first ? label(route) : { label: `${c} asks ${to} again${misses > 0 ? ` (${misses} unanswered)` : ''}` }) });
    yield tally('protocol_bytes', def.controlMessage);
    let answered = false;
    for (;;) {
      const env = yield* perform(receive<Answer>({ from: to }, def.commTimeout));
      if (env === null) break;
      answered = true;
      yield tally('protocol_bytes', def.controlMessage);
      if (wanted(env.body)) return env.body;
    }
    misses = answered ? 0 : misses + 1;
    if (misses >= def.retries) return null;
  }
}

/** FIG. 5: the client sends to the backup vLAN address; the LAN-free server that answers opens the drive path. False if none answers. */
function* openSession(def: LanFreeDef, c: string, drive: string): Steps<boolean> {
  const server = yield* where(c);
  const agent = agentActor(def.routes[c][server].agent);
  const open: OpenSession = { type: 'open', client: c, drive, server };
  const opened = yield* ask(def, c, agent, open, (m): m is SessionOpened => m.type === 'opened', (route) => figureStep(fig('5', null), `${c} opens a session at the LAN-free servers' address; ${def.routes[c][server].agent} answers (${describeRoute(route)})`));
  return opened !== null;
}

/** After Live Partition Mobility: what the design needs before the next transaction leaves from the new server. */
function* moved(def: LanFreeDef, c: string, server: string, drive: string, mode: 'san' | 'lan'): Steps<boolean> {
  yield mark(`${c} now runs on ${server}`);
  if (mode === 'lan') return true;
  if (def.design === 'shared') {
    // Same address, no tape reconfiguration: the LAN-free server now answering already has paths to every drive.
    return yield* openSession(def, c, drive);
  }
  // npiv: the virtual WWPN pair moved with the partition; the next transaction goes through the new server's VIOS.
  return true;
}
