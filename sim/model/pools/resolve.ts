/**
 * `topology.pools` to the pools of a run: names checked (libraries, drives,
 * links, pools), thresholds agreeing, and each library's cartridges as the
 * tape family resolves them (the pools take the empty ones as scratch).
 */
import type { Path } from '../../foundation/path.ts';
import { resolveField } from '../../foundation/declare.ts';
import { Names, type ResolveContext } from '../family.ts';
import { tapeFamily } from '../libraries/family.ts';
import { WRITES, type Generation } from '../libraries/lto.ts';
import type { RetentionPolicy } from '../retention.ts';
import { POOLS, type RetentionEntry } from './section.ts';
import type { Volume } from './volumes.ts';

export interface DiskPoolDef {
  name: string;
  /** bytes */
  capacity: number;
  /** bytes/s */
  rate: number;
  /** percent */
  high: number;
  low: number;
  next?: string;
  retention: RetentionPolicy;
}

/** A tape pool or a copy pool: cartridges of one library, written by its drives. */
export interface SeqPoolDef {
  kind: 'tape' | 'copy';
  name: string;
  library: string;
  drives: string[];
  /** the generations the drives write */
  generations: Generation[];
  /** host bytes per native byte, the drives' */
  compression: number;
  maxScratch: number;
  /** percent reclaimable; 100: never */
  reclaim: number;
  retention: RetentionPolicy;
  /** copy pools: the primary pool, the route from it, and whether cartridges leave the library */
  of?: string;
  route: string[];
  offsite: boolean;
}

/** A library the pools use: its slots and the cartridges that fill some of them from the start. */
export interface LibrarySlots {
  name: string;
  slots: number;
  /** cartridges listed with data already on them: private, never the pools' */
  fixed: number;
}

export interface PoolsDef {
  disks: DiskPoolDef[];
  seqs: SeqPoolDef[];
  /** cartridges empty when the run begins, by library, in the order listed */
  volumes: Volume[];
  libraries: LibrarySlots[];
  /** every cartridge label of the scenario, so a cartridge checked in gets a new one */
  labels: string[];
}

const policy = (r: RetentionEntry): RetentionPolicy => ({ ...(r.versions !== undefined ? { versions: r.versions } : {}), ...(r.days !== undefined ? { days: r.days } : {}) });

export function resolvePools(topology: Record<string, unknown>, ctx: ResolveContext, path: Path): PoolsDef {
  const at: Path = [...path, 'pools'];
  const v = resolveField(POOLS, topology.pools, at, ctx);
  const kinds = new Map<string, 'disk' | 'tape' | 'copy'>();
  for (const [kind, entries] of [['disk', v.disk], ['tape', v.tape], ['copy', v.copy]] as const) {
    for (const e of entries) {
      const p: Path = [...at, kind, e.name];
      const other = kinds.get(e.name);
      if (other !== undefined) ctx.fail(p, `'${e.name}' is also a ${other} pool; pool names are unique across disk, tape and copy pools`);
      if (kind === 'disk' && (ctx.names.has('link', e.name) || ctx.names.has('device', e.name))) ctx.fail(p, `'${e.name}' is already a link or device; a disk pool is a device link named after it, so give it another name`);
      kinds.set(e.name, kind);
    }
  }
  const library = libraryFigures(topology, ctx, path);
  const seq = (kind: 'tape' | 'copy', e: { name: string; library: string; drives: string[]; maxScratch: number }, p: Path) => {
    if (!ctx.names.has('library', e.library)) ctx.fail([...p, 'library'], `no tape library named '${e.library}'${known(ctx, 'library')}`);
    const gens = e.drives.map((d, i) => {
      const drive = library.drives.get(d);
      if (drive === undefined || !d.startsWith(`${e.library}/`)) ctx.fail([...p, 'drives', i], `no drive '${d}' in library '${e.library}'; its drives are: ${[...library.drives.keys()].filter((n) => n.startsWith(`${e.library}/`)).join(', ')}`);
      return drive;
    });
    if (new Set(e.drives).size !== e.drives.length) ctx.fail([...p, 'drives'], 'a drive is listed twice');
    const g0 = gens[0];
    gens.forEach((g, i) => {
      if (g.generation !== g0.generation || g.compression !== g0.compression) ctx.fail([...p, 'drives', i], `the pool's drives are of one generation and compression (${e.drives[0]}: ${g0.generation}, ${g0.compression}:1), so any of them can append to any of its cartridges`);
    });
    return { kind, name: e.name, library: e.library, drives: e.drives, generations: [...WRITES[g0.generation]], compression: g0.compression, maxScratch: e.maxScratch, route: [] as string[], offsite: false };
  };
  const seqs: SeqPoolDef[] = [
    ...v.tape.map((e) => ({ ...seq('tape', e, [...at, 'tape', e.name]), reclaim: e.reclaim, retention: policy(e.retention) })),
    ...v.copy.map((e): SeqPoolDef => {
      const p: Path = [...at, 'copy', e.name];
      const of = kinds.get(e.of);
      if (of === undefined || of === 'copy') ctx.fail([...p, 'of'], `no primary pool named '${e.of}'; a copy pool copies a disk or tape pool: ${[...kinds].filter(([, k]) => k !== 'copy').map(([n]) => n).join(', ') || 'none defined'}`);
      (e.route ?? []).forEach((l, i) => { if (!ctx.names.has('link', l)) ctx.fail([...p, 'route', i], `no link named '${l}'${known(ctx, 'link')}`); });
      return { ...seq('copy', e, p), of: e.of, route: e.route ?? [], offsite: e.offsite, reclaim: 100, retention: {} };
    }),
  ];
  const disks = v.disk.map((e): DiskPoolDef => {
    const p: Path = [...at, 'disk', e.name];
    if (e.migrate.low > e.migrate.high) ctx.fail([...p, 'migrate', 'low'], `migration stops at low (${e.migrate.low} %), which must not be above where it starts, high (${e.migrate.high} %)`);
    if (e.next !== undefined && kinds.get(e.next) !== 'tape') ctx.fail([...p, 'next'], `no tape pool named '${e.next}'; tape pools are: ${v.tape.map((t) => t.name).join(', ') || 'none defined'}`);
    return { name: e.name, capacity: e.capacity, rate: e.rate, high: e.migrate.high, low: e.migrate.low, next: e.next, retention: policy(e.retention) };
  });
  for (const [name] of kinds) ctx.names.define('pool', name);
  for (const d of disks) ctx.names.define('device', d.name);
  const used = new Set(seqs.map((s) => s.library));
  return { disks, seqs, volumes: library.volumes.filter((x) => used.has(x.library)), libraries: library.slots.filter((l) => used.has(l.name)), labels: library.labels };
}

function known(ctx: ResolveContext, kind: string): string {
  const l = ctx.names.list(kind);
  return l.length ? `; the scenario's are: ${l.join(', ')}` : `: this scenario defines none`;
}

/** The drives, slots and empty cartridges of every library, as the tape family resolves them (into names of its own, so nothing is defined twice). */
function libraryFigures(topology: Record<string, unknown>, ctx: ResolveContext, path: Path) {
  const def = tapeFamily.resolve(topology, { ...ctx, names: new Names() }, path);
  const drives = new Map(def.libraries.flatMap((l) => l.drives.map((d) => [d.name, d] as const)));
  const volumes = def.libraries.flatMap((l) => l.cartridges.filter((c) => c.used === 0).map((c): Volume => ({
    label: c.name, library: l.name, generation: c.generation, capacity: c.capacity, compression: 1,
    written: 0, valid: 0, pool: null, full: false, offsite: false, drive: null,
  })));
  const slots = def.libraries.map((l): LibrarySlots => ({ name: l.name, slots: l.slots, fixed: l.cartridges.filter((c) => c.used > 0).length }));
  const labels = def.libraries.flatMap((l) => l.cartridges.map((c) => c.name));
  return { drives, volumes, slots, labels };
}
