/**
 * The storage family: `topology.storage`, arrays with volumes, snapshots and
 * mirrors, and the commands that write, snapshot, restore and mirror them.
 *
 * Each array's throughput is a device link named after the array; bulk moves
 * cross it (a write: the route from the host, then the array; a mirror
 * update: the source array, the route, the destination array; a restore to
 * another volume: likewise). Snapshots, snapshot deletes and in-place
 * restores are instant (redirect-on-write, see snapshot.ts). A failed array
 * (`device-fails: NAME`) refuses every command with its name and the time it
 * failed; a move in flight through it fails with the bytes moved so far.
 */
import type { Path } from '../../foundation/path.ts';
import { TransferFailed } from '../../engine/errors.ts';
import type { Kernel } from '../../engine/kernel.ts';
import type { Wait } from '../../engine/wait.ts';
import type { Custom } from '../../engine/commands.ts';
import type { BuildContext, Family, FamilyRuntime, OpSpec, ParamDoc, ResolveContext } from '../family.ts';

import { parseDuration, parseRate, parseSize } from '../../foundation/units.ts';
import { Mirror } from './mirror.ts';
import { StorageError, StorageSystem, Volume } from './storage-system.ts';
import { moveThen } from './transfer.ts';
import { namedMap } from '../schema-parts.ts';
import type { StoryData } from '../../foundation/story.ts';

/** ONTAP consistency-group snapshot write fence, default (domain-figures §8). */
export const CG_FENCE_DEFAULT = 7e9;
/** SnapMirror update interval (domain-figures §9). */
export const MIRROR_INTERVAL_DEFAULT = 600e9;

export interface VolumeDef { name: string; size: number; used: number }
export interface SystemDef { name: string; site?: string; rate: number; cgFence: number; volumes: VolumeDef[] }
export interface MirrorDef { name: string; system: string; volume: string; to: { system: string; volume: string }; route: string[]; interval: number }
export interface StorageDef { systems: SystemDef[]; mirrors: MirrorDef[] }

type Obj = Record<string, unknown>;

/** The storage models of one run; other families (hypervisors) reach them through storageModelOf. */
export class StorageModel implements FamilyRuntime {
  readonly systems = new Map<string, StorageSystem>();
  readonly mirrors = new Map<string, Mirror>();
  private moves = 0;

  constructor(readonly kernel: Kernel) {}

  system(name: string): StorageSystem {
    const s = this.systems.get(name);
    if (s === undefined) throw new StorageError(`no storage system named '${name}'`);
    return s;
  }

  /** A volume as a step names it: `vol` on `system`, or `system/vol`. */
  volume(system: string | undefined, ref: string): Volume {
    const slash = ref.indexOf('/');
    const sys = slash < 0 ? system : ref.slice(0, slash);
    const name = slash < 0 ? ref : ref.slice(slash + 1);
    if (sys === undefined) throw new StorageError(`volume '${ref}' needs its system: write system/volume`);
    if (system !== undefined && slash >= 0 && sys !== system) throw new StorageError(`volume '${ref}' is not on storage system '${system}'`);
    const s = this.system(sys);
    const v = s.volumes.get(name);
    if (v === undefined) throw new StorageError(`storage system '${sys}' has no volume named '${name}'; it has: ${[...s.volumes.keys()].join(', ')}`);
    return v;
  }

  mirror(name: string): Mirror {
    const m = this.mirrors.get(name);
    if (m === undefined) throw new StorageError(`no mirror named '${name}'`);
    return m;
  }

  siteFails(site: string): void {
    for (const s of this.systems.values()) if (s.site === site) this.failDevice(s.name);
  }

  failDevice(name: string): boolean {
    const s = this.systems.get(name);
    if (s === undefined) return false;
    if (s.failedAt !== null) return true;
    const now = this.kernel.now;
    // Writes up to now landed while the array was up.
    for (const v of s.volumes.values()) v.sync(now);
    s.failedAt = now;
    this.kernel.trace.mark(now, 0, `storage system ${name} fails`, { fails: name } satisfies StoryData);
    this.kernel.net.setLinkUp(this.kernel.net.linkId(s.device), false);
    return true;
  }

  /** a numbered label for a move, so the trace tells one update from the next */
  moveName(what: string): string {
    return `storage ${what} ${++this.moves}`;
  }
}

const MODELS = new WeakMap<Kernel, StorageModel>();

/** The storage models built into this kernel (one run), if the scenario has any. */
export function storageModelOf(kernel: Kernel): StorageModel | undefined {
  return MODELS.get(kernel);
}

const volumeParams = {
  system: { kind: 'name', ref: 'storage', required: true, description: 'the storage system' },
  volume: { kind: 'name', ref: 'volume', required: true, description: 'the volume or LUN: its name on the system, or system/volume' },
} as const;

const OPS: Record<string, OpSpec> = {
  'storage.write': {
    description: 'Write bytes into a volume over the route (if any) and the array\'s device link; the volume\'s change counters (snapshots, mirrors) grow by the distinct bytes touched when the last byte lands.',
    params: {
      ...volumeParams,
      bytes: { kind: 'size', required: true, description: 'bytes written' },
      changed: { kind: 'size', description: 'distinct bytes touched (default: bytes); spread uniformly over the volume' },
      route: { kind: 'names', ref: 'link', description: 'links from the writing host to the array, before the array itself' },
    },
  },
  'storage.snapshot': {
    description: 'Take a point-in-time snapshot of a volume (instant, redirect-on-write); result { name, time }. With fence, writes are held for the array\'s cgFence first, as a consistency-group snapshot does.',
    params: {
      ...volumeParams,
      name: { kind: 'string', required: true, description: 'the snapshot\'s name, unique on the volume' },
      fence: { kind: 'boolean', description: 'hold writes for the array\'s consistency-group write fence (cgFence) before the snapshot' },
      metadata: { kind: 'string', description: 'backup metadata stored with the snapshot (a VM, its host, the time ...); mirrors carry it, storage.snapshot.list shows it' },
    },
  },
  'storage.snapshot.list': {
    description: 'Scan a volume for snapshots (backup data): result { volume, snapshots: [{ name, time, image, metadata }] }, oldest first. Refused if the array failed.',
    params: { ...volumeParams },
  },
  'storage.snapshot.delete': {
    description: 'Delete a snapshot; result { name, space } with the bytes it freed.',
    params: { ...volumeParams, name: { kind: 'string', required: true, description: 'the snapshot' } },
  },
  'storage.restore': {
    description: 'Without `to`: revert the volume to the snapshot in place (instant; newer snapshots are deleted). With `to`: copy the snapshot\'s image (its used bytes) to that volume over the arrays\' device links and the route.',
    params: {
      ...volumeParams,
      snapshot: { kind: 'string', required: true, description: 'the snapshot to restore from' },
      to: { kind: 'name', ref: 'volume', description: 'the volume to copy it to: a name on the same system, or system/volume' },
      route: { kind: 'names', ref: 'link', description: 'links between the two arrays' },
    },
  },
  'storage.mirror.update': {
    description: 'Transfer what changed on the source since the last update (the first time: its whole used size) to the destination; result { mirror, bytes, baseline, start, end, imageTime }.',
    params: { mirror: { kind: 'name', ref: 'mirror', required: true, description: 'the mirror' } },
  },
  'storage.mirror.break': {
    description: 'Break the mirror (failover): the destination becomes writable and shows the source as of the last update; result { mirror, imageTime, imageAge }.',
    params: { mirror: { kind: 'name', ref: 'mirror', required: true, description: 'the mirror' } },
  },
  'storage.mirror.wait': {
    description: 'Sleep until the mirror\'s next scheduled update: the next multiple of its interval since time 0.',
    params: { mirror: { kind: 'name', ref: 'mirror', required: true, description: 'the mirror' } },
  },
};

const PARAMS: ParamDoc[] = [
  { name: 'storage.*.rate', default: '(required)', unit: 'B/s', source: 'the array\'s sustained throughput from its own spec sheet; arrays differ too much for one default' },
  { name: 'storage.*.site', default: '(none)', unit: 'site name', source: 'scenario' },
  { name: 'storage.*.cgFence', default: '7 s', unit: 'duration', source: 'ONTAP REST 9.14 consistency-group snapshots: write-fence default 7 s, range 5-120 s (domain-figures §8)' },
  { name: 'storage.*.volumes.*.size', default: '(required)', unit: 'bytes', source: 'scenario' },
  { name: 'storage.*.volumes.*.used', default: '0 B', unit: 'bytes', source: 'scenario: data already on the volume at the start' },
  { name: 'storage.*.mirrors.*.interval', default: '10 min', unit: 'duration', source: 'SnapMirror-based Azure NetApp Files cross-region replication schedules 10 min / hourly / daily; a documented ONTAP minimum was not found (domain-figures §9)' },
  { name: 'storage.*.mirrors.*.route', default: '[] (same place)', unit: 'link names', source: 'scenario' },
  { name: 'storage.write changed', default: 'bytes', unit: 'bytes', source: 'model: distinct bytes a write touches, spread uniformly over the volume (UNSOURCED simplification: no block addresses are kept)' },
  { name: 'snapshot space', default: 'distinct bytes changed since the snapshot', unit: 'bytes', source: 'redirect-on-write as in WAFL: "uses no additional disk space until files are changed" (Hutchinson et al., OSDI \'99)' },
];

const section = namedMap(
  'Storage arrays: volumes (or LUNs), snapshots and mirrors. Each array\'s throughput is a device link named after it.',
  {
    type: 'object',
    additionalProperties: false,
    required: ['rate', 'volumes'],
    properties: {
      site: { type: 'string', description: 'The site the array stands in.' },
      rate: { $ref: '#/definitions/rate', description: 'The array\'s throughput: every bulk move in or out of it shares this.' },
      cgFence: { $ref: '#/definitions/duration', description: 'How long a consistency-group snapshot holds writes. Default 7 s (ONTAP).' },
      volumes: {
        type: 'object',
        description: 'Volumes or LUNs by name.',
        propertyNames: { $ref: '#/definitions/name' },
        minProperties: 1,
        additionalProperties: {
          type: 'object',
          additionalProperties: false,
          required: ['size'],
          properties: {
            size: { $ref: '#/definitions/size', description: 'Capacity.' },
            used: { $ref: '#/definitions/size', description: 'Data on it at the start. Default 0 B.' },
          },
        },
      },
      mirrors: {
        type: 'object',
        description: 'Asynchronous mirrors (SnapMirror) from a volume of this array, by name.',
        propertyNames: { $ref: '#/definitions/name' },
        additionalProperties: {
          type: 'object',
          additionalProperties: false,
          required: ['volume', 'to'],
          properties: {
            volume: { type: 'string', description: 'The source volume, on this array.' },
            to: {
              type: 'object',
              description: 'The destination volume.',
              additionalProperties: false,
              required: ['system', 'volume'],
              properties: { system: { type: 'string' }, volume: { type: 'string' } },
            },
            route: { type: 'array', items: { type: 'string' }, description: 'Links between the two arrays, in order.' },
            interval: { $ref: '#/definitions/duration', description: 'Time between scheduled updates. Default 10 min.' },
          },
        },
      },
    },
  },
);

function resolve(topology: Obj, ctx: ResolveContext, path: Path): StorageDef {
  const raw = (topology.storage ?? {}) as Record<string, Obj>;
  const at = (...p: (string | number)[]): Path => [...path, 'storage', ...p];
  const systems: SystemDef[] = Object.entries(raw).map(([name, s]) => {
    if (ctx.names.has('link', name)) ctx.fail(at(name), `'${name}' is also a link; an array's throughput is a device link named after the array, so they need different names`);
    if (ctx.names.has('device', name)) ctx.fail(at(name), `'${name}' is already the name of a device; faults name devices, so names must differ`);
    const site = s.site as string | undefined;
    if (site !== undefined && !ctx.names.has('site', site)) {
      const known = ctx.names.list('site');
      ctx.fail(at(name, 'site'), `no site named '${site}'${known.length ? `; sites are: ${known.join(', ')}` : '; topology.sites is empty'}`);
    }
    const rate = parseRate(s.rate);
    if (!(rate > 0)) ctx.fail(at(name, 'rate'), 'an array needs a throughput above zero');
    const cgFence = s.cgFence === undefined ? CG_FENCE_DEFAULT : parseDuration(s.cgFence);
    const volumes = Object.entries(s.volumes as Record<string, Obj>).map(([vn, v]): VolumeDef => {
      const size = parseSize(v.size);
      if (!(size > 0)) ctx.fail(at(name, 'volumes', vn, 'size'), 'a volume needs a size above zero');
      const used = v.used === undefined ? 0 : parseSize(v.used);
      if (used > size) ctx.fail(at(name, 'volumes', vn, 'used'), `${v.used as string} is more than the volume's size of ${v.size as string}`);
      return { name: vn, size, used };
    });
    return { name, site, rate, cgFence, volumes };
  });
  const bySystem = new Map(systems.map((s) => [s.name, s]));
  const mirrors: MirrorDef[] = [];
  for (const [name, s] of Object.entries(raw)) {
    for (const [mn, m] of Object.entries((s.mirrors ?? {}) as Record<string, Obj>)) {
      const p = at(name, 'mirrors', mn);
      if (mirrors.some((x) => x.name === mn)) ctx.fail(p, `a mirror named '${mn}' is already defined on another array; mirror names are global`);
      const volume = m.volume as string;
      const src = bySystem.get(name)!.volumes.find((v) => v.name === volume);
      if (src === undefined) ctx.fail([...p, 'volume'], `storage system '${name}' has no volume named '${volume}'; it has: ${bySystem.get(name)!.volumes.map((v) => v.name).join(', ')}`);
      const to = m.to as { system: string; volume: string };
      const dsys = bySystem.get(to.system);
      if (dsys === undefined) ctx.fail([...p, 'to', 'system'], `no storage system named '${to.system}'; storage systems are: ${[...bySystem.keys()].join(', ')}`);
      const dst = dsys.volumes.find((v) => v.name === to.volume);
      if (dst === undefined) ctx.fail([...p, 'to', 'volume'], `storage system '${to.system}' has no volume named '${to.volume}'; it has: ${dsys.volumes.map((v) => v.name).join(', ')}`);
      if (to.system === name && to.volume === volume) ctx.fail([...p, 'to'], 'a mirror copies a volume to another volume, not onto itself');
      if (dst.size < src.size) ctx.fail([...p, 'to', 'volume'], `the destination (${dst.size} bytes) is smaller than the source (${src.size} bytes)`);
      const route = (m.route ?? []) as string[];
      route.forEach((l, i) => {
        if (bySystem.has(l)) ctx.fail([...p, 'route', i], `'${l}' is a storage system; a mirror crosses both arrays by itself, so list only the links between them`);
        if (!ctx.names.has('link', l)) ctx.fail([...p, 'route', i], `no link named '${l}'; links are: ${ctx.names.list('link').join(', ') || '(none: define them under topology.links)'}`);
      });
      if (new Set(route).size !== route.length) ctx.fail([...p, 'route'], 'a route crosses each link at most once');
      const interval = m.interval === undefined ? MIRROR_INTERVAL_DEFAULT : parseDuration(m.interval);
      if (!(interval > 0)) ctx.fail([...p, 'interval'], 'the update interval must be above 0 s');
      mirrors.push({ name: mn, system: name, volume, to: { ...to }, route, interval });
    }
  }
  const key = (s: string, v: string) => `${s}/${v}`;
  const sources = new Map(mirrors.map((m) => [key(m.system, m.volume), m]));
  const seen = new Map<string, MirrorDef>();
  for (const m of mirrors) {
    const p = at(m.system, 'mirrors', m.name, 'to');
    const d = key(m.to.system, m.to.volume);
    const other = seen.get(d);
    if (other !== undefined) ctx.fail(p, `volume '${d}' is already the destination of mirror '${other.name}'; a volume has one source`);
    seen.set(d, m);
    const onward = sources.get(d);
    if (onward !== undefined) ctx.fail(p, `volume '${d}' is the source of mirror '${onward.name}'; cascaded mirrors are not modelled`);
  }
  for (const s of systems) {
    ctx.names.define('storage', s.name);
    ctx.names.define('device', s.name);
    // The array's device link may appear in plain transfer routes (a backup reading from it).
    ctx.names.define('link', s.name);
    for (const v of s.volumes) {
      ctx.names.define('volume', key(s.name, v.name));
      // A bare name passes the load-time check; the command matches it with its system when it runs.
      ctx.names.define('volume', v.name);
    }
  }
  for (const m of mirrors) ctx.names.define('mirror', m.name);
  return { systems, mirrors };
}

function build(def: StorageDef, ctx: BuildContext): StorageModel | void {
  if (def.systems.length === 0) return;
  const kernel = ctx.kernel;
  const model = new StorageModel(kernel);
  MODELS.set(kernel, model);
  for (const s of def.systems) {
    const sys = new StorageSystem(s.name, s.site, s.rate, s.cgFence);
    for (const v of s.volumes) sys.volumes.set(v.name, new Volume(sys, v.name, v.size, v.used));
    model.systems.set(s.name, sys);
    ctx.device(s.name, 'storage', { bandwidth: s.rate, latency: 0 });
  }
  for (const m of def.mirrors) {
    model.mirrors.set(m.name, new Mirror(m.name, model.volume(m.system, m.volume), model.volume(m.to.system, m.to.volume), m.route, m.interval));
  }
  const define = (op: string, handler: (cmd: Custom, wait: Wait) => void) => {
    kernel.defineCommand(op, (cmd, wait) => {
      try {
        handler(cmd, wait);
      } catch (e) {
        kernel.reject(wait, e);
      }
    });
  };
  const mark = (label: string, data?: unknown) => kernel.trace.mark(kernel.now, 0, label, data);
  const s = (t: number) => t / 1e9;
  /** why a move failed: the array that failed, or the network's reason */
  const why = (e: TransferFailed, ...systems: StorageSystem[]) => {
    const dead = systems.find((x) => x.failedAt !== null);
    return dead !== undefined ? `storage system '${dead.name}' failed at ${s(dead.failedAt!)} s` : e.message;
  };

  define('storage.write', (cmd, wait) => {
    const v = model.volume(cmd.system as string, cmd.volume as string);
    const bytes = cmd.bytes as number;
    const changed = (cmd.changed as number | undefined) ?? bytes;
    if (changed > bytes) throw new StorageError(`a write touches at most the bytes it writes: changed ${changed} > bytes ${bytes}`);
    if (changed > v.size) throw new StorageError(`a write cannot touch ${changed} distinct bytes of volume '${v.id}', which holds ${v.size}`);
    v.system.checkUp(`write to volume '${v.id}'`);
    const refused = v.refusal();
    if (refused !== null) throw new StorageError(refused);
    const route = (cmd.route as string[] | undefined) ?? [];
    if (route.includes(v.system.device)) throw new StorageError(`the route of a write to '${v.id}' lists the array '${v.system.name}' itself; it is added at the end`);
    moveThen(kernel, wait, {
      route: [...route, v.system.device],
      bytes,
      label: model.moveName(`write ${v.id}`),
      done: (r) => {
        v.sync(kernel.now);
        v.write(bytes, changed);
        return { volume: v.id, bytes, changed, start: r.start, end: r.end };
      },
      failed: (e) => {
        // What landed before the failure is on the volume, if the volume is still there.
        if (e.delivered > 0 && v.refusal() === null) v.write(e.delivered, (changed * e.delivered) / Math.max(1, bytes));
        return new TransferFailed(`write of ${bytes} bytes to volume '${v.id}' failed after ${e.delivered} bytes: ${why(e, v.system)}`, e.flow, bytes, e.delivered);
      },
      abandoned: () => {},
    });
  });

  define('storage.snapshot', (cmd, wait) => {
    const v = model.volume(cmd.system as string, cmd.volume as string);
    const name = cmd.name as string;
    v.system.checkUp(`snapshot volume '${v.id}'`);
    if (v.findSnapshot(name) !== undefined) throw new StorageError(`volume '${v.id}' already has a snapshot named '${name}'`);
    v.sync(kernel.now);
    const metadata = cmd.metadata as string | undefined;
    if (cmd.fence !== true) {
      const snap = v.snapshot(name, kernel.now, metadata);
      mark(`snapshot ${v.id}@${name}`, { used: snap.image });
      kernel.resolve(wait, { name, volume: v.id, time: snap.time });
      return;
    }
    // A consistency-group snapshot: writes are fenced (held at the array) while it is taken.
    const from = kernel.now;
    let abandoned = false;
    v.hold();
    mark(`write fence on ${v.id} for ${s(v.system.cgFence)} s`);
    wait.cancel = () => { abandoned = true; v.sync(kernel.now); v.release(); };
    kernel.at(from + v.system.cgFence, () => {
      if (abandoned) return;
      v.sync(kernel.now);
      if (v.system.failedAt !== null) {
        v.held = null;
        kernel.reject(wait, new StorageError(`storage system '${v.system.name}' failed at ${s(v.system.failedAt)} s, during the write fence of snapshot '${name}' of volume '${v.id}'`));
        return;
      }
      const snap = v.snapshot(name, kernel.now, metadata);
      const heldBytes = v.release();
      mark(`snapshot ${v.id}@${name}; fence lifted`, { used: snap.image, heldBytes });
      kernel.resolve(wait, { name, volume: v.id, time: snap.time, fencedFor: kernel.now - from, heldBytes });
    });
  });

  define('storage.snapshot.list', (cmd, wait) => {
    const v = model.volume(cmd.system as string, cmd.volume as string);
    v.system.checkUp(`scan volume '${v.id}'`);
    const snapshots = v.snapshots.map((x) => ({ name: x.name, time: x.time, image: x.image, metadata: x.metadata }));
    kernel.resolve(wait, { volume: v.id, snapshots });
  });

  define('storage.snapshot.delete', (cmd, wait) => {
    const v = model.volume(cmd.system as string, cmd.volume as string);
    v.system.checkUp(`delete a snapshot of volume '${v.id}'`);
    v.sync(kernel.now);
    const snap = v.deleteSnapshot(cmd.name as string);
    mark(`snapshot ${v.id}@${snap.name} deleted`, { space: snap.space });
    kernel.resolve(wait, { name: snap.name, volume: v.id, space: snap.space });
  });

  define('storage.restore', (cmd, wait) => {
    const src = model.volume(cmd.system as string, cmd.volume as string);
    const snap = src.snapshotNamed(cmd.snapshot as string);
    src.system.checkUp(`restore from snapshot '${snap.name}' of volume '${src.id}'`);
    const route = (cmd.route as string[] | undefined) ?? [];
    if (cmd.to === undefined) {
      if (route.length > 0) throw new StorageError('a restore over a route copies to another volume: give `to`');
      const refused = src.refusal();
      if (refused !== null) throw new StorageError(refused);
      src.sync(kernel.now);
      const deleted = src.revert(snap);
      mark(`volume ${src.id} reverted to ${snap.name}`, { used: src.used, deleted });
      kernel.resolve(wait, { volume: src.id, snapshot: snap.name, bytes: 0, deleted, time: kernel.now });
      return;
    }
    const to = cmd.to as string;
    const dst = model.volume(to.includes('/') ? undefined : src.system.name, to);
    if (dst === src) throw new StorageError(`restoring volume '${src.id}' onto itself is a revert: leave out \`to\``);
    dst.system.checkUp(`restore onto volume '${dst.id}'`);
    const refused = dst.refusal();
    if (refused !== null) throw new StorageError(refused);
    if (dst.size < snap.image) throw new StorageError(`volume '${dst.id}' (${dst.size} bytes) cannot hold snapshot '${snap.name}' (${snap.image} bytes)`);
    for (const sys of [src.system, dst.system]) if (route.includes(sys.device)) throw new StorageError(`the route of a restore lists the array '${sys.name}' itself; the arrays are added at its ends`);
    const path = src.system === dst.system ? [src.system.device, ...route] : [src.system.device, ...route, dst.system.device];
    moveThen(kernel, wait, {
      route: path,
      bytes: snap.image,
      label: model.moveName(`restore ${src.id}@${snap.name} to ${dst.id}`),
      done: (r) => {
        dst.sync(kernel.now);
        dst.write(snap.image, snap.image);
        dst.used = snap.image;
        mark(`volume ${dst.id} restored from ${src.id}@${snap.name}`, { bytes: snap.image });
        return { volume: dst.id, from: src.id, snapshot: snap.name, bytes: snap.image, start: r.start, end: r.end };
      },
      failed: (e) => new TransferFailed(`restore of snapshot '${snap.name}' to volume '${dst.id}' failed after ${e.delivered} of ${snap.image} bytes: ${why(e, src.system, dst.system)}`, e.flow, snap.image, e.delivered),
      abandoned: () => {},
    });
  });

  define('storage.mirror.update', (cmd, wait) => {
    const m = model.mirror(cmd.mirror as string);
    m.source.sync(kernel.now);
    const { bytes, baseline } = m.begin(kernel.now);
    mark(`mirror ${m.name} ${baseline ? 'baseline' : 'update'}: ${bytes} bytes`, { bytes, baseline });
    moveThen(kernel, wait, {
      route: m.path,
      bytes,
      label: model.moveName(`mirror ${m.name} ${baseline ? 'baseline' : 'update'}`),
      done: (r) => {
        const c = m.commit();
        mark(`mirror ${m.name}: destination at ${s(c.start)} s`, { bytes });
        return { mirror: m.name, bytes, baseline, start: r.start, end: r.end, imageTime: c.start };
      },
      failed: (e) => {
        m.abort();
        return new TransferFailed(`mirror '${m.name}' ${baseline ? 'baseline' : 'update'} failed after ${e.delivered} of ${bytes} bytes: ${why(e, m.source.system, m.destination.system)}`, e.flow, bytes, e.delivered);
      },
      abandoned: () => m.abort(),
    });
  });

  define('storage.mirror.break', (cmd, wait) => {
    const m = model.mirror(cmd.mirror as string);
    m.destination.sync(kernel.now);
    m.break(kernel.now);
    const imageAge = m.imageTime === null ? null : kernel.now - m.imageTime;
    mark(`mirror ${m.name} broken: ${m.destination.id} is writable`, { imageTime: m.imageTime });
    kernel.resolve(wait, { mirror: m.name, imageTime: m.imageTime, imageAge });
  });

  define('storage.mirror.wait', (cmd, wait) => {
    const m = model.mirror(cmd.mirror as string);
    const next = m.nextScheduled(kernel.now);
    kernel.at(next, () => kernel.resolve(wait, { mirror: m.name, time: next }));
  });

  return model;
}

export const storageFamily: Family<StorageDef> = {
  key: 'storage',
  errors: { StorageError },
  title: 'storage arrays: volumes, redirect-on-write snapshots, asynchronous mirrors',
  schema: { section },
  params: PARAMS,
  ops: OPS,
  resolve,
  build,
};
