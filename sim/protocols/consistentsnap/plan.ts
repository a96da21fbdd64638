/**
 * What the actors of one consistent backup are given: plain data computed
 * when the protocol is built (names of the other actors, the VM's disks as
 * the virtual center describes them, timings, the retry policy), so an actor
 * never reaches into the topology or a model.
 */

import { command, type Command, type Custom } from '../../engine/commands.ts';
import type { RunFinding } from '../../foundation/findings.ts';
import type { ConsistentSnapSection } from './params.ts';

export type Design = ConsistentSnapSection['design'];

/** A VM disk as the virtual center describes it (FIG. 1): its number, its type, where it lives. */
export interface DiskInfo {
  /** position in the VM's configuration, from 0 (the "disk number") */
  number: number;
  /** the disk's name in the VM (C:, D:, E: in the patent's example) */
  name: string;
  /** virtual: a disk file on a datastore (VSS / VMware snapshot); physical: a raw-mapped LUN (FCM FlashCopy) */
  type: 'virtual' | 'physical';
  storage: string;
  volume: string;
}

/** The actors, by role. */
export interface Roles {
  client: string;
  vcenter: string;
  proxy: string;
  vps: string;
  vss: string;
  fcm: string;
  esx: string;
  app: string;
}

export interface ApplicationPlan {
  /** the VM disk holding the transaction log (E: in the patent's example) */
  log: string;
  /** the VM disk holding the database (D:) */
  data: string;
  /** transactions per second; each writes a log record, then the data page that depends on it */
  tps: number;
  arrivals: ConsistentSnapSection['application']['arrivals'];
  logRecord: number;
  page: number;
}

export interface Plan {
  design: Design;
  /** the job's name in the jobs table, and the prefix of its snapshots' names */
  job: string;
  roles: Roles;
  vm: string;
  /** links the backup client's messages cross to the virtual center and to the VM; undefined: none, so no delay */
  route: string[] | undefined;
  /** ticks */
  start: number;
  /** ticks VSS spends preparing a snapshot set before it freezes the writers */
  prepare: number;
  /** ticks to inject and install one package into the guest (FCM; proxy and VPS) */
  install: number;
  /** ticks each provider takes to make its snapshot (mean), and the spread (lognormal cv, 0: exact) */
  snapshot: { virtual: number; physical: number; cv: number };
  /** ticks: attempts in all, the wait before the next, the wait for an answer before it is taken for lost */
  retry: { attempts: number; after: number; timeout: number };
  /** ticks: the VM's VSS limits (hypervisors.*.vms.*.vss) */
  limits: { flushHold: number; freeze: number };
  /** what the virtual center answers for the VM */
  disks: DiskInfo[];
  /** the disks to back up, by name */
  targets: string[];
  app: ApplicationPlan | null;
}

/** The snapshot a provider took of one volume, and the instant its disks were frozen. */
export interface Copy {
  disks: string[];
  storage: string;
  volume: string;
  snapshot: string;
  /** when the snapshot was made, ticks */
  time: number;
  /** when writes to its disks stopped: the instant whose data the copy holds, ticks */
  frozenAt: number;
}

export const snapshotName = (job: string, attempt: number): string => `${job}#${attempt}`;

/** The distinct volumes under some disks, in disk order: one snapshot each. */
export function volumesOf(disks: readonly DiskInfo[]): { storage: string; volume: string; disks: string[] }[] {
  const out: { storage: string; volume: string; disks: string[] }[] = [];
  for (const d of disks) {
    const v = out.find((x) => x.storage === d.storage && x.volume === d.volume);
    if (v === undefined) out.push({ storage: d.storage, volume: d.volume, disks: [d.name] });
    else v.disks.push(d.name);
  }
  return out;
}

export const seconds = (t: number): string => `${+(t / 1e9).toFixed(6)} s`;

/** A protocol actor, or a part of one run with `yield*`, returning R. */
export type Step<R = void> = Generator<Command | Custom, R, any>;

/** Tells the run a finding (shown by `backlab run` and `compare`); the protocol's build keeps the latest of each kind. */
export const findingCommand = command<{ finding: RunFinding }>('consistentsnap.finding');
export const finding = (f: RunFinding) => findingCommand({ finding: f });
