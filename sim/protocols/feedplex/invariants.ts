/**
 * What every run of the feedplex protocol must show, whatever the topology
 * and the faults: the feed-plex path never copies through the user layer;
 * every block is copied as its figure says; a restore begins after its
 * backup and restores exactly what it wrote; and no plex or link carries
 * more than the figure's steps send over it, so a feed volume never writes
 * its feed plex and a read never comes from a plex wired to the network.
 */
import type { JobRow, RunResult } from '../../foundation/result.ts';
import type { ProtocolInvariant } from '../protocol.ts';
import type { FeedPlexDef } from './section.ts';
import { jobSteps, type Node, type Pair, type Step } from './steps.ts';

const EPS = 1e-6;

/** A backup or restore as the invariants see it: its steps and the most bytes it may move. */
interface Job {
  name: string;
  pair: Pair;
  steps: Step[];
  row: JobRow | undefined;
  /** a backup its planned bytes; a restore what its backup wrote */
  most: number;
}

function jobs(def: FeedPlexDef, r: RunResult): Job[] {
  const row = (name: string) => r.jobs.find((j) => j.name === name);
  const out: Job[] = [];
  for (const b of def.backups) {
    const br = row(b.name);
    out.push({ name: b.name, pair: b.pair, steps: jobSteps(def.design, b.pair, 'backup'), row: br, most: b.bytes });
    for (const x of def.restores.filter((y) => y.backup === b.name)) {
      out.push({ name: x.name, pair: b.pair, steps: jobSteps(def.design, b.pair, 'restore'), row: row(x.name), most: Math.min(b.bytes, br?.bytes ?? b.bytes) });
    }
  }
  return out;
}

const blocks = (bytes: number, block: number): number => Math.ceil(bytes / block - EPS);

/** Per block of a job: its copies, and those through the user layer. */
const perBlock = (steps: readonly Step[]) => ({
  total: steps.reduce((a, s) => a + s.copies, 0),
  user: steps.filter((s) => s.layer === 'user').reduce((a, s) => a + s.copies, 0),
});

/** The most bytes each link may carry: every step's device work, once per byte the job may move. */
function linkBounds(all: readonly Job[]): Map<string, number> {
  const bound = new Map<string, number>();
  const add = (links: readonly string[], bytes: number) => { for (const l of links) bound.set(l, (bound.get(l) ?? 0) + bytes); };
  const nodeOf = (p: Pair, volume: string): Node => (p.source.volume === volume ? p.source : p.target);
  for (const j of all) {
    for (const n of [j.pair.source, j.pair.target]) for (const links of Object.values(n.links)) add(links, 0);
    for (const s of j.steps) {
      const io = s.io;
      // A read is served by one plex at a time (another takes over when one fails), so each may carry it all; a write writes each.
      if (io.kind === 'read' || io.kind === 'write') { const n = nodeOf(j.pair, io.volume); for (const p of n.others) add(n.links[p], j.most); }
      else if (io.kind === 'wire') add(io.route, j.most);
    }
  }
  return bound;
}

export const FEEDPLEX_INVARIANTS: ProtocolInvariant<FeedPlexDef>[] = [
  {
    name: 'the feed-plex path makes no copy in the user layer',
    check(def, r) {
      const user = r.metrics.copies_user ?? 0;
      return def.design !== 'feed-plex' || user === 0 ? null : `feed-plex design made ${user} copies through the user layer`;
    },
  },
  {
    name: 'every block is copied as its figure says (exactly, when every job completed)',
    check(def, r) {
      const all = jobs(def, r);
      let total = 0, user = 0, n = 0;
      for (const j of all) {
        const b = blocks(j.most, def.block), per = perBlock(j.steps);
        total += b * per.total; user += b * per.user; n += b;
      }
      const got = { total: r.metrics.copies_total ?? 0, user: r.metrics.copies_user ?? 0, blocks: r.metrics.blocks ?? 0 };
      const want = { total, user, blocks: n };
      const exact = all.every((j) => j.row?.status === 'completed');
      for (const k of ['total', 'user', 'blocks'] as const) {
        if (exact ? got[k] !== want[k] : got[k] > want[k]) return `${k === 'blocks' ? 'blocks' : `copies_${k}`} ${got[k]}, ${exact ? 'but' : 'more than'} the figures' ${want[k]}${exact ? ' with every job completed' : ''}`;
      }
      return null;
    },
  },
  {
    name: 'a restore begins after its backup ended and restores exactly the bytes backed up',
    check(def, r) {
      const row = (name: string) => r.jobs.find((j) => j.name === name);
      for (const b of def.backups) {
        const br = row(b.name);
        if (br?.status === 'completed' && Math.abs(br.bytes - b.bytes) > EPS) return `backup ${b.name} completed with ${br.bytes} of its ${b.bytes} bytes`;
        for (const x of def.restores.filter((y) => y.backup === b.name)) {
          const rr = row(x.name);
          if (rr === undefined || br === undefined) continue;
          if (br.end === null || rr.start < br.end) return `restore ${x.name} began at ${rr.start} s, before its backup ${b.name} ended${br.end === null ? '' : ` at ${br.end} s`}`;
          if (rr.bytes > br.bytes + EPS) return `restore ${x.name} moved ${rr.bytes} bytes, more than the ${br.bytes} its backup wrote`;
          if (rr.status === 'completed' && (br.status !== 'completed' || Math.abs(rr.bytes - br.bytes) > EPS)) return `restore ${x.name} completed with ${rr.bytes} bytes, but its backup ${b.name} ${br.status} with ${br.bytes}`;
        }
      }
      return null;
    },
  },
  {
    name: 'a feed volume never writes its feed plex: no plex or link carries more than the steps send over it',
    check(def, r) {
      const bound = linkBounds(jobs(def, r));
      for (const x of [...r.links, ...r.devices]) {
        const most = bound.get(x.name);
        if (most !== undefined && x.bytes > most * (1 + EPS) + EPS) return `${x.name} carried ${x.bytes} bytes, more than the ${most} the steps send over it`;
      }
      return null;
    },
  },
];
