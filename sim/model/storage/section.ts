/**
 * `topology.storage`, declared once: arrays, their volumes and the mirrors
 * from them. The declaration gives the schema, the README rows, the resolved
 * types and every default; `resolveStorage` adds what a schema cannot say
 * (names that must exist or differ, a mirror's destination big enough, one
 * source per destination) and defines the names other sections refer to.
 */
import type { Path } from '../../foundation/path.ts';
import { duration, list, named, object, rate, resolveField, size, text, type Resolved } from '../../foundation/declare.ts';
import type { ResolveContext } from '../family.ts';

const VOLUME = object({
  size: size({ description: 'Capacity.', required: true, positive: true }),
  used: size({ description: 'Data on it at the start.', default: '0 B', source: 'scenario: data already on the volume at the start' }),
});

const MIRROR = object({
  volume: text({ description: 'The source volume, on this array.', required: true, unit: 'volume name' }),
  to: object({
    system: text({ description: 'The destination storage system.', required: true, unit: 'storage system name' }),
    volume: text({ description: 'The destination volume on it.', required: true, unit: 'volume name' }),
  }, { description: 'The destination volume.' }),
  route: list(text({ description: 'A link, by name.', required: true, defaultText: 'none (the arrays share a place)', unit: 'link name' }), { description: 'Links between the two arrays, in order.' }),
  interval: duration({
    description: 'Time between scheduled updates.',
    default: '10 min',
    positive: true,
    source: 'SnapMirror-based Azure NetApp Files cross-region replication schedules 10 min / hourly / daily; a documented ONTAP minimum was not found (domain-figures §9)',
  }),
});

const SYSTEM = object({
  site: text({ description: 'The site the array stands in.', unit: 'site name' }),
  rate: rate({
    description: 'The array\'s throughput: every bulk move in or out of it shares this.',
    required: true,
    positive: true,
    source: 'the array\'s sustained throughput from its own spec sheet; arrays differ too much for one default',
  }),
  cgFence: duration({
    description: 'How long a consistency-group snapshot holds writes.',
    default: '7 s',
    source: 'ONTAP REST 9.14 consistency-group snapshots: write-fence default 7 s, range 5-120 s (domain-figures §8)',
    spread: { low: '5 s', high: '120 s', source: 'ONTAP REST 9.14 consistency-group snapshots: write-fence 5-120 s (domain-figures §8)' },
  }),
  volumes: named(VOLUME, { description: 'Volumes or LUNs by name.', minEntries: 1 }),
  mirrors: named(MIRROR, { description: 'Asynchronous mirrors (SnapMirror) from a volume of this array, by name.' }),
});

export const STORAGE = named(SYSTEM, {
  description: 'Storage arrays: volumes (or LUNs), snapshots and mirrors. Each array\'s throughput is a device link named after it.',
});

/** A mirror's update interval when it gives none; a plan that follows the mirrors' schedule falls back to it. */
export const MIRROR_INTERVAL_DEFAULT: number = resolveField(MIRROR.fields.interval, undefined, [], {
  fail: (_, expected) => { throw new Error(expected); },
});

export type SystemDef = Omit<Resolved<typeof STORAGE>[number], 'mirrors'>;
export type MirrorDef = Resolved<typeof MIRROR> & { name: string; system: string };
export interface StorageDef { systems: SystemDef[]; mirrors: MirrorDef[] }

export function resolveStorage(topology: Record<string, unknown>, ctx: ResolveContext, path: Path): StorageDef {
  const at = (...p: (string | number)[]): Path => [...path, 'storage', ...p];
  const written = resolveField(STORAGE, topology.storage, at(), ctx);
  const systems: SystemDef[] = written.map(({ mirrors: _, ...s }) => {
    const name = s.name;
    if (ctx.names.has('link', name)) ctx.fail(at(name), `'${name}' is also a link; an array's throughput is a device link named after the array, so they need different names`);
    if (ctx.names.has('device', name)) ctx.fail(at(name), `'${name}' is already the name of a device; faults name devices, so names must differ`);
    if (s.site !== undefined && !ctx.names.has('site', s.site)) {
      const known = ctx.names.list('site');
      ctx.fail(at(name, 'site'), `no site named '${s.site}'${known.length ? `; sites are: ${known.join(', ')}` : '; topology.sites is empty'}`);
    }
    for (const v of s.volumes) {
      if (v.used > v.size) ctx.fail(at(name, 'volumes', v.name, 'used'), `${v.used} bytes is more than the volume's size of ${v.size} bytes`);
    }
    return s;
  });
  const bySystem = new Map(systems.map((s) => [s.name, s]));
  const mirrors: MirrorDef[] = [];
  for (const { name, mirrors: from } of written) {
    for (const m of from) {
      const p = at(name, 'mirrors', m.name);
      if (mirrors.some((x) => x.name === m.name)) ctx.fail(p, `a mirror named '${m.name}' is already defined on another array; mirror names are global`);
      const src = bySystem.get(name)!.volumes.find((v) => v.name === m.volume);
      if (src === undefined) ctx.fail([...p, 'volume'], `storage system '${name}' has no volume named '${m.volume}'; it has: ${bySystem.get(name)!.volumes.map((v) => v.name).join(', ')}`);
      const { to, route } = m;
      const dsys = bySystem.get(to.system);
      if (dsys === undefined) ctx.fail([...p, 'to', 'system'], `no storage system named '${to.system}'; storage systems are: ${[...bySystem.keys()].join(', ')}`);
      const dst = dsys.volumes.find((v) => v.name === to.volume);
      if (dst === undefined) ctx.fail([...p, 'to', 'volume'], `storage system '${to.system}' has no volume named '${to.volume}'; it has: ${dsys.volumes.map((v) => v.name).join(', ')}`);
      if (to.system === name && to.volume === m.volume) ctx.fail([...p, 'to'], 'a mirror copies a volume to another volume, not onto itself');
      if (dst.size < src.size) ctx.fail([...p, 'to', 'volume'], `the destination (${dst.size} bytes) is smaller than the source (${src.size} bytes)`);
      route.forEach((l, i) => {
        if (bySystem.has(l)) ctx.fail([...p, 'route', i], `'${l}' is a storage system; a mirror crosses both arrays by itself, so list only the links between them`);
        if (!ctx.names.has('link', l)) ctx.fail([...p, 'route', i], `no link named '${l}'; links are: ${ctx.names.list('link').join(', ') || '(none: define them under topology.links)'}`);
      });
      if (new Set(route).size !== route.length) ctx.fail([...p, 'route'], 'a route crosses each link at most once');
      mirrors.push({ ...m, system: name });
    }
  }
  checkOneSourceEach(mirrors, ctx, at);
  defineNames(systems, mirrors, ctx);
  return { systems, mirrors };
}

const volumeKey = (s: string, v: string) => `${s}/${v}`;

/** A destination has one source, and is no source itself (cascades are not modelled). */
function checkOneSourceEach(mirrors: MirrorDef[], ctx: ResolveContext, at: (...p: (string | number)[]) => Path): void {
  const sources = new Map(mirrors.map((m) => [volumeKey(m.system, m.volume), m]));
  const seen = new Map<string, MirrorDef>();
  for (const m of mirrors) {
    const p = at(m.system, 'mirrors', m.name, 'to');
    const d = volumeKey(m.to.system, m.to.volume);
    const other = seen.get(d);
    if (other !== undefined) ctx.fail(p, `volume '${d}' is already the destination of mirror '${other.name}'; a volume has one source`);
    seen.set(d, m);
    const onward = sources.get(d);
    if (onward !== undefined) ctx.fail(p, `volume '${d}' is the source of mirror '${onward.name}'; cascaded mirrors are not modelled`);
  }
}

function defineNames(systems: SystemDef[], mirrors: MirrorDef[], ctx: ResolveContext): void {
  for (const s of systems) {
    ctx.names.define('storage', s.name);
    ctx.names.define('device', s.name);
    // The array's device link may appear in plain transfer routes (a backup reading from it).
    ctx.names.define('link', s.name);
    for (const v of s.volumes) {
      ctx.names.define('volume', volumeKey(s.name, v.name));
      // A bare name passes the load-time check; the command matches it with its system when it runs.
      ctx.names.define('volume', v.name);
    }
  }
  for (const m of mirrors) ctx.names.define('mirror', m.name);
}
