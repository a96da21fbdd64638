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
import { CommandError } from '../../engine/errors.ts';
import type { Family, ParamDoc, ResolveContext } from '../family.ts';

import { parseDuration, parseRate, parseSize } from '../../foundation/units.ts';
import {
  BACKHITCH, BUFFER, GENERATIONS, generationOfLabel, LOCATE, LTO, REWIND, ROBOTS, SOURCES, UNTABLED_MIN_FRACTION,
  type Generation, type RobotModel,
} from './lto.ts';
import { TapeDrive, type DriveSpec } from './tape-drive.ts';
import { Cartridge, TapeLibrary, type CartridgeSpec, type RobotSpec } from './tape-library.ts';
import { Firmware, formatBytes, TapeError } from './firmware.ts';
import { tapeIdle, tapeRobot, tapeStream } from './commands.ts';
import { duration, rate, size } from '../schema-parts.ts';

type Obj = Record<string, unknown>;

interface LibraryDef {
  name: string;
  robot: RobotSpec;
  drives: DriveSpec[];
  cartridges: CartridgeSpec[];
}

export interface TapeDef {
  libraries: LibraryDef[];
}

const name = { $ref: '#/definitions/name' };
const generation = { type: 'string', enum: [...GENERATIONS] };

const DRIVE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['generation'],
  properties: {
    generation: { ...generation, description: 'The drive\'s LTO generation; its figures are the defaults below.' },
    nativeRate: rate('Native (uncompressed) data rate. Default: the generation\'s.'),
    speedSteps: { type: 'array', items: rate(), minItems: 1, description: 'Speeds the drive can match, native. Default: IBM\'s table (LTO-7/8/9).' },
    minRate: rate('Match any speed from this one up to native (instead of steps). Default for LTO-5/6: native/3.'),
    buffer: size('Data buffer. Default 64 MB.'),
    backhitch: duration('Time of one stop, reverse and restart. Default 2 s (unsourced).'),
    load: duration('Load and thread to ready. Default: the generation\'s.'),
    unload: duration('Unload from the load point. Default: the generation\'s.'),
    locate: duration('Average locate. Default 45 s.'),
    rewind: duration('Average rewind; paid before unload when the tape is away from its load point. Default 55 s.'),
    mediaOptimisation: duration('First load of a new cartridge. Default 40 min for LTO-9, 0 before.'),
    compression: { type: 'number', minimum: 1, description: 'Host bytes per tape byte. Default 1 (no compression).' },
    compressedRate: rate('Most host bytes/s with compression (FC). Default: the generation\'s.'),
  },
};

const CARTRIDGE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    generation: { ...generation, description: 'Default: from the label\'s media ID (A00001L8 is LTO-8).' },
    count: { type: 'integer', minimum: 1, description: 'This many cartridges, counting up the number in the label: A00001L8, A00002L8, ... Default 1.' },
    capacity: size('Native capacity. Default: the generation\'s.'),
    used: size('Native bytes already written. Default 0 B.'),
    initialised: { type: 'boolean', description: 'Whether an LTO-9 drive has optimised it. Default: false for an empty LTO-9 cartridge, else true.' },
  },
};

const LIBRARY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['drives'],
  properties: {
    description: { type: 'string' },
    robot: {
      type: 'object',
      additionalProperties: false,
      description: 'The library\'s robots (accessors).',
      properties: {
        model: { type: 'string', enum: Object.keys(ROBOTS), description: 'Whose published move time is the default. Default TS4500.' },
        count: { type: 'integer', minimum: 1, description: 'Robots working in parallel. Default 1.' },
        move: duration('One trip with a cartridge between a slot and a drive. Default: the model\'s.'),
      },
    },
    drives: { type: 'object', minProperties: 1, propertyNames: name, additionalProperties: DRIVE_SCHEMA, description: 'Drives by name; steps and faults call them LIBRARY/DRIVE.' },
    cartridges: { type: 'object', propertyNames: name, additionalProperties: CARTRIDGE_SCHEMA, description: 'Cartridges by bar code label, e.g. A00001L8.' },
  },
};

const s = (t: number) => `${t / 1e9} s`;
const mbs = (r: number) => `${r / 1e6}`;
const byGen = (f: (g: Generation) => string) => GENERATIONS.map((g) => f(g)).join(' / ');

const PARAMS: ParamDoc[] = [
  { name: 'libraries.*.robot.model', default: 'TS4500', unit: '', source: `TS4500 or SL8500: sets the default move time` },
  { name: 'libraries.*.robot.count', default: '1', unit: 'robots', source: `${SOURCES.ts4500}; dual accessor 730 mounts/h ≈ 2 robots` },
  { name: 'libraries.*.robot.move', default: `${s(ROBOTS.TS4500.move)} (TS4500), ${s(ROBOTS.SL8500.move)} (SL8500)`, unit: 's per trip', source: `${SOURCES.ts4500}: a 10 s cycle, which IBM counts as demount+return+mount, charged here to each trip (an exchange costs 2 trips: an upper bound); ${SOURCES.sl8500}` },
  { name: 'libraries.*.drives.*.generation', default: '(required)', unit: '', source: 'LTO-5 … LTO-9' },
  { name: 'libraries.*.drives.*.nativeRate', default: byGen((g) => mbs(LTO[g].nativeRate)), unit: 'MB/s (LTO-5 … 9)', source: SOURCES.drives },
  { name: 'libraries.*.drives.*.speedSteps', default: 'LTO-5/6: none (see minRate); LTO-7: 306.0 … 101.46; LTO-8: 365 … 112; LTO-9: 408 … 177 (12 steps each)', unit: 'MB/s, native', source: SOURCES.steps },
  { name: 'libraries.*.drives.*.minRate', default: 'LTO-5/6: native/3 (46.7 / 53.3); LTO-7/8/9: the lowest step', unit: 'MB/s, native', source: `LTO-5/6 flagged: no IBM step table found; ${SOURCES.hp} gives an adaptive speed range 27-80 MB/s (native/3 to native), and the drive is taken to match any speed in that range` },
  { name: 'libraries.*.drives.*.buffer', default: '64 MB', unit: 'bytes', source: `${SOURCES.hp} (LTO-3; the only documented figure, used for every generation)` },
  { name: 'libraries.*.drives.*.backhitch', default: s(BACKHITCH), unit: 's', source: 'UNSOURCED: no published back-hitch time was found; sweep 1-5 s' },
  { name: 'libraries.*.drives.*.load', default: byGen((g) => `${LTO[g].load / 1e9}`), unit: 's (LTO-5 … 9), load and thread to ready', source: `${SOURCES.drives}; Oracle ACSLS App. L says about 19 s` },
  { name: 'libraries.*.drives.*.unload', default: byGen((g) => `${LTO[g].unload / 1e9}`), unit: 's (LTO-5 … 9), from the load point', source: SOURCES.drives },
  { name: 'libraries.*.drives.*.locate', default: s(LOCATE), unit: 's', source: `${SOURCES.spec}: LTO-9 average from the load point; flagged: the LTO-5…8 rows were not captured, so LTO-9's serves all` },
  { name: 'libraries.*.drives.*.rewind', default: s(REWIND), unit: 's', source: `${SOURCES.spec}: LTO-9 average, flagged as locate; paid inside unmount when the tape is away from its load point (IBM also gives 55/110/165 s inside UNLOAD by data written; the average is used)` },
  { name: 'libraries.*.drives.*.mediaOptimisation', default: '40 min (LTO-9), 0 (LTO-5 … 8)', unit: 'min, on top of load', source: SOURCES.optimisation },
  { name: 'libraries.*.drives.*.compression', default: '1', unit: 'ratio', source: 'no compression unless the scenario says; IBM quotes 2:1 (LTO-5) and 2.5:1 (LTO-6+)' },
  { name: 'libraries.*.drives.*.compressedRate', default: byGen((g) => mbs(LTO[g].compressedRate)), unit: 'MB/s (LTO-5 … 9), FC', source: SOURCES.drives },
  { name: 'libraries.*.cartridges.*.generation', default: 'from the label: …L5 … …L9', unit: '', source: SOURCES.labels },
  { name: 'libraries.*.cartridges.*.count', default: '1', unit: 'cartridges', source: 'counts up the number in the label' },
  { name: 'libraries.*.cartridges.*.capacity', default: byGen((g) => `${LTO[g].capacity / 1e12}`), unit: 'TB native (LTO-5 … 9)', source: SOURCES.drives },
  { name: 'libraries.*.cartridges.*.used', default: '0 B', unit: 'bytes, native', source: 'scenario state' },
  { name: 'libraries.*.cartridges.*.initialised', default: 'false for an empty LTO-9 cartridge, else true', unit: '', source: `${SOURCES.optimisation}: a new LTO-9 cartridge is optimised on its first load` },
];

const drive = { kind: 'name', ref: 'drive', required: true, description: 'the drive, as LIBRARY/DRIVE' } as const;
const library = { kind: 'name', ref: 'library', required: true, description: 'the library' } as const;
const OPS = {
  'tape.mount': {
    description: 'A robot brings the cartridge from its slot (robots are first come, first served), then the drive loads and threads it; a new LTO-9 cartridge is then optimised (media optimisation).',
    params: { library, drive, cartridge: { kind: 'name', ref: 'cartridge', required: true, description: 'the cartridge\'s label' } },
  },
  'tape.write': {
    description: 'Write bytes at the speed the drive can match; when the cartridge fills, the library swaps in its next empty cartridge of the same generation and writing goes on. Result: bytes and the cartridges written.',
    params: {
      drive,
      bytes: { kind: 'size', required: true, description: 'host bytes to write' },
      route: { kind: 'names', ref: 'link', description: 'links from the data\'s source to the drive (e.g. an FC path); the drive itself is added' },
    },
  },
  'tape.read': {
    description: 'Read bytes from the mounted cartridge (at most what it holds), with the same speed matching.',
    params: {
      drive,
      bytes: { kind: 'size', required: true, description: 'host bytes to read' },
      route: { kind: 'names', ref: 'link', description: 'links from the drive to where the data goes' },
    },
  },
  'tape.locate': { description: 'Position the tape: the average locate time.', params: { drive } },
  'tape.rewind': { description: 'Rewind to the load point (nothing to do if it is there).', params: { drive } },
  'tape.unmount': { description: 'Rewind if needed, unload, and a robot returns the cartridge to its slot.', params: { library, drive } },
} satisfies Family['ops'];

export const tapeFamily: Family<TapeDef> = {
  key: 'libraries',
  errors: { TapeError },
  title: 'tape libraries: robots, LTO drives (speed matching, back-hitching), cartridges',
  schema: {
    section: {
      type: 'object',
      description: 'Tape libraries by name.',
      propertyNames: name,
      additionalProperties: LIBRARY_SCHEMA,
    },
  },
  params: PARAMS,
  ops: OPS,

  resolve(topology, ctx, path): TapeDef {
    const section = (topology.libraries ?? {}) as Record<string, Obj>;
    const labels = new Map<string, string>();
    const libraries = Object.entries(section).map(([lib, v]) => {
      const p: Path = [...path, 'libraries', lib];
      ctx.names.define('library', lib);
      const r = (v.robot ?? {}) as Obj;
      const model = (r.model ?? 'TS4500') as RobotModel;
      const robot: RobotSpec = { count: (r.count as number | undefined) ?? 1, move: r.move === undefined ? ROBOTS[model].move : quantity(parseDuration, r.move, [...p, 'robot', 'move'], ctx) };
      const drives = Object.entries(v.drives as Record<string, Obj>).map(([d, dv]) => resolveDrive(lib, d, dv, [...p, 'drives', d], ctx));
      const cartridges = Object.entries((v.cartridges ?? {}) as Record<string, Obj>).flatMap(([label, cv]) => resolveCartridges(label, cv, [...p, 'cartridges', label], ctx));
      for (const c of cartridges) {
        const other = labels.get(c.name);
        if (other !== undefined) ctx.fail([...p, 'cartridges'], `cartridge ${c.name} is listed twice (also in library ${other}); labels must be unique`);
        labels.set(c.name, lib);
        ctx.names.define('cartridge', c.name);
      }
      return { name: lib, robot, drives, cartridges };
    });
    return { libraries };
  },

  build(def, ctx) {
    if (def.libraries.length === 0) return;
    const k = ctx.kernel;
    const firmware = new Map<string, Firmware>();
    const libraries: TapeLibrary[] = [];
    for (const ld of def.libraries) {
      const lib = new TapeLibrary(ld.name, ld.robot, k);
      libraries.push(lib);
      for (const cs of ld.cartridges) lib.cartridges.set(cs.name, new Cartridge(cs));
      for (const ds of ld.drives) {
        const d = new TapeDrive(ds, k);
        ctx.device(ds.name, 'tape drive', { bandwidth: d.hostRate });
        firmware.set(ds.name, new Firmware(d, lib, k));
      }
    }
    const of = (cmd: Custom): Firmware => {
      const f = firmware.get(cmd.drive as string);
      if (f === undefined) throw new CommandError(`${cmd.op}: no tape drive named '${String(cmd.drive)}'`);
      return f;
    };
    for (const op of Object.keys(OPS)) k.defineCommand(op, (cmd, w) => of(cmd).submit(cmd, w));
    // The firmware's own steps: wait for work, wait for a robot, move bytes.
    k.defineCommand(tapeIdle.op, (cmd, w) => of(cmd).onIdle(w));
    k.defineCommand(tapeRobot.op, (cmd, w) => of(cmd).onRobot(w));
    k.defineCommand(tapeStream.op, (cmd, w) => of(cmd).onStream(cmd, w));
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
    };
  },
};

/** A quantity the schema has already shaped, still out of range (a duration past 2^53 ns): a ScenarioError at its path. */
function quantity(parse: (x: unknown) => number, v: unknown, at: Path, ctx: ResolveContext): number {
  try {
    return parse(v);
  } catch (e) {
    return ctx.fail(at, (e as Error).message);
  }
}

function resolveDrive(lib: string, key: string, v: Obj, p: Path, ctx: ResolveContext): DriveSpec {
  const g = v.generation as Generation;
  const fig = LTO[g];
  const q = (field: string, parse: (x: unknown) => number, dflt: number): number => (v[field] === undefined ? dflt : quantity(parse, v[field], [...p, field], ctx));
  const positive = (field: string, x: number, what: string): number => (x > 0 ? x : ctx.fail([...p, field], `${what} must be above zero`));

  const nativeRate = positive('nativeRate', q('nativeRate', parseRate, fig.nativeRate), 'a native rate');
  if (v.speedSteps !== undefined && v.minRate !== undefined) {
    ctx.fail([...p, 'minRate'], 'give speedSteps (the speeds the drive can match) or minRate (any speed from it up to native), not both');
  }
  let speedSteps: number[];
  let minRate: number;
  let minField = 'nativeRate';
  if (v.speedSteps !== undefined) {
    speedSteps = (v.speedSteps as unknown[]).map((x, i) => {
      const r = quantity(parseRate, x, [...p, 'speedSteps', i], ctx);
      return r > 0 ? r : ctx.fail([...p, 'speedSteps', i], 'a speed step must be above zero');
    }).sort((a, b) => b - a);
    minRate = speedSteps[speedSteps.length - 1];
    minField = 'speedSteps';
  } else if (v.minRate !== undefined) {
    speedSteps = [];
    minRate = positive('minRate', q('minRate', parseRate, 0), 'the lowest matched speed');
    minField = 'minRate';
  } else {
    speedSteps = fig.speedSteps ?? [];
    minRate = fig.speedSteps === null ? nativeRate * UNTABLED_MIN_FRACTION : fig.speedSteps[fig.speedSteps.length - 1];
  }
  if (minRate > nativeRate) {
    ctx.fail([...p, minField], `the lowest speed the drive can match (${formatBytes(minRate)}/s) is above its native rate (${formatBytes(nativeRate)}/s)`);
  }
  const name = `${lib}/${key}`;
  ctx.names.define('drive', name);
  ctx.names.define('device', name);
  return {
    name, library: lib, generation: g, nativeRate, speedSteps, minRate,
    buffer: positive('buffer', q('buffer', parseSize, BUFFER), 'a buffer'),
    backhitch: q('backhitch', parseDuration, BACKHITCH),
    load: q('load', parseDuration, fig.load),
    unload: q('unload', parseDuration, fig.unload),
    locate: q('locate', parseDuration, LOCATE),
    rewind: q('rewind', parseDuration, REWIND),
    mediaOptimisation: q('mediaOptimisation', parseDuration, fig.mediaOptimisation),
    compression: (v.compression as number | undefined) ?? 1,
    compressedRate: positive('compressedRate', q('compressedRate', parseRate, fig.compressedRate), 'a compressed rate'),
  };
}

function resolveCartridges(label: string, v: Obj, p: Path, ctx: ResolveContext): CartridgeSpec[] {
  const fromLabel = generationOfLabel(label);
  const g = (v.generation as Generation | undefined) ?? fromLabel;
  if (g === undefined) {
    ctx.fail(p, `which LTO generation is ${label}? Give generation: LTO-5 … LTO-9, or end the label with its LTO media ID L5 … L9, as bar code labels do (e.g. A00001L8)`);
  }
  if (v.generation !== undefined && fromLabel !== undefined && v.generation !== fromLabel) {
    ctx.fail([...p, 'generation'], `the label's media ID ${label.slice(-2)} says ${fromLabel}, not ${v.generation as string}`);
  }
  const capacity = v.capacity === undefined ? LTO[g].capacity : quantity(parseSize, v.capacity, [...p, 'capacity'], ctx);
  if (!(capacity > 0)) ctx.fail([...p, 'capacity'], 'a capacity must be above zero');
  const used = v.used === undefined ? 0 : quantity(parseSize, v.used, [...p, 'used'], ctx);
  if (used > capacity) ctx.fail([...p, 'used'], `${formatBytes(used)} is more than the cartridge holds (${formatBytes(capacity)})`);
  const initialised = (v.initialised as boolean | undefined) ?? !(used === 0 && LTO[g].mediaOptimisation > 0);
  return countUp(label, (v.count as number | undefined) ?? 1, [...p, 'count'], ctx).map((name) => ({ name, generation: g, capacity, used, initialised }));
}

/** A00001L8 and 3: A00001L8, A00002L8, A00003L8 (the last number in the label counts up, keeping its width). */
function countUp(label: string, count: number, p: Path, ctx: ResolveContext): string[] {
  if (count === 1) return [label];
  const m = /^(.*?)(\d+)(L[0-9A-Z])?$/.exec(label);
  if (m === null) return ctx.fail(p, `to count up, the label needs a number, as in A00001L8; '${label}' has none`);
  const [, head, digits, media = ''] = m;
  return Array.from({ length: count }, (_, i) => `${head}${String(Number(digits) + i).padStart(digits.length, '0')}${media}`);
}
