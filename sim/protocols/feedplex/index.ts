/**
 * Volume data net backup through feed plexes and feed volumes (seed 001):
 * a source volume's plex wired to the network adapter sends its blocks to a
 * target node whose feed plex feeds a feed volume, which writes every other
 * plex (FIG. 3); a restore reverses the roles (FIG. 4). The baseline is the
 * patent's FIG. 2: the same blocks through the applications of both nodes.
 * See README.md for the figures' steps and the actors that perform them.
 */
import type { Protocol } from '../protocol.ts';
import { application } from './application.ts';
import { Ledger } from './ledger.ts';
import { cpuSecondsByHost, copiesFinding, heaviestResource } from './measures.ts';
import { stage, type Plan } from './pipeline.ts';
import { FEEDPLEX_INVARIANTS } from './invariants.ts';
import { FEEDPLEX, resolveSection, type FeedPlexDef } from './section.ts';
import { jobSteps, roleSwapLabel, type Step } from './steps.ts';

const actorsOf = (job: string, steps: readonly Step[]): string[] => steps.map((s) => `${job}/FIG. ${s.fig} step ${s.n}`);

/** The plans of every backup and restore: plain data the actors run. */
function plans(def: FeedPlexDef): Plan[] {
  const out: Plan[] = [];
  for (const b of def.backups) {
    const r = def.restores.find((x) => x.backup === b.name);
    const rSteps = r === undefined ? [] : jobSteps(def.design, b.pair, 'restore');
    const bSteps = jobSteps(def.design, b.pair, 'backup');
    const rActors = r === undefined ? [] : actorsOf(r.name, rSteps);
    out.push({ job: b.name, kind: 'backup', steps: bSteps, actors: actorsOf(b.name, bSteps), block: def.block, buffers: def.buffers, bytes: b.bytes, start: b.start, notify: rActors[0] });
    if (r !== undefined) {
      out.push({
        job: r.name, kind: 'restore', steps: rSteps, actors: rActors, block: def.block, buffers: def.buffers, bytes: null, start: 0,
        prelude: def.design === 'feed-plex' ? roleSwapLabel(b.pair) : undefined,
      });
    }
  }
  return out;
}

export const feedplex: Protocol<FeedPlexDef> = {
  name: 'feedplex',
  title: 'volume data net backup through feed plexes and feed volumes, kernel to kernel (FIG. 3, 4), against the seven copies through the user layer (FIG. 2)',
  declares: FEEDPLEX,
  metrics: {
    copies_total: '', // memory copies of a block, over every block and step
    copies_user: '', // of those, copies into or out of the user layer
    copies_kernel: '',
    copies_network: '', // across the pipe
    blocks: '', // blocks backed up and restored
    copied_bytes: 'B', // bytes memory-copied (a block copied k times counts k times)
    cpu_seconds: 's', // core-seconds the copies cost
    source_cpu_seconds: 's',
    target_cpu_seconds: 's',
    source_copies: '', // memory copies made on the source nodes (node 50's role), in either direction
    target_copies: '',
    backup_seconds: 's', // first backup start to last backup end
    backup_rate: 'B/s',
    backed_up_bytes: 'B',
    restore_seconds: 's',
    restore_rate: 'B/s',
    restored_bytes: 'B',
    application_seconds: 's', // wall time of the applications, added up
  },
  resolve: resolveSection,
  invariants: FEEDPLEX_INVARIANTS,
  actors: { stage, application },
  build(def, ctx) {
    const kernel = ctx.kernel;
    const ledger = new Ledger(kernel);
    const all = plans(def);
    for (const plan of all) {
      // Each actor is a module function and plain arguments, so it could run in a worker (issue 10).
      plan.actors.forEach((name, k) => kernel.spawn(name, stage, plan, k));
    }
    for (const app of def.applications) kernel.spawn(`application ${app.name}`, application, app);
    return {
      metrics() {
        const rate = (kind: 'backup' | 'restore') => (ledger.span(kind) > 0 ? ledger.bytes(kind) / ledger.span(kind) : 0);
        return {
          backup_seconds: ledger.span('backup'), backup_rate: rate('backup'), backed_up_bytes: ledger.bytes('backup'),
          restore_seconds: ledger.span('restore'), restore_rate: rate('restore'), restored_bytes: ledger.bytes('restore'),
          application_seconds: ledger.sum('application'),
        };
      },
      findings() {
        return [
          {
            kind: 'design',
            text: def.design === 'feed-plex'
              ? 'feed plex (FIG. 3 backup, FIG. 4 restore): blocks go volume manager to network adapter to feed plex, never through the user layer'
              : 'traditional (FIG. 2): every block is copied up to the application and down again on both nodes',
          },
          copiesFinding(all),
          cpuSecondsByHost(kernel, all, def.applications),
          heaviestResource(kernel),
        ];
      },
    };
  },
};
