/**
 * The remote storage device's auto-migration layer and copy manager (FIG. 2):
 * reports its physical library to the local device (PDD), takes remote jobs
 * over the software link (FIG. 3 step 5), passes them to its device control
 * (step 6), and sends the status back (step 8).
 */
import { receive, send, type Command, type Custom } from '../../engine/commands.ts';
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
  for (;;) {
    const job = (yield receive({ type: 'copy-job' }, undefined, 'remote copy manager: wait for a remote job')).body as Extract<Message, { type: 'copy-job' }>;
    yield send(roles.deviceControl, { type: 'execute', ref: job.ref, commands: job.commands, replyTo: ctx.name } satisfies Message, { label: `FIG. 3 step 6: remote copy manager passes ${job.ref} to the device control` });
    const status = (yield receive({ type: 'status' }, undefined, `remote copy manager: wait for ${job.ref}`)).body as CopyStatus;
    yield send(roles.copyEngine, status, { ...net, label: `FIG. 3 step 8: remote auto-migration passes the status of ${job.ref} back to the local auto-migration layer` });
  }
}
