/**
 * The `volumes` family: logical volumes made of plexes (mirrors), each plex
 * on a disk of its own or wired to a network route, and the commands that
 * write, read and feed them.
 *
 *   topology:
 *     volumes:
 *       data:
 *         host: h1
 *         plexes:
 *           local: { disk: { rate: 200 MB/s } }
 *           remote: { network: { route: [nic, wan] } }
 *
 * A disk plex's disk is a device link named `volume.plex` (reports list it;
 * `device-fails: data.local` fails that disk, and the plex is detached). The
 * host is checked and kept for the protocols that will drive the volume; the
 * host's own limits belong to the hosts family.
 *
 * Each plex's bytes are a flow of their own, all started together, so a
 * write costs every plex and ends when the slowest has its bytes: alone on
 * their disks, bytes / min(plex rates). A feed (`volume.feed`) is the
 * feed-plex step: the bytes arrive at one plex (over its network route, or
 * read from its disk, as in a resync) and are written to every other plex
 * while they stream in, so the plex's route and each other plex carry the
 * bytes once and the feed ends with the slowest of them.
 */
import type { Path } from '../../foundation/path.ts';
import type { Custom } from '../../engine/commands.ts';
import type { Kernel } from '../../engine/kernel.ts';
import type { Wait } from '../../engine/wait.ts';

import { resolveField } from '../../foundation/declare.ts';
import type { Family, ResolveContext } from '../family.ts';
import { FlowSets, type FlowOutcome } from '../flow-set.ts';
import { LogicalVolume, type Plex, type PlexDef, type VolumeDef } from './volume.ts';
import { VOLUMES } from './section.ts';
import { volumeFeed, volumeRead, volumeWrite } from './commands.ts';
import { opsOf } from '../../engine/step-command.ts';

function resolveVolumes(topology: Record<string, unknown>, ctx: ResolveContext, path: Path): VolumeDef[] {
  const devices = new Set<string>();
  const at: Path = [...path, 'volumes'];
  return resolveField(VOLUMES, topology.volumes, at, ctx).map((v): VolumeDef => {
    const p: Path = [...at, v.name];
    const { host } = v;
    if (host !== undefined && !ctx.names.has('host', host)) {
      const hosts = ctx.names.list('host');
      ctx.fail([...p, 'host'], `no host named '${host}'${hosts.length ? `; hosts are: ${hosts.join(', ')}` : ': define it under topology.hosts'}`);
    }
    const plexes = v.plexes.map((x): PlexDef => {
      const pp: Path = [...p, 'plexes', x.name];
      if (x.disk !== undefined) {
        const device = `${v.name}.${x.name}`;
        if (ctx.names.has('link', device)) ctx.fail(pp, `'${device}' is also a link; a disk plex is a device link named VOLUME.PLEX, so rename the plex or the link`);
        if (ctx.names.has('device', device) || devices.has(device)) ctx.fail(pp, `'${device}' is already the name of a device`);
        devices.add(device);
        return { name: x.name, disk: { device, ...x.disk } };
      }
      const { route } = x.network;
      route.forEach((l, i) => {
        if (!ctx.names.has('link', l)) {
          const links = ctx.names.list('link');
          ctx.fail([...pp, 'network', 'route', i], `no link named '${l}'${links.length ? `; links are: ${links.join(', ')}` : ': define it under topology.links'}`);
        }
      });
      if (new Set(route).size !== route.length) ctx.fail([...pp, 'network', 'route'], 'a route crosses each link at most once');
      return { name: x.name, network: { route } };
    });
    ctx.names.define('logical-volume', v.name);
    for (const x of plexes) if (x.disk) ctx.names.define('device', x.disk.device);
    return { name: v.name, host, plexes };
  });
}

/** The commands, bound to one run's volumes. */
function defineCommands(kernel: Kernel, vols: Map<string, LogicalVolume>): void {
  const flows = new FlowSets(kernel, 'volume');
  const vol = (name: unknown): LogicalVolume => {
    const v = vols.get(name as string);
    if (v === undefined) throw new Error(`no volume named '${String(name)}'`);
    return v;
  };
  const detach = (v: LogicalVolume, p: Plex, reason: string) => {
    if (v.detach(p, reason)) kernel.trace.mark(kernel.now, 0, `volume ${v.name}: plex ${p.name} detached`, { volume: v.name, plex: p.name, reason });
  };
  const detachFailed = (v: LogicalVolume, plexes: Plex[], outcomes: FlowOutcome[], offset = 0): string[] => {
    const gone: string[] = [];
    plexes.forEach((p, i) => {
      const o = outcomes[i + offset];
      if (o.ok) { p.written += o.bytes; return; }
      detach(v, p, o.reason ?? 'I/O failed');
      gone.push(p.name);
    });
    return gone;
  };
  const writeAll = (w: Wait, v: LogicalVolume, bytes: number, label: string, head: { route: string[]; label: string } | null, targets: Plex[], answer: (written: Plex[], detached: string[]) => object) => {
    const specs = [
      ...(head ? [{ route: head.route, bytes, label: head.label }] : []),
      ...targets.map((p) => ({ route: p.route, bytes, label: `${label} → plex ${p.name}` })),
    ];
    flows.start(w, specs, (outcomes) => {
      if (head && !outcomes[0].ok) {
        kernel.reject(w, new Error(`${label}: the feed plex failed after ${outcomes[0].bytes} of ${bytes} bytes: ${outcomes[0].reason}`));
        detachFailed(v, targets, outcomes, 1);
        return;
      }
      const detached = detachFailed(v, targets, outcomes, head ? 1 : 0);
      const written = targets.filter((p, i) => outcomes[i + (head ? 1 : 0)].ok);
      if (written.length === 0) {
        kernel.reject(w, new Error(`${label}: every plex failed (${targets.map((p) => `${p.name}: ${p.detached}`).join('; ')})`));
        return;
      }
      kernel.resolve(w, { bytes, plexBytes: bytes * written.length, ...answer(written, detached), detached });
    });
  };

  kernel.defineCommand(volumeWrite.op, (cmd: Custom, w: Wait) => {
    const v = vol(cmd.volume);
    const skip = cmd.except === undefined ? null : v.plex(cmd.except as string);
    const targets = v.active().filter((p) => p !== skip);
    if (targets.length === 0) throw new Error(skip === null ? `volume.write: every plex of volume '${v.name}' is detached` : `volume.write: volume '${v.name}' has no attached plex to write besides '${skip.name}'`);
    const label = cmd.label ?? `volume.write ${v.name}`;
    writeAll(w, v, cmd.bytes as number, label, null, targets, (written) => ({ plexes: written.map((p) => p.name) }));
  });

  kernel.defineCommand(volumeFeed.op, (cmd: Custom, w: Wait) => {
    const v = vol(cmd.volume);
    const from = v.plex(cmd.from as string);
    if (from.detached !== null) throw new Error(`volume.feed: plex '${from.name}' of volume '${v.name}' is detached (${from.detached})`);
    const targets = v.active().filter((p) => p !== from);
    if (targets.length === 0) throw new Error(`volume.feed: volume '${v.name}' has no attached plex besides '${from.name}' to feed`);
    const label = cmd.label ?? `volume.feed ${v.name}`;
    kernel.trace.mark(kernel.now, 0, `volume ${v.name}: plex ${from.name} feeds ${targets.map((p) => p.name).join(', ')}`, { volume: v.name, from: from.name, bytes: cmd.bytes });
    writeAll(w, v, cmd.bytes as number, label, { route: from.route, label: `${label} ← plex ${from.name}` }, targets, (written) => ({ from: from.name, plexes: written.map((p) => p.name) }));
  });

  kernel.defineCommand(volumeRead.op, (cmd: Custom, w: Wait) => {
    const v = vol(cmd.volume);
    const bytes = cmd.bytes as number;
    const except = cmd.except as string | undefined;
    const order = v.readOrder(cmd.plex as string | undefined, except);
    if (order.length === 0) throw new Error(`volume.read: every plex of volume '${v.name}'${except === undefined ? '' : ` but '${except}'`} is detached`);
    const label = cmd.label ?? `volume.read ${v.name}`;
    const tried: string[] = [];
    // What a failed plex did not deliver is read from the next one, as a volume manager retries a read on another mirror.
    const attempt = (i: number, left: number): void => {
      const p = order[i];
      flows.start(w, [{ route: p.route, bytes: left, label: `${label} ← plex ${p.name}` }], ([o]) => {
        p.read += o.bytes;
        if (o.ok) { kernel.resolve(w, { bytes, plex: p.name }); return; }
        detach(v, p, o.reason ?? 'I/O failed');
        tried.push(`${p.name}: ${o.reason}`);
        const next = order.findIndex((q, j) => j > i && q.detached === null);
        if (next < 0) { kernel.reject(w, new Error(`${label}: no plex could serve the read (${tried.join('; ')})`)); return; }
        attempt(next, left - o.bytes);
      });
    };
    attempt(0, bytes);
  });
}

export const volumesFamily: Family<VolumeDef[]> = {
  key: 'volumes',
  title: 'logical volumes and their plexes (mirrors on disks or behind network routes), with the feed-plex step',
  declares: { section: VOLUMES },
  ops: opsOf([volumeWrite, volumeRead, volumeFeed]),
  resolve: resolveVolumes,
  build(defs, ctx) {
    const vols = new Map<string, LogicalVolume>();
    const plexOf = new Map<string, { v: LogicalVolume; p: Plex; link: number }>();
    for (const d of defs ?? []) {
      const v = new LogicalVolume(d);
      vols.set(d.name, v);
      for (const p of v.plexes) {
        const disk = p.def.disk;
        if (disk) plexOf.set(disk.device, { v, p, link: ctx.device(disk.device, 'plex', { bandwidth: disk.rate, latency: disk.latency }) });
      }
    }
    defineCommands(ctx.kernel, vols);
    return {
      failDevice(name) {
        const x = plexOf.get(name);
        if (x === undefined) return false;
        const reason = `its disk '${name}' failed`;
        if (x.v.detach(x.p, reason)) ctx.kernel.trace.mark(ctx.kernel.now, 0, `volume ${x.v.name}: plex ${x.p.name} detached`, { volume: x.v.name, plex: x.p.name, reason });
        ctx.kernel.net.setLinkUp(x.link, false);
        return true;
      },
    };
  },
};
