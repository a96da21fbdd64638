/**
 * The protocol section resolved against the topology: which libraries play
 * which part, the week's backups as a plan (one virtual cartridge each), and
 * where the physical medium is. Every bad reference fails with its field path.
 */
import type { Path } from '../../foundation/path.ts';
import type { DedupParams } from '../../model/vtls/dedup.ts';
import type { ProtocolResolveContext } from '../protocol.ts';

import { resolveField } from '../../foundation/declare.ts';
import { attachedLibraries, locateMedium, type MediumLocation, type PhysicalLibrary } from './device-information.ts';
import { INCREMENTAL_SHARE, REMOTECOPY, type RemoteCopySection } from './params.ts';
import { modelOf } from '../../model/models.ts';

export const DAY = 86_400e9;
export const WEEK = 7 * DAY;

/** One backup of the cycle: what it writes, when, and where it lands at each end. */
export interface Backup {
  job: string;
  week: number;
  kind: 'full' | 'incremental';
  /** ticks: when it is scheduled to start */
  at: number;
  bytes: number;
  /** share of this write's chunks that are new: the day's change, concentrated into an incremental */
  change: number;
  cartridge: string;
  /** the remote library's cartridge in the same slot, where replication lands */
  replica: string;
  cell: number;
}

export interface RemoteCopyDef {
  design: RemoteCopySection['design'];
  replication: RemoteCopySection['replication'];
  local: string;
  remote: string;
  /** the WAN: the local library's replicate.route */
  wan: string[];
  cells: number;
  /** bytes of a job request or status between the copy managers */
  controlMessage: number;
  /** ticks: the local layer sends a remote job again after this long without its status, and fails the copy after remoteGiveUp without a word */
  remoteRetry: number;
  remoteGiveUp: number;
  backupRoute: string[];
  dataset: string;
  /** the local library's dedup figures: what a replication may send */
  dedup: DedupParams;
  /** coefficient of variation of the day's change */
  changeSpread: number;
  weeks: number;
  backups: Backup[];
  /** the dataset written once on a spare cartridge and replicated without the WAN before the cycle */
  seed: { cartridge: string; replica: string; bytes: number } | null;
  copy: {
    to: string;
    api: RemoteCopySection['copy']['api'];
    route: string[];
    lock: boolean;
    of: RemoteCopySection['copy']['of'];
    window: number | null;
    at: number | null;
    blockSize: number;
  };
  medium: MediumLocation;
  libraries: PhysicalLibrary[];
}

export function resolveRemoteCopy(written: Record<string, unknown>, ctx: ProtocolResolveContext, path: Path): RemoteCopyDef {
  const section = resolveField(REMOTECOPY, written, path, ctx);
  const vtls = modelOf(ctx.scenario, 'vtls');
  const names = vtls.map((v) => v.name);
  const local = section.local;
  const lv = vtls.find((v) => v.name === local);
  if (lv === undefined) ctx.fail([...path, 'local'], `no virtual tape library named '${local}'${names.length ? `; libraries are: ${names.join(', ')}` : ': define one under topology.vtls'}`);
  if (lv.replicate === undefined) ctx.fail([...path, 'local'], `library '${local}' does not replicate: give topology.vtls.${local}.replicate { to: <remote library>, route: [<WAN links>] }`);
  const remote = lv.replicate.to;
  const rv = vtls.find((v) => v.name === remote)!;

  const linkList = (p: Path, list: string[]): string[] => {
    list.forEach((n, i) => { if (!ctx.names.has('link', n)) ctx.fail([...p, i], `no link named '${n}'; links are: ${ctx.names.list('link').join(', ')}`); });
    return list;
  };

  const b = section.backup;
  const bp: Path = [...path, 'backup'];
  const full = b.full;
  const incremental = b.incremental ?? full * INCREMENTAL_SHARE;
  if (incremental > full) ctx.fail([...bp, 'incremental'], 'an incremental holds what changed since the day before, so it is at most a full');
  const change = b.change ?? lv.dedup.change;
  if (change * full > incremental) ctx.fail([...bp, 'change'], `a day changes ${change} of the ${full} bytes, more than the ${incremental}-byte incremental can carry`);
  const { days, weeks, seeded, start } = b;
  const cells = section.cells;

  const slots = weeks * days + (seeded ? 1 : 0);
  const short = lv.barcodes.length < slots ? lv : rv.barcodes.length < slots ? rv : null;
  if (short !== null) ctx.fail([...path, 'backup'], `${weeks} week(s) of ${days} backups${seeded ? ' and the seed' : ''} need ${slots} virtual cartridges, one each, but library '${short.name}' has ${short.barcodes.length}: raise topology.vtls.${short.name}.cartridges.count`);
  for (const v of [lv, rv]) {
    if (full > v.capacity) ctx.fail([...bp, 'full'], `a ${full}-byte full does not fit a ${v.capacity}-byte cartridge of '${v.name}'`);
  }

  // With a seed, day 0 is spent seeding and the cycle begins on day 1.
  const first = start + (seeded ? DAY : 0);
  const backups: Backup[] = [];
  for (let w = 0; w < weeks; w++) {
    for (let d = 0; d < days; d++) {
      const slot = w * days + d;
      const kind = d === 0 ? 'full' : 'incremental';
      const bytes = kind === 'full' ? full : incremental;
      backups.push({
        job: `w${w + 1}d${d + 1} ${kind}`, week: w + 1, kind, at: first + w * WEEK + d * DAY, bytes,
        // The day's changed chunks (change × full) all fall inside the day's backup; a first, unseeded full is all new anyway.
        change: Math.min(1, (change * full) / bytes),
        cartridge: lv.barcodes[slot], replica: rv.barcodes[slot], cell: slot % cells,
      });
    }
  }
  const seed = seeded ? { cartridge: lv.barcodes[slots - 1], replica: rv.barcodes[slots - 1], bytes: full } : null;

  const c = section.copy;
  const cp: Path = [...path, 'copy'];
  const libraries = attachedLibraries(modelOf(ctx.scenario, 'libraries'), vtls, local, remote);
  const to = c.to;
  const medium = locateMedium(libraries, to);
  if (medium === undefined) {
    const known = ctx.names.has('cartridge', to);
    const seen = libraries.flatMap((l) => l.cartridges.map((x) => x.name));
    ctx.fail([...cp, 'to'], known
      ? `cartridge '${to}' is in a library with no drive attached to '${local}' or '${remote}'; attach one with topology.vtls.<library>.tape: <library>/<drive>`
      : `no physical cartridge named '${to}'${seen.length ? ` in the libraries attached to '${local}' or '${remote}': ${seen.join(', ')}` : `: define it under topology.libraries and attach a drive of that library to '${local}' or '${remote}' (topology.vtls.<library>.tape)`}`);
  }
  const lib = libraries.find((l) => l.library === medium.library)!;
  const generation = lib.cartridges.find((x) => x.name === to)!.generation;
  if (generation !== lib.driveGeneration) ctx.fail([...cp, 'to'], `cartridge '${to}' is ${generation}, but the drive attached to '${medium.vtl}' (${medium.drive}) is ${lib.driveGeneration}; the tape model mounts only a drive's own generation`);
  const design = section.design;
  if (design === 'second-instance' && medium.site === 'local') ctx.fail([...cp, 'to'], `cartridge '${to}' is at the local site; a second backup application instance is only needed for a remote tape, so use design: smart-copy`);
  if (design === 'second-instance' && c.lock) ctx.fail([...cp, 'lock'], 'a second backup application at the remote site cannot lock the local library: nothing links the two sites\' copy engines');
  const blockSize = c.blockSize;
  if (!(blockSize >= 1)) ctx.fail([...cp, 'blockSize'], 'a tape block is at least 1 byte');

  return {
    design,
    replication: section.replication,
    local, remote, wan: [...lv.replicate.route], cells, dedup: { ...lv.dedup },
    controlMessage: section.controlMessage, remoteRetry: section.remoteRetry, remoteGiveUp: section.remoteGiveUp,
    backupRoute: linkList([...bp, 'route'], b.route),
    dataset: b.dataset,
    changeSpread: b.changeSpread,
    weeks, backups, seed,
    copy: {
      to, api: c.api, route: linkList([...cp, 'route'], c.route), lock: c.lock, of: c.of,
      window: c.window ?? null,
      at: c.at ?? null,
      blockSize,
    },
    medium, libraries,
  };
}
