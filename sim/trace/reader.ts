/**
 * Decodes a trace (format.ts) back into records: what reports and the
 * visualizer rebuild a run from.
 */
import { Rec, TRACE_MAGIC, TRACE_VERSION } from './format.ts';

export type TraceRecord =
  | { type: 'actor'; t: number; pid: number; name: string }
  | { type: 'step'; t: number; pid: number; op: string; label: string; ref: number; data: unknown }
  | { type: 'end'; t: number; pid: number; status: 'returned' | 'killed' | 'crashed'; reason: string }
  | { type: 'interrupt'; t: number; pid: number; cause: string }
  | { type: 'send'; t: number; msg: number; to: number; from: number; label: string }
  | { type: 'deliver'; t: number; msg: number; to: number }
  | { type: 'drop'; t: number; msg: number; reason: string }
  | { type: 'link'; t: number; link: number; name: string; bandwidth: number; latency: number; flowCap: number }
  | { type: 'link-state'; t: number; link: number; up: boolean; bandwidth: number }
  | { type: 'flow-start'; t: number; flow: number; owner: number; bytes: number; cap: number; capFrom: 'transfer' | 'link'; route: number[]; label: string }
  | { type: 'flow-feed'; t: number; flow: number; link: number }
  | { type: 'flow-for'; t: number; flow: number; pid: number }
  | { type: 'flow-held'; t: number; flow: number; link: number }
  | { type: 'flow-group'; t: number; flow: number; group: number }
  | { type: 'group-rate'; t: number; group: number; rate: number }
  | { type: 'flow-end'; t: number; flow: number; status: 'done' | 'failed' | 'cancelled'; delivered: number }
  | { type: 'mark'; t: number; pid: number; label: string; data: unknown }
  | { type: 'meta'; t: number; data: unknown };

const END_STATUS = ['returned', 'killed', 'crashed'] as const;
const FLOW_STATUS = ['done', 'failed', 'cancelled'] as const;
const decoder = new TextDecoder();

export function* readTrace(bytes: Uint8Array): Generator<TraceRecord> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const nl = bytes.indexOf(10);
  const header = decoder.decode(bytes.subarray(0, nl));
  if (header !== `${TRACE_MAGIC}/${TRACE_VERSION}`) throw new Error(`not a backlab trace v${TRACE_VERSION}: header "${header.slice(0, 40)}"`);
  let p = nl + 1;
  let t = 0;
  const strings: string[] = [''];
  const uint = (): number => {
    let v = 0, mul = 1, b: number;
    do { b = bytes[p++]; v += (b & 0x7f) * mul; mul *= 128; } while (b & 0x80);
    return v;
  };
  const sint = (): number => { const z = uint(); return z % 2 === 1 ? -(z + 1) / 2 : z / 2; };
  const f64 = (): number => { const v = view.getFloat64(p, true); p += 8; return v; };
  const text = (): string => { const n = uint(); const s = decoder.decode(bytes.subarray(p, p + n)); p += n; return s; };
  const json = (): unknown => { const n = uint(); if (n === 0) return undefined; const s = decoder.decode(bytes.subarray(p, p + n)); p += n; return JSON.parse(s); };
  const str = (): string => strings[uint()];
  while (p < bytes.length) {
    const type = bytes[p++] as Rec;
    t += uint();
    switch (type) {
      case Rec.String: { const id = uint(); strings[id] = text(); break; }
      case Rec.Meta: yield { type: 'meta', t, data: json() }; break;
      case Rec.Actor: yield { type: 'actor', t, pid: uint(), name: str() }; break;
      case Rec.Step: yield { type: 'step', t, pid: uint(), op: str(), label: str(), ref: uint(), data: json() }; break;
      case Rec.Sleep: yield { type: 'step', t, pid: uint(), op: 'sleep', label: '', ref: uint(), data: undefined }; break;
      case Rec.End: yield { type: 'end', t, pid: uint(), status: END_STATUS[uint()], reason: str() }; break;
      case Rec.Interrupt: yield { type: 'interrupt', t, pid: uint(), cause: str() }; break;
      case Rec.Send: yield { type: 'send', t, msg: uint(), to: uint(), from: uint(), label: str() }; break;
      case Rec.Deliver: yield { type: 'deliver', t, msg: uint(), to: uint() }; break;
      case Rec.Drop: yield { type: 'drop', t, msg: uint(), reason: str() }; break;
      case Rec.Link: yield { type: 'link', t, link: uint(), name: str(), bandwidth: f64(), latency: uint(), flowCap: f64() || Infinity }; break;
      case Rec.LinkState: yield { type: 'link-state', t, link: uint(), up: uint() === 1, bandwidth: f64() }; break;
      case Rec.FlowStart: {
        const flow = uint(), owner = uint(), fbytes = f64(), cap = f64();
        const route: number[] = [];
        for (let n = uint(); n > 0; n--) route.push(uint());
        yield { type: 'flow-start', t, flow, owner, bytes: fbytes, cap: Math.abs(cap) || Infinity, capFrom: cap < 0 ? 'link' : 'transfer', route, label: str() };
        break;
      }
      case Rec.FlowGroup: yield { type: 'flow-group', t, flow: uint(), group: sint() }; break;
      case Rec.FlowFeed: yield { type: 'flow-feed', t, flow: uint(), link: sint() }; break;
      case Rec.FlowHeld: yield { type: 'flow-held', t, flow: uint(), link: sint() }; break;
      case Rec.FlowFor: yield { type: 'flow-for', t, flow: uint(), pid: uint() }; break;
      case Rec.GroupRate: yield { type: 'group-rate', t, group: sint(), rate: f64() }; break;
      case Rec.FlowEnd: yield { type: 'flow-end', t, flow: uint(), status: FLOW_STATUS[uint()], delivered: f64() }; break;
      case Rec.Mark: yield { type: 'mark', t, pid: uint(), label: str(), data: json() }; break;
      default: throw new Error(`trace: unknown record type ${type} at byte ${p - 1}`);
    }
  }
}
