/**
 * The trace's binary encoding (version 1).
 *
 * A trace is a stream of records. Each record is a type byte, then the time
 * since the previous record as an unsigned LEB128 varint (time never goes
 * back, so the delta is never negative), then the fields listed below.
 * Integers are unsigned varints (exact to 2^53), signed ones are zigzagged,
 * rates and byte counts that may be fractional are little-endian float64,
 * strings are interned: a STRING record defines an id the first time a string
 * is used, and later records name it by id (0 means no string). Free-form
 * data is canonical JSON, inline, length-prefixed UTF-8 (length 0 = none).
 *
 * The hash of a run is SHA-256 over exactly these bytes, so two runs agree on
 * the hash iff they agree on every recorded event, in order, to the bit.
 */

export const TRACE_MAGIC = 'backlab-trace';
export const TRACE_VERSION = 1;

export const enum Rec {
  /** id, utf8 string */
  String = 1,
  /** pid, name */
  Actor = 2,
  /** pid, op (string id), label, ref (uint: a sleep's duration, else 0), data: a process yielded a command */
  Step = 3,
  /** pid, status (End*), reason string */
  End = 4,
  /** pid, cause string */
  Interrupt = 5,
  /** msg id, to pid, from pid, label */
  Send = 6,
  /** msg id, to pid */
  Deliver = 7,
  /** msg id, reason string */
  Drop = 8,
  /** link id, name, bandwidth f64, latency, flowCap f64 (0 = none) */
  Link = 9,
  /** link id, up (0/1), bandwidth f64 */
  LinkState = 10,
  /**
   * flow id, owner pid (0 = none), bytes f64, cap f64 (0 = none), route length, link ids..., label.
   * The cap is the flow's effective one, min(its transfer's cap, its links' flowCap); negative when
   * it is a route link's flowCap (a TCP window), positive when it is the transfer's own.
   */
  FlowStart = 11,
  /** flow id, group id (zigzag): the flow now moves at its group's rate */
  FlowGroup = 12,
  /** group id (zigzag), rate per flow f64 */
  GroupRate = 13,
  /** flow id, status (Flow*), delivered f64 */
  FlowEnd = 14,
  /** pid (0 = the kernel), label, data: an instant event */
  Mark = 15,
  /** run metadata: data (JSON) */
  Meta = 16,
  /** pid, duration: a process yielded an unlabelled sleep (the hottest record; read as a Step) */
  Sleep = 17,
  /**
   * flow id, link id (zigzag; -1 = the flow's own cap): the constraint that bottlenecked what a
   * shaped flow (sim/net Flow.shape: a tape drive's law) is fed, written only when it changes.
   */
  FlowFeed = 18,
  /**
   * flow id, pid: the actor whose request a flow serves when another actor owns it (a tape
   * drive's firmware streams a client's write), so a job's flows can be found; written once.
   */
  FlowFor = 19,
  /**
   * flow id, link id (zigzag; -1 = its own cap): under weighted sharing (sim/net/model.ts: RTT
   * weighting) every flow moves in a group of its own, so its group no longer names the link that
   * holds it; this does: the link whose saturation froze the flow, written when it changes. Pure
   * max-min groups flows by that link and never writes it.
   */
  FlowHeld = 20,
}

export const enum EndStatus { Returned = 0, Killed = 1, Crashed = 2 }
export const enum FlowStatus { Done = 0, Failed = 1, Cancelled = 2 }
