/**
 * The `protocol:` section of a feed-plex scenario: its schema, its
 * parameters' sources, and the checks of meaning against the topology (the
 * volumes, plexes and hosts it names must exist and be wired as FIG. 3 has
 * them).
 *
 *   protocol:
 *     name: feedplex
 *     design: feed-plex            # or traditional (FIG. 2)
 *     backups:
 *       nightly:
 *         source: { volume: vol54, plex: plex56 }     # plex 56: wired to the network adapter
 *         target: { volume: vol74, feedPlex: plex76 } # feed plex 76 of feed volume 74
 *         bytes: 12.8 GB
 *     restores:
 *       back: { backup: nightly }                     # FIG. 4, once the backup has ended
 *     applications:
 *       db: { host: node70, cpu: 10 s }
 */
import type { Path } from '../../foundation/path.ts';
import type { ParamDoc } from '../../model/family.ts';
import { duration, namedMap, size } from '../../model/schema-parts.ts';

import { parseDuration, parseSize } from '../../foundation/units.ts';
import type { ProtocolResolveContext } from '../protocol.ts';
import type { ApplicationDef } from './application.ts';
import type { Node, Pair } from './steps.ts';
import { modelOf } from '../../model/models.ts';

export type Design = 'feed-plex' | 'traditional';

export interface BackupDef {
  name: string;
  pair: Pair;
  bytes: number;
  /** ticks */
  start: number;
}

export interface FeedPlexDef {
  design: Design;
  block: number;
  buffers: number;
  backups: BackupDef[];
  restores: { name: string; backup: string }[];
  applications: ApplicationDef[];
}

export const DEFAULT_BLOCK = 64 * 2 ** 20;
export const DEFAULT_BUFFERS = 2;

const node = (role: string, plexField: string, plexWords: string): object => ({
  type: 'object',
  additionalProperties: false,
  required: ['volume', plexField],
  description: `The ${role} node's side: a volume of topology.volumes and ${plexWords}.`,
  properties: {
    volume: { type: 'string', description: `The ${role} volume (its host is the ${role} node).` },
    [plexField]: { type: 'string', description: plexWords },
  },
});

export const schema = {
  properties: {
    design: { type: 'string', enum: ['feed-plex', 'traditional'], description: '`feed-plex` (FIG. 3 backup, FIG. 4 restore: kernel to kernel) or `traditional` (FIG. 2: every block through the applications of both nodes). Default feed-plex.' },
    block: size('The unit that moves through the steps. Default 64 MiB.'),
    buffers: { type: 'integer', minimum: 1, description: 'Blocks that may wait between two steps. Default 2.' },
    backups: {
      ...namedMap('Backups of a source volume to a target node, by name (the job\'s name).', {
        type: 'object',
        additionalProperties: false,
        required: ['source', 'target', 'bytes'],
        properties: {
          source: node('source', 'plex', 'its plex wired to the network adapter (plex 56 of FIG. 3), a network plex whose route reaches the target'),
          target: node('target', 'feedPlex', 'its feed plex (plex 76 of FIG. 3), a network plex whose route reaches the source; the feed volume writes every other plex'),
          bytes: size('Bytes of the source volume to back up.'),
          start: duration('When the backup starts. Default 0 s.'),
        },
      }),
      minProperties: 1,
    },
    restores: namedMap('Restores (FIG. 4) of what a backup wrote, back onto its source volume, by name; each starts when its backup ends.', {
      type: 'object',
      additionalProperties: false,
      required: ['backup'],
      properties: { backup: { type: 'string', description: 'The backup to restore.' } },
    }),
    applications: namedMap('Applications competing with the backups for a node\'s cores, by name.', {
      type: 'object',
      additionalProperties: false,
      required: ['host', 'cpu'],
      properties: {
        host: { type: 'string', description: 'A host with cores (topology.hosts) or a partition.' },
        cpu: duration('Its work in core-seconds: how long it runs alone on one core.'),
        start: duration('When it starts. Default 0 s.'),
      },
    }),
  },
  required: ['backups'],
};

export const params: ParamDoc[] = [
  { name: 'design', default: 'feed-plex', unit: '', source: 'the patent (seed 001): FIG. 3 and 4; `traditional` is its FIG. 2 prior art' },
  { name: 'block', default: '64 MiB', unit: 'B', source: 'UNSOURCED: the model\'s granularity, not a device figure; the steady-state rate does not depend on it, only the time to fill the pipeline (one block per step)' },
  { name: 'buffers', default: '2', unit: 'blocks', source: 'UNSOURCED: double buffering between steps; with the steps at one rate, more buffers change nothing in the steady state' },
  { name: 'copies per block', default: 'FIG. 2: 7 (4 through the user layer); FIG. 3 and FIG. 4: 5 (none), plus one per extra plex written', unit: 'memory copies', source: 'the patent\'s count for FIG. 2 ("the data is copied" seven times); FIG. 3 and 4 counted the same way, one copy per place the block is held (device, volume manager, adapter); each costs the copying host one memcpy of the block: hosts.*.copyBandwidth, 6 GB/s per core by default (domain-figures §6)' },
  { name: 'backups.*.start, applications.*.start', default: '0 s', unit: 's', source: 'scenario' },
  { name: 'applications.*.cpu', default: '(required)', unit: 'core-seconds', source: 'scenario: the application\'s own CPU demand' },
];

type Obj = Record<string, unknown>;

/** Checks the section against the topology; every bad reference fails with its field path. */
export function resolveSection(section: Obj, ctx: ProtocolResolveContext, path: Path): FeedPlexDef {
  const volumes = modelOf(ctx.scenario, 'volumes');
  const compute = modelOf(ctx.scenario, 'servers');
  const copyRate = (host: string): number | undefined =>
    compute?.hosts.find((h) => h.host === host)?.copyBandwidth ?? compute?.partitions.find((p) => p.name === host)?.copyBandwidth;

  const side = (raw: Obj, p: Path, role: 'source' | 'target', plexField: 'plex' | 'feedPlex'): Node => {
    const v = volumes.find((x) => x.name === raw.volume);
    if (v === undefined) ctx.fail([...p, 'volume'], `no volume named '${String(raw.volume)}'${volumes.length ? `; volumes are: ${volumes.map((x) => x.name).join(', ')}` : ': define it under topology.volumes'}`);
    if (v.host === undefined) ctx.fail([...p, 'volume'], `volume '${v.name}' has no host: give topology.volumes.${v.name}.host, the ${role} node whose cores copy its blocks`);
    const rate = copyRate(v.host);
    if (rate === undefined) ctx.fail([...p, 'volume'], `the ${role} node '${v.host}' has no CPU modelled: give it cores in topology.hosts (every copy of a block costs its cores)`);
    const name = raw[plexField] as string;
    const plex = v.plexes.find((x) => x.name === name);
    if (plex === undefined) ctx.fail([...p, plexField], `volume '${v.name}' has no plex named '${name}'; its plexes are: ${v.plexes.map((x) => x.name).join(', ')}`);
    if (plex.network === undefined) ctx.fail([...p, plexField], `plex '${name}' of volume '${v.name}' is on a disk; it must be wired to a network adapter (a network plex with the route to the other node)`);
    const disk = v.plexes.find((x) => x.disk !== undefined);
    if (disk === undefined) ctx.fail([...p, 'volume'], `volume '${v.name}' has no disk plex: the ${role} volume needs one on a storage device (plex ${role === 'source' ? 58 : 78} of FIG. 3)`);
    return {
      host: v.host, copyRate: rate, volume: v.name, plex: name, route: [...plex.network.route], disk: disk.name, others: v.plexes.filter((x) => x !== plex).map((x) => x.name),
      links: Object.fromEntries(v.plexes.map((x) => [x.name, x.disk !== undefined ? [x.disk.device] : [...x.network!.route]])),
    };
  };

  const backups = Object.entries(section.backups as Record<string, Obj>).map(([name, b]): BackupDef => {
    const p: Path = [...path, 'backups', name];
    const source = side(b.source as Obj, [...p, 'source'], 'source', 'plex');
    const target = side(b.target as Obj, [...p, 'target'], 'target', 'feedPlex');
    if (source.host === target.host) ctx.fail([...p, 'target', 'volume'], `the target volume is on '${target.host}', the source's own node; a feed-plex backup goes to another node`);
    const bytes = parseSize(b.bytes);
    if (!(bytes > 0)) ctx.fail([...p, 'bytes'], 'a backup moves more than 0 bytes');
    return { name, pair: { source, target }, bytes, start: b.start === undefined ? 0 : parseDuration(b.start) };
  });

  const restores = Object.entries((section.restores ?? {}) as Record<string, Obj>).map(([name, r]) => {
    const backup = r.backup as string;
    const p: Path = [...path, 'restores', name, 'backup'];
    if (!backups.some((b) => b.name === backup)) ctx.fail(p, `no backup named '${backup}'; backups are: ${backups.map((b) => b.name).join(', ')}`);
    if (backups.some((b) => b.name === name)) ctx.fail([...path, 'restores', name], `'${name}' is also a backup; jobs need distinct names`);
    return { name, backup };
  });
  const restored = new Set<string>();
  for (const r of restores) {
    if (restored.has(r.backup)) ctx.fail([...path, 'restores', r.name, 'backup'], `backup '${r.backup}' is restored twice; give each backup at most one restore`);
    restored.add(r.backup);
  }

  const jobs = new Set([...backups.map((b) => b.name), ...restores.map((r) => r.name)]);
  const applications = Object.entries((section.applications ?? {}) as Record<string, Obj>).map(([name, a]): ApplicationDef => {
    const p: Path = [...path, 'applications', name];
    if (jobs.has(name)) ctx.fail(p, `'${name}' is also a backup or restore; jobs need distinct names`);
    const host = a.host as string;
    const rate = copyRate(host);
    if (rate === undefined) {
      const cpus = ctx.names.list('cpu');
      ctx.fail([...p, 'host'], `no host with cores named '${host}'${cpus.length ? `; hosts with cores are: ${cpus.join(', ')}` : ': give a host cores in topology.hosts'}`);
    }
    const cpu = parseDuration(a.cpu) / 1e9;
    if (!(cpu > 0)) ctx.fail([...p, 'cpu'], 'an application needs more than 0 core-seconds of work');
    return { name, host, cpu, work: cpu * rate, start: a.start === undefined ? 0 : parseDuration(a.start) };
  });

  const block = section.block === undefined ? DEFAULT_BLOCK : parseSize(section.block);
  if (!(block > 0)) ctx.fail([...path, 'block'], 'a block is more than 0 bytes');
  return {
    design: (section.design as Design | undefined) ?? 'feed-plex',
    block,
    buffers: (section.buffers as number | undefined) ?? DEFAULT_BUFFERS,
    backups, restores, applications,
  };
}
