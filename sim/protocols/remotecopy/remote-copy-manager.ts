/**
 * The remote storage device's auto-migration layer and copy manager (FIG. 2):
 * reports its physical library to the local device (PDD), takes remote jobs
 * over the software link (FIG. 3 step 5), passes them to its device control
 * (step 6), and sends the status back (step 8).
 */
import { perform, receive, send, type Command, type Custom, type Envelope } from '../../engine/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import type { PhysicalLibrary } from './device-information.ts';
import type { CopyStatus, Message, Roles } from './messages.ts';

export interface RemoteCopyManagerSpec {
  wan: string[];
  libraries: PhysicalLibrary[];
  controlMessage: number;
}

export function* remoteCopyManager(ctx: ProcessContext, roles: Roles, spec: RemoteCopyManagerSpec): Generator<Command | Custom, void, any> {
  const net = { route: spec.wan, size: spec.controlMessage };
  if (spec.libraries.length > 0) {
    yield send(roles.copyEngine, { type: 'pdd', libraries: spec.libraries } satisfies Message, { ...net, label: `FIG. 2: PDD: remote device information reports ${spec.libraries.map((l) => l.library).join(', ')}` });
  }
  // A job sent again (the WAN lost its status, or the copy is still running) runs once: a repeat of a job
  // that ended gets its status again, of one that runs or waits its turn the word that it is running.
  const done = new Map<string, CopyStatus>();
  const waiting: Extract<Message, { type: 'copy-job' }>[] = [];
  let running: string | null = null;
  for (;;) {
    const m: Envelope<Message> = yield* perform(receive<Message>(undefined, undefined, running === null ? 'remote copy manager: wait for a remote job' : `remote copy manager: ${running} runs`));
    const b = m.body;
    if (b.type === 'copy-job') {
      const known = done.get(b.ref);
      if (known !== undefined) yield send(roles.copyEngine, known, { ...net, label: `remote auto-migration: ${b.ref} asked again, its status again` });
      else if (running === b.ref || waiting.some((j) => j.ref === b.ref)) yield send(roles.copyEngine, { type: 'running', ref: b.ref } satisfies Message, { ...net, label: `remote auto-migration: ${b.ref} asked again, still running` });
      else waiting.push(b);
    } else if (b.type === 'status' && running !== null) {
      done.set(running, b);
      yield send(roles.copyEngine, b, { ...net, label: `FIG. 3 step 8: remote auto-migration passes the status of ${running} back to the local auto-migration layer` });
      running = null;
    }
    if (running === null && waiting.length > 0) {
      const job = waiting.shift()!;
      running = job.ref;
      yield send(roles.deviceControl, { type: 'execute', ref: job.ref, job: job.job, commands: job.commands, replyTo: ctx.name } satisfies Message, { label: `FIG. 3 step 6: remote copy manager passes ${job.ref} to the device control` });
    }
  }
}
