/**
 * Device control (FIG. 2; a medium changer and its drive): runs the common
 * tape commands a copy manager passes it (FIG. 3 step 7), reading each
 * virtual cartridge from its own library's disk onto the physical tape.
 * Several virtual cartridges stack onto one physical cartridge, a filemark
 * after each; when it fills, the library swaps in its next empty cartridge
 * (tape.write does) and the copy goes on there.
 */
import { mark, perform, receive, send, type Command, type Custom } from '../../engine/commands.ts';
import { BacklabError, codeOf } from '../../foundation/errors.ts';
import { vtlCartridge } from '../../model/vtls/commands.ts';
import { tapeLocate, tapeMount, tapeRewind, tapeUnmount, tapeWrite } from '../../model/libraries/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { tally } from '../common/report.ts';
import { addStepResult, countStep } from '../common/step-results.ts';
import { describe, type CommonCommand } from './emf.ts';
import { REPLICATION_PENDING, type CopyStatus, type Msg } from './messages.ts';

export interface DeviceControlSpec {
  /** the virtual library whose disk the copies read */
  vtl: string;
  library: string;
  drive: string;
  /** links from the library's disk to the drive */
  route: string[];
  /** physical cartridges that hold data when the run starts (device information) */
  holdingData: string[];
}

type Steps<T> = Generator<Command | Custom, T, any>;

export function* deviceControl(_ctx: ProcessContext, spec: DeviceControlSpec): Steps<void> {
  const holdsData = new Set(spec.holdingData);
  const written = new Set<string>();
  let mounted: string | null = null;
  for (;;) {
    const m = (yield* perform(receive<Msg<'execute'>>({ type: 'execute' }, undefined, 'device control: wait for a copy job'))).body;
    const status: CopyStatus = { type: 'status', ref: m.ref, ok: true, bytes: 0, cartridges: [], results: {} };
    // Every command names the job it is for, so its flows (the drive's stream) are that job's.
    const job = m.job;
    try {
      for (const c of m.commands) yield* execute(c);
    } catch (e) {
      status.ok = false;
      status.error = (e as Error).message;
      const code = codeOf(e);
      if (code !== undefined) status.code = code;
      // Leave the drive empty for the next job, as an operator would after a failed copy.
      if (mounted !== null) {
        try { yield tapeUnmount({ library: spec.library, drive: spec.drive, job, label: `device control: unload ${mounted} after the failure` }); } catch { /* the drive itself failed */ }
        mounted = null;
      }
    }
    yield send(m.replyTo, status, { label: `device control: status of ${m.ref}: ${status.ok ? `${status.bytes} bytes on ${status.cartridges.join(', ')}` : status.error}` });

    function* execute(c: CommonCommand): Steps<void> {
      const label = `FIG. 3 step 7: ${describe(c)}`;
      switch (c.op) {
        case 'load':
          if (mounted === c.cartridge) return;
          yield tapeMount({ library: spec.library, drive: spec.drive, cartridge: c.cartridge, job, label });
          countStep(status.results, tapeMount.op);
          mounted = c.cartridge;
          return;
        case 'rewind':
          yield tapeRewind({ drive: spec.drive, job, label });
          return;
        case 'position':
          // An empty cartridge is at its end of data once rewound.
          if (holdsData.has(mounted!)) yield tapeLocate({ drive: spec.drive, job, label });
          return;
        case 'copy': {
          const held = yield* perform(vtlCartridge({ vtl: c.vtl, cartridge: c.cartridge, job, label: `device control: does ${c.cartridge} hold its ${c.bytes} bytes?` }));
          if (held.bytes < c.bytes) throw new BacklabError(`${c.cartridge} in ${c.vtl} holds ${held.bytes} of the ${c.bytes} bytes to copy: its replication has not finished`, REPLICATION_PENDING, { cartridge: c.cartridge, held: held.bytes, bytes: c.bytes });
          const r = yield* perform(tapeWrite({ drive: spec.drive, bytes: c.bytes, route: [c.vtl, ...spec.route], job, label, data: { blocks: c.blocks } }));
          addStepResult(status.results, tapeWrite.op, r);
          const fresh = r.cartridges.filter((x) => !written.has(x));
          for (const x of r.cartridges) written.add(x);
          mounted = r.cartridges[r.cartridges.length - 1];
          for (const x of r.cartridges) holdsData.add(x);
          status.bytes += r.bytes;
          for (const x of r.cartridges) if (!status.cartridges.includes(x)) status.cartridges.push(x);
          yield tally('tape_bytes', r.bytes);
          if (fresh.length > 0) yield tally('tape_cartridges', fresh.length);
          return;
        }
        case 'write-filemark':
          yield mark(label);
          return;
        case 'unload':
          if (mounted === null) return;
          yield tapeUnmount({ library: spec.library, drive: spec.drive, job, label });
          countStep(status.results, tapeUnmount.op);
          mounted = null;
          return;
      }
    }
  }
}
