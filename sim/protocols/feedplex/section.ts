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
import { duration, integer, named, object, oneOf, resolveField, size, text, type Resolved } from '../../foundation/declare.ts';
import type { ProtocolResolveContext } from '../protocol.ts';
import type { ApplicationDef } from './application.ts';
import type { Node, Pair } from './steps.ts';
import { modelOf } from '../../model/models.ts';

const requiredText = (description: string, unit: string) => text({ description, required: true, unit });

export const FEEDPLEX = object({
  design: oneOf(['feed-plex', 'traditional'], { description: '`feed-plex` (FIG. 3 backup, FIG. 4 restore: kernel to kernel) or `traditional` (FIG. 2: every block through the applications of both nodes).', default: 'feed-plex', source: 'the patent (seed 001): FIG. 3 and 4; `traditional` is its FIG. 2 prior art' }),
  block: size({ description: 'The unit that moves through the steps.', default: '64 MiB', positive: true, source: 'UNSOURCED: the model\'s granularity, not a device figure; the steady-state rate does not depend on it, only the time to fill the pipeline (one block per step)' }),
  buffers: integer({ description: 'Blocks that may wait between two steps.', minimum: 1, default: 2, unit: 'blocks', source: 'UNSOURCED: double buffering between steps; with the steps at one rate, more buffers change nothing in the steady state' }),
  backups: named(object({
    source: object({
      volume: requiredText('The source volume (its host is the source node).', 'volume name'),
      plex: requiredText('Its plex wired to the network adapter (plex 56 of FIG. 3), a network plex whose route reaches the target.', 'plex name'),
    }, { description: 'The source node\'s side: a volume of topology.volumes and its plex wired to the network adapter.' }),
    target: object({
      volume: requiredText('The target volume (its host is the target node).', 'volume name'),
      feedPlex: requiredText('Its feed plex (plex 76 of FIG. 3), a network plex whose route reaches the source; the feed volume writes every other plex.', 'plex name'),
    }, { description: 'The target node\'s side: a volume of topology.volumes and its feed plex.' }),
    bytes: size({ description: 'Bytes of the source volume to back up.', required: true, positive: true }),
    start: duration({ description: 'When the backup starts.', default: '0 s', source: 'time origin' }),
  }), { description: 'Backups of a source volume to a target node, by name (the job\'s name).', minEntries: 1 }),
  restores: named(object({
    backup: requiredText('The backup to restore.', 'backup name'),
  }), { description: 'Restores (FIG. 4) of what a backup wrote, back onto its source volume, by name; each starts when its backup ends.' }),
  applications: named(object({
    host: requiredText('A host with cores (topology.hosts) or a partition.', 'host name'),
    cpu: duration({ description: 'Its work in core-seconds: how long it runs alone on one core.', required: true, positive: true, unit: 'core-seconds', source: 'scenario: the application\'s own CPU demand' }),
    start: duration({ description: 'When it starts.', default: '0 s', source: 'time origin' }),
  }), { description: 'Applications competing with the backups for a node\'s cores, by name.' }),
});

export type Design = Resolved<typeof FEEDPLEX>['design'];

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

type Section = Resolved<typeof FEEDPLEX>;
type Side = Section['backups'][number]['source'] | Section['backups'][number]['target'];

/** Checks the section against the topology; every bad reference fails with its field path. */
export function resolveSection(written: Record<string, unknown>, ctx: ProtocolResolveContext, path: Path): FeedPlexDef {
  const section = resolveField(FEEDPLEX, written, path, ctx);
  const volumes = modelOf(ctx.scenario, 'volumes');
  const compute = modelOf(ctx.scenario, 'servers');
  const copyRate = (host: string): number | undefined =>
    compute?.hosts.find((h) => h.host === host)?.copyBandwidth ?? compute?.partitions.find((p) => p.name === host)?.copyBandwidth;

  const side = (raw: Side, p: Path, role: 'source' | 'target', plexField: 'plex' | 'feedPlex'): Node => {
    const v = volumes.find((x) => x.name === raw.volume);
    if (v === undefined) ctx.fail([...p, 'volume'], `no volume named '${raw.volume}'${volumes.length ? `; volumes are: ${volumes.map((x) => x.name).join(', ')}` : ': define it under topology.volumes'}`);
    if (v.host === undefined) ctx.fail([...p, 'volume'], `volume '${v.name}' has no host: give topology.volumes.${v.name}.host, the ${role} node whose cores copy its blocks`);
    const rate = copyRate(v.host);
    if (rate === undefined) ctx.fail([...p, 'volume'], `the ${role} node '${v.host}' has no CPU modelled: give it cores in topology.hosts (every copy of a block costs its cores)`);
    const name = 'plex' in raw ? raw.plex : raw.feedPlex;
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

  const backups = section.backups.map(({ name, ...b }): BackupDef => {
    const p: Path = [...path, 'backups', name];
    const source = side(b.source, [...p, 'source'], 'source', 'plex');
    const target = side(b.target, [...p, 'target'], 'target', 'feedPlex');
    if (source.host === target.host) ctx.fail([...p, 'target', 'volume'], `the target volume is on '${target.host}', the source's own node; a feed-plex backup goes to another node`);
    return { name, pair: { source, target }, bytes: b.bytes, start: b.start };
  });

  const restores = section.restores.map(({ name, backup }) => {
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
  const applications = section.applications.map(({ name, ...a }): ApplicationDef => {
    const p: Path = [...path, 'applications', name];
    if (jobs.has(name)) ctx.fail(p, `'${name}' is also a backup or restore; jobs need distinct names`);
    const host = a.host;
    const rate = copyRate(host);
    if (rate === undefined) {
      const cpus = ctx.names.list('cpu');
      ctx.fail([...p, 'host'], `no host with cores named '${host}'${cpus.length ? `; hosts with cores are: ${cpus.join(', ')}` : ': give a host cores in topology.hosts'}`);
    }
    const cpu = a.cpu / 1e9;
    return { name, host, cpu, work: cpu * rate, start: a.start };
  });

  return {
    design: section.design, block: section.block, buffers: section.buffers,
    backups, restores, applications,
  };
}
