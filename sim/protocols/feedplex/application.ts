/**
 * An application on a node, competing with the backup for the node's cores.
 * The host model knows one kind of CPU work, the memory copy, so the
 * application's work is given in core-seconds and run as that many seconds
 * of copying on one core (one thread): alone it takes exactly its CPU
 * seconds; while backup copies share the cores it takes longer.
 */
import { sleep, type Custom } from '../../engine/commands.ts';
import { hostCopy } from '../../model/servers/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { jobBegin, jobEnd } from '../common/report.ts';
import { phase } from './ledger.ts';

export interface ApplicationDef {
  name: string;
  host: string;
  /** core-seconds of work */
  cpu: number;
  /** bytes of copying on the host's cores that take one core `cpu` seconds */
  work: number;
  /** ticks */
  start: number;
}

export function* application(ctx: ProcessContext, app: ApplicationDef): Generator<Custom | ReturnType<typeof sleep>, void, unknown> {
  if (app.start > 0) yield sleep(app.start, 'wait for start');
  yield jobBegin(app.name, 'application');
  const began = ctx.now;
  let error: string | undefined;
  try {
    yield hostCopy({ host: app.host, bytes: app.work, label: `application ${app.name} computes on ${app.host} (${app.cpu} core-seconds)` });
  } catch (e) {
    error = (e as Error).message;
  }
  yield jobEnd(app.name, 0, error);
  yield phase(app.name, 'application', began, ctx.now, 0);
}
