/**
 * What the worker hands the page for one run: plain, structured-cloneable
 * data. Times are seconds, as in RunResult.
 */
import type { RunResult } from '../sim/foundation/result.ts';
import type { LoadPoint } from '../sim/trace/utilisation.ts';
import type { Story as Bottlenecks } from '../reports/explain.ts';
import type { LimiterData } from './limiter-data.ts';

export type EventKind = 'step' | 'mark' | 'fault' | 'link' | 'placement' | 'drop' | 'end' | 'flow-start' | 'flow-end';

/** One thing a person can step to: the trace's records that say something, in trace order. */
export interface VizEvent {
  t: number;
  kind: EventKind;
  actor: string;
  text: string;
  op?: string;
  data?: unknown;
  /** link-state: the link's name and whether it is up */
  link?: string;
  up?: boolean;
  /** placement: the partition whose adapter on `server` came up or went down (a move, not a failure) */
  partition?: string;
  server?: string;
}

/**
 * A bar on a timeline lane: a job (begin..end), a transfer (flow-start..flow-end)
 * or a protocol step (a labelled step until the actor's next step: a mount, a restore, a wait).
 */
export interface Span {
  lane: number;
  t0: number;
  t1: number;
  kind: 'job' | 'transfer' | 'step';
  label: string;
  failed: boolean;
  /** a transfer's flow id in the trace */
  flow?: number;
  /** a protocol step's event (its index in the events) */
  event?: number;
}

export interface TopoNode {
  name: string;
  /** `port`: an FC target port with no device of the scenario behind it (a storage port, a drive the protocol does not name) */
  kind: 'host' | 'switch' | 'storage' | 'library' | 'server' | 'partition' | 'fabric' | 'vtl' | 'port';
  site: string | null;
  /** a partition's server at the start of the run */
  server?: string;
  /** a server's VIO server (a host) */
  vios?: string;
  /** what the node holds, in words, one line each: a library's drives, an array's volumes, a fabric switch's zones */
  details?: string[];
}

/** What an edge is made of, for its drawing: Ethernet, a server's vLAN through its VIOS's SEA, FC (a physical port), virtual FC (NPIV, through a VIOS), an ISL, a mirror, a replication, a disk or tape path. */
export type EdgeKind = 'ethernet' | 'vlan' | 'fc' | 'vfc' | 'isl' | 'mirror' | 'replica' | 'disk' | 'tape';

export interface TopoEdge {
  name: string;
  a: string;
  b: string;
  /** the trace's links it is made of (both directions of an FC port; a mirror's route) */
  links: string[];
  kind: EdgeKind;
  /** what it is, for its tooltip: "HBA lpar1-hba0", "virtual FC lpar1-vfc0 (NPIV)", "mirror m-web via wan" */
  what: string;
  /** virtual FC: the VIOS its partition's server maps it through at the start of the run */
  via?: string;
}

/** An FC zone and what the topology draws of it. */
export interface TopoZone {
  name: string;
  fabric: string;
  /** its ports, as the fabric reads its members (a host or partition stands for its ports in the fabric) */
  ports: string[];
  /** those of its ports that are targets (drives, storage ports); the others are initiators (HBAs, virtual FC) */
  targets: string[];
  /** the nodes those ports belong to (an initiator's host or partition, a drive port's library, a bare target port), each with its ports in the zone */
  members: { node: string; ports: string[] }[];
}

export interface Topology {
  sites: string[];
  nodes: TopoNode[];
  /** links with two ends in the topology */
  edges: TopoEdge[];
  /** the link that carries a partition's traffic on a server (up only where the partition runs) */
  placements: { link: string; partition: string; server: string }[];
  /** VMs at the start of the run, by the host of their hypervisor */
  vms: { name: string; host: string }[];
  /** FC zones, fabric by fabric in the scenario's order */
  zones: TopoZone[];
}

/** A link's load as utilisation.ts rebuilds it from the trace: a step function in ticks. */
export interface LinkLoad {
  name: string;
  bandwidth: number;
  series: LoadPoint[];
}

export interface RunView {
  result: RunResult;
  events: VizEvent[];
  lanes: string[];
  spans: Span[];
  topology: Topology;
  loads: LinkLoad[];
  /** the trace's link names by link id (a flow's route is ids) */
  linkNames: string[];
  /** what limited each flow when, folded from the trace once (sim/trace/limiters.ts), and the run's story of it (reports/explain.ts) */
  limits: LimiterData;
  bottlenecks: Bottlenecks;
  variants: string[];
  /** what "fail now" will do with this scenario, in words, and whether it can */
  failNote: string;
  /** the fail-now button's name for this scenario's fault */
  failLabel: string;
  canFail: boolean;
  /** how many actors each Web Worker ran; empty when they ran in the simulation's own worker */
  placement: number[];
  /** the same in words, as the CLI says it */
  placedIn: string;
}

export type RunReply = { ok: true; view: RunView } | { ok: false; error: string };
