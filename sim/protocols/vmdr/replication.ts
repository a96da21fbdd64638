/**
 * The replication software (SnapMirror in the patent) for one mirror, as the
 * DR services control it (FIG. 2, FIG. 3A step 3): an update of the mirror
 * after each backup when the DR services ask (requests that arrive during an
 * update are served by one more update), or on its own schedule of the
 * plan's interval. An update moves what changed since the last one (the
 * first: the baseline); the destination then holds the source's snapshots
 * with their backup metadata. At failover the DR services quiesce it: an
 * update in flight is abandoned, the destination keeps its last image.
 */
import { any, perform, receive, send } from '../../engine/commands.ts';
import { mirrorUpdate } from '../../model/storage/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { jobBegin, jobEnd, tally } from '../common/report.ts';
import { nextDue } from './data-protection.ts';
import { vmdrReplicated, type Body, type Msg, type Step } from './messages.ts';
import { figureArgs } from '../../foundation/story.ts';
import { vfig } from './figure.ts';

export function* replicator(ctx: ProcessContext, mirror: string, interval: number | 'after-backup'): Step {
  let updates = 0;
  for (;;) {
    const wait = interval === 'after-backup' ? undefined : nextDue(ctx.now, interval) - ctx.now;
    const msg = yield* perform(receive<Body>(undefined, wait));
    if (msg !== null && msg.body.type === 'quiesce') return yield* quiesced(msg.from, mirror);
    if (msg !== null && msg.body.type !== 'replicate') continue;
    // Requests that came while the last update ran are all served by this one.
    while ((yield receive({ type: 'replicate' }, 0)) !== null);
    const job = `replicate ${mirror} #${++updates}`;
    yield jobBegin(job, 'replication', ...figureArgs(vfig('3A', '3'), `replicate the new snapshots over mirror ${mirror}`));
    try {
      const r = yield* perform(any([mirrorUpdate({ mirror }), receive<Msg<'quiesce'>>({ type: 'quiesce' })], ...figureArgs(vfig('3A', '3'), `mirror ${mirror} sends what changed since its last update`)));
      if (r.index === 1) {
        yield jobEnd(job, 0, 'abandoned: the DR services quiesced the mirror for failover');
        return yield* quiesced(r.value.from, mirror);
      }
      yield vmdrReplicated({ mirror, begin: r.value.imageTime, end: r.value.end });
      yield tally('replications');
      yield tally('replicated_bytes', r.value.bytes);
      yield jobEnd(job, r.value.bytes);
    } catch (e) {
      yield tally('replication_failures');
      yield jobEnd(job, 0, e instanceof Error ? e.message : String(e));
    }
  }
}

function* quiesced(to: string, mirror: string): Step {
  yield send(to, { type: 'quiesced', mirror } satisfies Body, { label: `mirror ${mirror} quiesced: no more updates` });
}
