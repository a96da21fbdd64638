/**
 * The pools' job steps as processes: each op runs in a helper process of
 * its own (handlers.ts), moves its bytes with flows and mounts, and changes
 * what the pools hold only when the bytes are there.
 */
import { perform, transfer } from '../../engine/commands.ts';
import type { BackupLevel } from '../../foundation/scenario.ts';
import type { Held } from './holdings.ts';
import { migrationBytes, migrationPlan, reclaimCandidates, type Take } from './plans.ts';
import { PoolError } from './pool-error.ts';
import type { PoolBackedUp, PoolExpired, PoolMoved, PoolReclaimed, PoolRestored } from './commands.ts';
import type { SeqPoolDef } from './resolve.ts';
import { done, mount, takeDrives, write, type Env, type Steps } from './tape-io.ts';
import { scratch, type Volume } from './volumes.ts';

const LEVELS: readonly BackupLevel[] = ['full', 'incremental', 'differential', 'synthetic-full'];

interface BackupArgs { pool: string; client: string; bytes: number; level: string; route?: readonly string[]; label?: string }

/** Takes a chunk `n` written on `v` off the front of `takes`, a part at a time: `move(take, k)` for each. */
function spread(takes: Take[], n: number, move: (t: Take, k: number) => void): void {
  let left = n;
  while (left > 0 && takes.length > 0) {
    const t = takes[0];
    const k = Math.min(left, t.bytes);
    move(t, k);
    t.bytes -= k;
    left -= k;
    if (t.bytes === 0) takes.shift();
  }
}

/**
 * `body` with `count` of the pool's drives, given back whatever happens: unmounted and released when it ends or
 * throws; released at once if the op is abandoned (a cartridge left in a drive is unmounted by its next user).
 */
function* withDrives<R>(env: Env, pool: SeqPoolDef, count: number, body: (drives: string[]) => Steps<R>): Steps<R> {
  const got = yield* takeDrives(pool, count);
  let given = false;
  try {
    const r = yield* body(got);
    yield* done(env, got);
    given = true;
    return r;
  } catch (e) {
    yield* done(env, got);
    given = true;
    throw e;
  } finally {
    if (!given) env.drives.release(got);
  }
}

export function* backup(env: Env, a: BackupArgs): Steps<PoolBackedUp> {
  const { state } = env;
  if (!(LEVELS as readonly string[]).includes(a.level)) {
    throw new PoolError(`pool.backup: level is one of ${LEVELS.join(', ')}, got '${a.level}'${a.level === 'data' ? ' (`data` is the level of a scheduled job with data and levels)' : ''}`, 'pool.refused', a.pool);
  }
  const level = a.level as BackupLevel;
  const route = a.route ?? [];
  const label = a.label ?? `pool.backup ${a.client} to ${a.pool}`;
  const disk = state.disks.get(a.pool);
  let target = a.pool;
  if (disk !== undefined) {
    const free = disk.def.capacity - disk.used - disk.reserved;
    if (a.bytes <= free) {
      disk.reserved += a.bytes;
      try {
        yield* perform(transfer([...route, disk.def.name], a.bytes, { label }));
      } finally {
        disk.reserved -= a.bytes;
      }
      const v = state.catalog.add(a.pool, a.client, env.day(), level, a.bytes);
      state.storeOnDisk(disk, v, a.bytes);
      state.publish();
      return { bytes: a.bytes, storedBytes: a.bytes, pool: a.pool, cartridges: [] };
    }
    // Spectrum Protect: a file that does not fit in a disk pool goes to the next pool in the hierarchy.
    if (disk.def.next === undefined) throw new PoolError(`pool.backup: disk pool '${a.pool}' is full: ${a.bytes} bytes do not fit in the ${free} free, and it has no next pool`, 'pool.full', a.pool);
    target = disk.def.next;
  }
  const pool = state.seq(target);
  if (pool.kind === 'copy') throw new PoolError(`pool.backup: '${pool.name}' is a copy pool; back up to a primary pool`, 'pool.refused', pool.name);
  const chunks: [Volume, number][] = [];
  const cartridges = yield* withDrives(env, pool, 1, ([drive]) => write(env, pool, drive, route, a.bytes, label, (v, n) => chunks.push([v, n])));
  const v = state.catalog.add(a.pool, a.client, env.day(), level, a.bytes);
  for (const [vol, n] of chunks) state.holds(vol, v, n, false);
  state.publish();
  return { bytes: a.bytes, storedBytes: chunks.reduce((s, [vol, n]) => s + n / vol.compression, 0), pool: pool.name, cartridges };
}

export function* expire(env: Env, poolName: string): Steps<PoolExpired> {
  const before = new Set(env.state.held(poolName).concat([...env.state.volumes.values()].filter((v) => v.pool !== null)).map((v) => v.label));
  const gone = env.state.expire(poolName, env.day(), env.kernel.now);
  const scratched = [...before].filter((l) => env.state.volumes.get(l)!.pool === null);
  env.state.publish();
  return { versions: gone.length, bytes: gone.reduce((n, v) => n + v.logical, 0), scratched };
}

export function* migrate(env: Env, poolName: string, label: string): Steps<PoolMoved> {
  const { state } = env;
  const disk = state.disk(poolName);
  const d = disk.def;
  const bytes = migrationBytes(disk.used, d.capacity, d.high, d.low);
  if (bytes === 0 || d.next === undefined) return { bytes: 0, cartridges: [] };
  const takes = migrationPlan(state.catalog.all(), d.name, bytes);
  const next = state.seq(d.next);
  const cartridges = yield* withDrives(env, next, 1, ([drive]) => write(env, next, drive, [d.name], bytes, label, (v, n) => spread(takes, n, (t, k) => {
    // A version expired while its bytes moved leaves them on tape as garbage.
    const moved = Math.min(k, t.part.bytes);
    state.release(t.part, moved);
    if (moved > 0) state.holds(v, t.version, moved, false);
  })));
  state.publish();
  return { bytes, cartridges };
}

export function* reclaim(env: Env, poolName: string, label: string): Steps<PoolReclaimed> {
  const { state } = env;
  const pool = state.seq(poolName);
  const first = reclaimCandidates(state.held(pool.name), pool.name, pool.reclaim);
  if (first.length === 0) return { reclaimed: [], bytes: 0, cartridges: [] };
  if (pool.drives.length < 2) throw new PoolError(`pool.reclaim: tape pool '${pool.name}' has one drive; reclamation reads one cartridge and writes another, so give it two`, 'pool.refused', pool.name);
  const { reclaimed, bytes, written } = yield* withDrives(env, pool, 2, function* ([input, output]) {
    const out = { reclaimed: [] as string[], bytes: 0, written: [] as string[] };
    // The candidates again now the drives are ours: another op may have changed them meanwhile.
    for (const src of reclaimCandidates(state.held(pool.name), pool.name, pool.reclaim)) {
      yield* mount(env, input, src);
      const takes: Take[] = state.catalog.all().flatMap((version) => version.parts.filter((p) => p.cartridge === src.label).map((part) => ({ version, part, bytes: part.bytes })));
      const n = src.valid;
      const onto = yield* write(env, pool, output, [input], n, label, (v, m) => spread(takes, m, (t, k) => {
        state.release(t.part, k);
        state.holds(v, t.version, k, false);
      }));
      for (const l of onto) if (!out.written.includes(l)) out.written.push(l);
      out.bytes += n;
      scratch(src);
      out.reclaimed.push(src.label);
    }
    return out;
  });
  state.publish();
  return { reclaimed, bytes, cartridges: written };
}

export function* copy(env: Env, poolName: string, label: string): Steps<PoolMoved> {
  const { state } = env;
  const pool = state.seq(poolName);
  if (pool.kind !== 'copy' || pool.of === undefined) throw new PoolError(`pool.copy: '${pool.name}' is not a copy pool`, 'pool.refused', pool.name);
  const of = pool.of;
  const todo = state.catalog.all().filter((v) => v.copies.every((c) => c.pool !== pool.name) && v.parts.some((p) => p.pool === of && p.bytes > 0));
  const takes: Take[] = todo.map((version) => ({ version, part: version.parts[0], bytes: version.parts.reduce((n, p) => n + p.bytes, 0) }));
  const bytes = takes.reduce((n, t) => n + t.bytes, 0);
  const source = [...(state.disks.has(of) ? [of] : []), ...pool.route];
  const cartridges = bytes === 0 ? [] : yield* withDrives(env, pool, 1, ([drive]) => write(env, pool, drive, source, bytes, label, (v, n) => spread(takes, n, (t, k) => state.holds(v, t.version, k, true))));
  if (pool.offsite) {
    // Disaster recovery: the day's cartridges go to the vault; the next copy starts on a new one.
    for (const v of state.held(pool.name)) if (!v.offsite) { v.offsite = true; v.full = true; }
    state.shelves.get(pool.library)!.comeBack();
  }
  state.publish();
  return { bytes, cartridges };
}

export function* restore(env: Env, a: { pool: string; client: string; day: number; route?: readonly string[]; label?: string }): Steps<PoolRestored> {
  const { state } = env;
  const version: Held | undefined = state.catalog.chain(a.pool, a.client).find((v) => v.day === a.day);
  if (version === undefined) {
    const gone = state.gone.find((g) => g.version.home === a.pool && g.version.client === a.client && g.version.day === a.day);
    if (gone !== undefined) throw new PoolError(`pool.restore: ${a.client}'s version of day ${a.day} in pool '${a.pool}' expired on day ${gone.on}; retention removed it`, 'pool.expired', a.pool);
    throw new PoolError(`pool.restore: pool '${a.pool}' has no version of ${a.client} taken on day ${a.day}`, 'pool.no-version', a.pool);
  }
  const route = a.route ?? [];
  const label = a.label ?? `pool.restore ${a.client} day ${a.day}`;
  state.restores.push({ home: a.pool, client: a.client, day: a.day, on: env.day(), at: env.kernel.now });
  for (const p of version.parts.filter((x) => x.bytes > 0)) {
    if (p.cartridge === null) {
      yield* perform(transfer([p.pool, ...route], p.bytes, { label }));
      continue;
    }
    const pool = state.seq(p.pool);
    const vol = state.volumes.get(p.cartridge)!;
    yield* withDrives(env, pool, 1, function* ([drive]) {
      yield* mount(env, drive, vol);
      yield* perform(transfer([drive, ...route], p.bytes, { label }));
    });
  }
  return { bytes: version.logical, pool: a.pool };
}
