/**
 * What every run of the remotecopy protocol must show, whatever the WAN, the
 * cycle and the faults: a copy to the remote tape goes only after its
 * cartridges are replicated and then puts all their bytes on tape; only new
 * chunks and references cross the WAN with dedup (the whole backup
 * compressed without), and what crossed is what replication accounted; the
 * lock delays writes no longer than the copy it is held for.
 */
import type { JobRow, RunResult } from '../../foundation/result.ts';
import type { ProtocolInvariant } from '../protocol.ts';
import { REPLICATION_PENDING } from './messages.ts';
import type { Backup, RemoteCopyDef } from './def.ts';

const EPS = 1e-6;
const near = (a: number, b: number): boolean => Math.abs(a - b) <= EPS * Math.max(1, Math.abs(a), Math.abs(b));
const row = (r: RunResult, name: string): JobRow | undefined => r.jobs.find((j) => j.name === name);
const done = (j: JobRow | undefined, by: number): boolean => j?.status === 'completed' && j.end! <= by + EPS;

/**
 * Each week's copy job, the cartridges it takes (the week's backups, all or
 * only the full, completed by the time the copy was issued: the copy
 * policy's catalogue then; the second instance's operator sees at least
 * those) and every cartridge of the week it could take.
 */
function copies(def: RemoteCopyDef, r: RunResult): { job: JobRow; backups: Backup[]; week: Backup[] }[] {
  const out: { job: JobRow; backups: Backup[]; week: Backup[] }[] = [];
  for (let week = 1; week <= def.weeks; week++) {
    const job = row(r, `w${week} ${def.design === 'smart-copy' ? 'smart copy' : 'remote copy'}`);
    if (job === undefined) continue;
    const taken = def.backups.filter((b) => b.week === week && (def.copy.of === 'all' || b.kind === 'full'));
    out.push({ job, backups: taken.filter((b) => done(row(r, b.job), job.start)), week: taken });
  }
  return out;
}

export const REMOTECOPY_INVARIANTS: ProtocolInvariant<RemoteCopyDef>[] = [
  {
    name: 'a copy to the remote tape goes only after its cartridges are replicated',
    check(def, r) {
      if (def.medium.site !== 'remote') return null;
      for (const { job, backups } of copies(def, r)) {
        const reps = backups.map((b) => ({ b, rep: row(r, `replicate ${b.cartridge}`) }));
        if (job.status === 'completed') {
          for (const { b, rep } of reps) {
            if (rep?.status !== 'completed') return `${job.name} completed, but the replication of ${b.cartridge} ${rep === undefined ? 'never ran' : rep.status}`;
            if (rep.end! > job.end! + EPS) return `${job.name} completed at ${job.end} s, before the replication of ${b.cartridge} ended at ${rep.end} s`;
          }
        }
        if (job.status === 'failed' && job.code === REPLICATION_PENDING && reps.every(({ rep }) => rep?.status === 'completed')) {
          return `${job.name} went before the replication it waits for: ${job.reason}`;
        }
      }
      return null;
    },
  },
  {
    name: 'a completed copy put every byte of its cartridges on tape, and the tape holds what the copies wrote',
    check(def, r) {
      const all = copies(def, r);
      const sum = (bs: readonly Backup[]) => bs.reduce((a, b) => a + b.bytes, 0);
      for (const { job, backups, week } of all) {
        if (job.status !== 'completed') continue;
        const least = sum(backups);
        // The second instance's operator imports what has replicated once replication is current: backups that ended while it waited count too.
        const most = def.design === 'smart-copy' ? least : sum(week.filter((b) => done(row(r, b.job), job.end!)));
        if (job.bytes < least * (1 - EPS) - EPS || job.bytes > most * (1 + EPS) + EPS) return `${job.name} completed with ${job.bytes} bytes on tape, but its cartridges hold ${least === most ? least : `${least} to ${most}`}`;
      }
      const written = all.reduce((a, c) => a + c.job.bytes, 0), tape = r.metrics.tape_bytes ?? 0;
      if (written > tape * (1 + EPS) + EPS) return `the copies report ${written} bytes on tape, but the drives wrote ${tape}`;
      if (all.every((c) => c.job.status === 'completed') && !near(written, tape)) return `the copies completed with ${written} bytes, but the drives wrote ${tape}`;
      return null;
    },
  },
  {
    name: 'only new chunks and references cross the WAN with dedup, and the WAN carries what replication accounted',
    check(def, r) {
      const reps = r.jobs.filter((j) => j.kind === 'replication');
      const wan = r.metrics.wan_bytes ?? 0, logical = r.metrics.replicated_bytes ?? 0;
      const jobs = reps.reduce((a, j) => a + j.bytes, 0);
      if (!near(jobs, wan)) return `the replications sent ${jobs} bytes, but wan_bytes is ${wan}`;
      const { compression, chunk, reference } = def.dedup;
      if (def.replication === 'full' && !near(wan, logical / compression)) return `full replication sent ${wan} bytes for ${logical} logical bytes, not the ${logical / compression} at ${compression}:1`;
      // New chunks are at most every chunk: the compressed backup, plus a reference per chunk (a write's last chunk may be short).
      const most = logical / compression + (logical / chunk + reps.length) * reference;
      if (def.replication === 'dedup' && wan > most * (1 + EPS) + EPS) return `dedup replication sent ${wan} bytes for ${logical} logical bytes, more than all its chunks compressed and referenced (${most})`;
      const complete = reps.every((j) => j.status === 'completed');
      for (const name of def.wan) {
        const link = r.links.find((l) => l.name === name);
        if (link === undefined) continue;
        if (link.bytes < wan * (1 - EPS) - EPS || (complete && !near(link.bytes, wan))) return `WAN link ${name} carried ${link.bytes} bytes, but replication accounted ${wan}`;
      }
      return null;
    },
  },
  {
    name: 'the lock delays writes no longer than the copy it is held for',
    check(def, r) {
      const lock = r.metrics.lock_time ?? 0, delay = r.metrics.write_delay ?? 0, copy = r.metrics.copy_time ?? 0;
      if (!def.copy.lock) return lock === 0 && delay === 0 ? null : `no lock asked for, yet the library was locked ${lock} s and writes delayed ${delay} s`;
      if (delay > lock + EPS) return `writes were delayed ${delay} s, longer than the library was locked (${lock} s)`;
      if (lock > copy + EPS) return `the library was locked ${lock} s, longer than the copies took (${copy} s)`;
      return null;
    },
  },
];
