/**
 * The tape family: `topology.libraries`, each with robots, LTO drives and
 * cartridges, and the job steps that use them (`tape.mount`, `tape.write`,
 * `tape.read`, `tape.locate`, `tape.rewind`, `tape.unmount`).
 *
 * Names it defines: each library (kind 'library'); each drive as
 * `library/drive` (kinds 'drive' and 'device': a `device-fails` fault may name
 * it); each cartridge by its label (kind 'cartridge'). Each drive is a device
 * link of kind 'tape drive' whose bandwidth is its top host rate, so reports
 * show its throughput over time, back-hitching as a lower plateau.
 */
import type { Path } from '../../foundation/path.ts';
import type { Custom } from '../../engine/commands.ts';
import { opsOf } from '../../engine/step-command.ts';
import { CommandError } from '../../engine/errors.ts';
import type { Family, ResolveContext } from '../family.ts';

import { resolveField, type Resolved } from '../../foundation/declare.ts';
import { generationOfLabel, LTO, UNTABLED_MIN_FRACTION } from './lto.ts';
import { ROBOTS } from './robots.ts';
import { defaultSlots } from './slots.ts';
import { drivePosition, spread, type Geometry } from './geometry.ts';
import { LIBRARIES, type CartridgeEntry, type DriveEntry } from './section.ts';
import { TapeDrive, type DriveSpec } from './tape-drive.ts';
import { Cartridge, TapeLibrary, type CartridgeSpec, type RobotSpec } from './tape-library.ts';
import { Firmware, formatBytes } from './firmware.ts';
import { TapeError } from './tape-error.ts';
import { tapeCheckIn, tapeExchange, tapeIdle, tapeLocate, tapeMount, tapeRead, tapeRewind, tapeRobot, tapeStream, tapeUnmount, tapeWrite } from './commands.ts';

interface LibraryDef {
  name: string;
  robot: RobotSpec;
  /** storage slots */
  slots: number;
  drives: DriveSpec[];
  cartridges: CartridgeSpec[];
}

export interface TapeDef {
  libraries: LibraryDef[];
}

const STEPS = [tapeMount, tapeExchange, tapeWrite, tapeRead, tapeLocate, tapeRewind, tapeUnmount];

export const tapeFamily: Family<TapeDef> = {
  key: 'libraries',
  errors: { TapeError },
  title: 'tape libraries: robots, LTO drives (speed matching, back-hitching), cartridges',
  declares: { section: LIBRARIES },
  ops: opsOf(STEPS),

  resolve(topology, ctx, path): TapeDef {
    const at: Path = [...path, 'libraries'];
    const labels = new Map<string, string>();
    const libraries = resolveField(LIBRARIES, topology.libraries, at, ctx).map((v) => {
      const p: Path = [...at, v.name];
      ctx.names.define('library', v.name);
      const robot = resolveRobot(v.robot, [...p, 'robot'], ctx);
      const frames = robot.geometry?.frames ?? 0;
      const drives = v.drives.map((d) => resolveDrive(v.name, d, [...p, 'drives', d.name], frames, ctx));
      const cartridges = place(v.cartridges.map((c) => resolveCartridges(c, [...p, 'cartridges', c.name], ctx)), v.cartridges, frames, [...p, 'cartridges'], ctx);
      for (const c of cartridges) {
        const other = labels.get(c.name);
        if (other !== undefined) ctx.fail([...p, 'cartridges'], `cartridge ${c.name} is listed twice (also in library ${other}); labels must be unique`);
        labels.set(c.name, v.name);
        ctx.names.define('cartridge', c.name);
      }
      const slots = v.slots ?? defaultSlots(v.robot.model, v.robot.frames);
      if (cartridges.length > slots) ctx.fail([...p, 'slots'], `${cartridges.length} cartridges are listed and library ${v.name} has ${slots} slots${v.slots === undefined ? ` (a ${v.robot.model}'s default)` : ''}; give it more slots or list fewer cartridges`);
      return { name: v.name, robot, slots, drives, cartridges };
    });
    return { libraries };
  },

  build(def, ctx) {
    if (def.libraries.length === 0) return;
    const k = ctx.kernel;
    const firmware = new Map<string, Firmware>();
    const libraries: TapeLibrary[] = [];
    const drives: TapeDrive[] = [];
    for (const ld of def.libraries) {
      const lib = new TapeLibrary(ld.name, ld.robot, k);
      libraries.push(lib);
      for (const cs of ld.cartridges) lib.cartridges.set(cs.name, new Cartridge(cs));
      for (const ds of ld.drives) {
        const d = new TapeDrive(ds, k);
        drives.push(d);
        ctx.device(ds.name, 'tape drive', { bandwidth: d.hostRate });
        firmware.set(ds.name, new Firmware(d, lib, k));
      }
    }
    const of = (cmd: Custom): Firmware => {
      const f = firmware.get(cmd.drive as string);
      if (f === undefined) throw new CommandError(`${cmd.op}: no tape drive named '${String(cmd.drive)}'`);
      return f;
    };
    for (const { op } of STEPS) k.defineCommand(op, (cmd, w) => of(cmd).submit(cmd, w));
    // The firmware's own steps: wait for work, wait for a robot, move bytes.
    k.defineCommand(tapeIdle.op, (cmd, w) => of(cmd).onIdle(w));
    k.defineCommand(tapeRobot.op, (cmd, w) => of(cmd).onRobot(w));
    k.defineCommand(tapeStream.op, (cmd, w) => of(cmd).onStream(cmd, w));
    k.defineCommand(tapeCheckIn.op, (cmd, w) => {
      const a = tapeCheckIn.args(cmd);
      libraries.find((l) => l.name === a.library)!.cartridges.set(a.cartridge.name, new Cartridge(a.cartridge));
      k.resolve(w, undefined);
    });
    return {
      failDevice(name) {
        const f = firmware.get(name);
        f?.fail();
        return f !== undefined;
      },
      audit() {
        const out: string[] = [];
        for (const lib of libraries) {
          for (const c of lib.cartridges.values()) {
            if (c.used > c.capacity * (1 + 1e-12)) out.push(`cartridge ${c.name} of ${lib.name} holds ${c.used} native bytes, more than its capacity ${c.capacity}`);
          }
        }
        return out;
      },
      report(end) {
        return [
          ...drives.map((d) => ({
            name: d.spec.name, kind: 'tape drive',
            counters: { mounts: d.mounts, exchanges: d.exchanges, backhitches: d.backhitches, backhitch_s: d.backhitchTicks(end) / 1e9, written_bytes: d.written, read_bytes: d.read },
          })),
          ...libraries.map((lib) => ({
            name: `${lib.name} robot`, kind: 'tape robot', busy: lib.robotBusy / 1e9,
            utilisation: end > 0 ? lib.robotBusy / (lib.robot.count * end) : 0,
            counters: { robots: lib.robot.count, moves: lib.moves, exchanges: drives.reduce((n, d) => n + (d.spec.library === lib.name ? d.exchanges : 0), 0) },
          })),
        ];
      },
    };
  },
};

type RobotEntry = Resolved<typeof LIBRARIES>[number]['robot'];

/** The robot: per-trip `move`, or geometry when `frames` is given (not both); with geometry at most two accessors. */
function resolveRobot(v: RobotEntry, p: Path, ctx: ResolveContext): RobotSpec {
  const m = ROBOTS[v.model];
  const move = v.move ?? m.move;
  if (v.frames === undefined) {
    for (const k of ['handling', 'perFrame', 'clearance'] as const) if (v[k] !== undefined) ctx.fail([...p, k], `${k} is a geometry figure: give frames too (the library's frames along the rail), or leave it out`);
    return { count: v.count, move, geometry: null };
  }
  if (v.move !== undefined) ctx.fail([...p, 'move'], 'give move (every trip costs the same) or frames (trips cost by distance), not both');
  if (v.frames > m.maxFrames) ctx.fail([...p, 'frames'], `a ${v.model} library has at most ${m.maxFrames} frames, not ${v.frames}`);
  if (v.count > Math.min(2, v.frames)) ctx.fail([...p, 'count'], `with geometry a library has 1 or 2 accessors (each works half the frames, so no more than frames), not ${v.count}`);
  const geometry: Geometry = { frames: v.frames, handling: v.handling ?? m.handling, perFrame: v.perFrame ?? m.perFrame, clearance: v.clearance ?? m.clearance };
  return { count: v.count, move, geometry };
}

/**
 * Slot positions with geometry: entries with a frame spread evenly over that
 * frame, the rest evenly over the whole library, each in the order listed;
 * without geometry every position is 0.
 */
function place(groups: CartridgeSpec[][], entries: CartridgeEntry[], frames: number, p: Path, ctx: ResolveContext): CartridgeSpec[] {
  if (frames === 0) {
    entries.forEach((e, i) => { if (e.frame !== undefined) ctx.fail([...p, e.name, 'frame'], 'frame places a cartridge in a library with geometry: give the robot frames too'); });
    return groups.flat();
  }
  const at = (from: number, to: number, cs: CartridgeSpec[]) => spread(cs.length, from, to).forEach((x, i) => { cs[i].position = x; });
  const byFrame = new Map<number, CartridgeSpec[]>();
  groups.forEach((cs, i) => {
    const f = entries[i].frame;
    if (f !== undefined && f > frames) ctx.fail([...p, entries[i].name, 'frame'], `the library has ${frames} frames; there is no frame ${f}`);
    const k = f ?? 0;
    byFrame.set(k, [...(byFrame.get(k) ?? []), ...cs]);
  });
  for (const [f, cs] of byFrame) at(f === 0 ? 0 : f - 1, f === 0 ? frames : f, cs);
  return groups.flat();
}

/** A drive's figures: what the scenario gives, else its generation's; steps or a lowest speed, not both. */
function resolveDrive(lib: string, v: DriveEntry, p: Path, frames: number, ctx: ResolveContext): DriveSpec {
  const fig = LTO[v.generation];
  const nativeRate = v.nativeRate ?? fig.nativeRate;
  if (v.speedSteps !== undefined && v.minRate !== undefined) {
    ctx.fail([...p, 'minRate'], 'give speedSteps (the speeds the drive can match) or minRate (any speed from it up to native), not both');
  }
  let speedSteps: number[];
  let minRate: number;
  let minField = 'nativeRate';
  if (v.speedSteps !== undefined) {
    speedSteps = [...v.speedSteps].sort((a, b) => b - a);
    minRate = speedSteps[speedSteps.length - 1];
    minField = 'speedSteps';
  } else if (v.minRate !== undefined) {
    speedSteps = [];
    minRate = v.minRate;
    minField = 'minRate';
  } else {
    speedSteps = fig.speedSteps ?? [];
    minRate = fig.speedSteps === null ? nativeRate * UNTABLED_MIN_FRACTION : fig.speedSteps[fig.speedSteps.length - 1];
  }
  if (minRate > nativeRate) {
    ctx.fail([...p, minField], `the lowest speed the drive can match (${formatBytes(minRate)}/s) is above its native rate (${formatBytes(nativeRate)}/s)`);
  }
  if (frames > 0 && v.frame > frames) ctx.fail([...p, 'frame'], `the library has ${frames} frames; there is no frame ${v.frame}`);
  const name = `${lib}/${v.name}`;
  ctx.names.define('drive', name);
  ctx.names.define('device', name);
  return {
    name, library: lib, generation: v.generation, nativeRate, speedSteps, minRate,
    buffer: v.buffer,
    backhitch: v.backhitch,
    load: v.load ?? fig.load,
    unload: v.unload ?? fig.unload,
    locate: v.locate,
    rewind: v.rewind,
    mediaOptimisation: v.mediaOptimisation ?? fig.mediaOptimisation,
    compression: v.compression,
    compressedRate: v.compressedRate ?? fig.compressedRate,
    position: frames > 0 ? drivePosition(v.frame) : 0,
  };
}

/** A cartridge entry, counted up: its generation from the label unless given (and then it must agree). */
function resolveCartridges(v: CartridgeEntry, p: Path, ctx: ResolveContext): CartridgeSpec[] {
  const label = v.name;
  const fromLabel = generationOfLabel(label);
  const g = v.generation ?? fromLabel;
  if (g === undefined) {
    return ctx.fail(p, `which LTO generation is ${label}? Give generation: LTO-5 … LTO-9, or end the label with its LTO media ID L5 … L9, as bar code labels do (e.g. A00001L8)`);
  }
  if (v.generation !== undefined && fromLabel !== undefined && v.generation !== fromLabel) {
    ctx.fail([...p, 'generation'], `the label's media ID ${label.slice(-2)} says ${fromLabel}, not ${v.generation}`);
  }
  const capacity = v.capacity ?? LTO[g].capacity;
  const used = v.used;
  if (used > capacity) ctx.fail([...p, 'used'], `${formatBytes(used)} is more than the cartridge holds (${formatBytes(capacity)})`);
  const initialised = v.initialised ?? !(used === 0 && LTO[g].mediaOptimisation > 0);
  return countUp(label, v.count, [...p, 'count'], ctx).map((name) => ({ name, generation: g, capacity, used, initialised, position: 0 }));
}

/** A00001L8 and 3: A00001L8, A00002L8, A00003L8 (the last number in the label counts up, keeping its width). */
function countUp(label: string, count: number, p: Path, ctx: ResolveContext): string[] {
  if (count === 1) return [label];
  const m = /^(.*?)(\d+)(L[0-9A-Z])?$/.exec(label);
  if (m === null) return ctx.fail(p, `to count up, the label needs a number, as in A00001L8; '${label}' has none`);
  const [, head, digits, media = ''] = m;
  return Array.from({ length: count }, (_, i) => `${head}${String(Number(digits) + i).padStart(digits.length, '0')}${media}`);
}
