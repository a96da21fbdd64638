/**
 * `topology.libraries`, declared once: the schema, the README rows and the
 * resolved values all come from here. Defaults a generation or a robot model
 * decides are read from the published tables in lto.ts; the fields say so
 * (`defaultText`) and family.ts fills them in.
 */
import { maybe, withRows } from '../../foundation/declare-forms.ts';
import { duration, flag, integer, list, named, number, object, oneOf, rate, size, text, type Field, type Resolved } from '../../foundation/declare.ts';
import { GENERATIONS, LTO, SOURCES, UNTABLED_MIN_FRACTION, type Generation } from './lto.ts';
import { ROBOT_FIGURES, ROBOT_MODELS, ROBOT_SOURCES, ROBOTS, type RobotFigure, type RobotModel, type RobotModelName } from './robots.ts';
import { SLOT_FIGURES } from './slots.ts';

const s = (t: number) => `${t / 1e9} s`;
const byGen = (f: (g: Generation) => number, unit: string) => `the generation's (LTO-5 … 9: ${GENERATIONS.map((g) => `${f(g)}`).join(' / ')} ${unit})`;
const untabledGens = GENERATIONS.filter((g) => LTO[g].speedSteps === null);
const stepRange = [
  `${untabledGens.join(', ')}: none (see minRate)`,
  ...GENERATIONS.flatMap((g) => {
    const st = LTO[g].speedSteps;
    return st === null ? [] : [`${g}: ${st[0] / 1e6} … ${st[st.length - 1] / 1e6} MB/s (${st.length} steps)`];
  }),
].join('; ');
/** The published figures of a written entry's generation (a drive's, or a cartridge's as written), for the assumptions list. */
const table = (e: Record<string, unknown>) => (typeof e.generation === 'string' && e.generation in LTO ? LTO[e.generation as Generation] : undefined);
const untabled = untabledGens.map((g) => (LTO[g].nativeRate * UNTABLED_MIN_FRACTION / 1e6).toFixed(1)).join(' / ') + ' MB/s';

export const DRIVE = object({
  generation: oneOf(GENERATIONS, { description: 'The drive\'s LTO generation; its figures are the defaults below.', required: true, source: 'LTO-5 … LTO-9' }),
  nativeRate: rate({
    description: 'Native (uncompressed) data rate.', positive: true, source: SOURCES.drives,
    defaultText: byGen((g) => LTO[g].nativeRate / 1e6, 'MB/s'), derive: (e) => table(e)?.nativeRate,
    spread: { factors: [1, 1.02], source: `up to the top of ${SOURCES.steps}: LTO-7/8/9 match 306.0 / 365 / 408 MB/s against native 300 / 360 / 400 (domain-figures §1)` },
  }),
  speedSteps: maybe(list(
    rate({ description: 'A speed the drive can match, native.', required: true, positive: true, unit: 'bytes/s, native', defaultText: `IBM's table: ${stepRange}`, source: SOURCES.steps }),
    { description: 'Speeds the drive can match, native (instead of minRate).', minItems: 1 },
  )),
  minRate: rate({
    description: 'Match any speed from this one up to native (instead of steps).', positive: true, unit: 'bytes/s, native',
    defaultText: `LTO-5/6: native/3 (${untabled}); LTO-7/8/9: the lowest speed step`,
    source: `LTO-5/6 flagged: no IBM step table found; ${SOURCES.hp} gives an adaptive speed range 27-80 MB/s (native/3 to native), and the drive is taken to match any speed in that range`,
  }),
  buffer: size({ description: 'Data buffer.', default: '64 MB', positive: true, source: `${SOURCES.hp} (LTO-3; the only documented figure, used for every generation)` }),
  backhitch: duration({ description: 'Time of one stop, reverse and restart.', default: '2 s', source: 'UNSOURCED: no published back-hitch time was found; sweep 1-5 s' }),
  load: duration({ description: 'Load and thread to ready.', defaultText: byGen((g) => LTO[g].load / 1e9, 's'), derive: (e) => table(e)?.load, spread: { high: '19 s', source: 'Oracle ACSLS Admin Guide App. L: an LTO drive "takes about 19 seconds to load and become ready" (domain-figures §1)' }, source: `${SOURCES.drives}; Oracle ACSLS App. L says about 19 s` }),
  unload: duration({ description: 'Unload from the load point.', defaultText: byGen((g) => LTO[g].unload / 1e9, 's'), derive: (e) => table(e)?.unload, source: SOURCES.drives }),
  locate: duration({ description: 'Average locate.', default: '45 s', spread: { high: '73 s', source: `${SOURCES.spec}: average locate 45-73 s over LTO-9/10 (domain-figures §10)` }, source: `${SOURCES.spec}: LTO-9 average from the load point; flagged: the LTO-5…8 rows were not captured, so LTO-9's serves all` }),
  rewind: duration({
    description: 'Average rewind; paid before unload when the tape is away from its load point.', default: '55 s',
    spread: { high: '165 s', source: `${SOURCES.spec}: a rewind inside UNLOAD takes 55, 110 or 165 s by the data written (domain-figures §1)` },
    source: `${SOURCES.spec}: LTO-9 average, flagged as locate; paid inside unmount when the tape is away from its load point (IBM also gives 55/110/165 s inside UNLOAD by data written; the average is used)`,
  }),
  mediaOptimisation: duration({ description: 'First load of a new cartridge, on top of load.', defaultText: `the generation's (${LTO['LTO-9'].mediaOptimisation / 60e9} min for LTO-9, 0 s before)`, derive: (e) => table(e)?.mediaOptimisation,
    spread: { factors: [1, 3], source: `${SOURCES.optimisation}: 40-120 min, "averages 40 minutes" (domain-figures §1)` }, source: SOURCES.optimisation }),
  compression: number({ description: 'Host bytes per tape byte (1: no compression).', default: 1, minimum: 1, unit: 'ratio', source: 'no compression unless the scenario says; IBM quotes 2:1 (LTO-5) and 2.5:1 (LTO-6+)' }),
  frame: integer({ description: 'With library geometry: the frame the drive is in.', default: 1, minimum: 1, unit: 'frame', source: 'the library as built (IBM TS4500: drives in the base and Dx5 frames)' }),
  compressedRate: rate({ description: 'Most host bytes/s with compression (FC).', positive: true, unit: 'bytes/s, FC', defaultText: byGen((g) => LTO[g].compressedRate / 1e6, 'MB/s'), derive: (e) => table(e)?.compressedRate, source: SOURCES.drives }),
});

export const CARTRIDGE = object({
  generation: oneOf(GENERATIONS, { description: 'The cartridge\'s LTO generation.', defaultText: 'from the label\'s media ID (A00001L8 is LTO-8)', source: SOURCES.labels }),
  count: integer({ description: 'This many cartridges, counting up the number in the label: A00001L8, A00002L8, ...', default: 1, minimum: 1, unit: 'cartridges', source: 'counts up the number in the label' }),
  capacity: size({ description: 'Native capacity.', positive: true, unit: 'bytes, native', defaultText: byGen((g) => LTO[g].capacity / 1e12, 'TB'), derive: (e) => table(e)?.capacity, source: SOURCES.drives }),
  used: size({ description: 'Native bytes already written.', default: '0 B', unit: 'bytes, native', source: 'scenario state' }),
  frame: integer({ description: 'With library geometry: the frame whose slots hold these cartridges, spread evenly over it (unset: spread evenly over the whole library, in the order listed).', minimum: 1, unit: 'frame', source: 'scenario layout' }),
  initialised: flag({ description: 'Whether an LTO-9 drive has optimised it.', defaultText: 'false for an empty LTO-9 cartridge, else true', source: `${SOURCES.optimisation}: a new LTO-9 cartridge is optimised on its first load` }),
});

const fromModel = (what: string) => `the model's (${what}): each model's row below`;
const seconds = (v: number) => `${Math.round(v / 1e7) / 100} s`;
const byModel = (f: (m: RobotModel) => number, unit = seconds) => ROBOT_MODELS.map((m) => `${unit(f(ROBOTS[m]))} ${m}`).join(', ');
/** A robot figure with a README row per model: its value and its own source. */
const perModel = <F extends Field<unknown>>(f: RobotFigure, field: F, unit: string, show: (v: number) => string = seconds): F =>
  withRows(field, (name) => ROBOT_MODELS.map((m) => ({ name: `${name} (${m})`, default: show(ROBOTS[m][f]), unit, source: ROBOTS[m].sources[f] })));

const ROBOT_FIELDS = object({
  model: oneOf(ROBOT_MODELS, { description: 'Whose published figures are the defaults below.', default: 'TS4500', source: 'TS4500, SL8500 (one rail) or Diamondback: sets the default move, handling, perFrame and clearance' }),
  count: integer({
    description: 'Accessors. Without geometry they share every request; with geometry (frames) at most 2, each working the drives of its half of the library, on one rail.',
    default: 1, minimum: 1, unit: 'accessors', source: `${ROBOT_SOURCES.ts4500}: single or dual accessor`,
  }),
  move: perModel('move', duration({
    description: 'Without geometry: one trip with a cartridge between a slot and a drive, wherever they are (an exchange costs two).', defaultText: `the model's (${byModel((m) => m.move)})`,
    source: fromModel('TS4500, SL8500 and Diamondback published cycles'),
  }), 's'),
  frames: integer({
    description: 'Library geometry: frames along the rail. Given, an accessor\'s trips cost by distance (perFrame, handling) instead of move.',
    minimum: 1, unit: 'frames', source: 'the library as built (TS4500: 1-18 frames; SL8500: modules along one rail; Diamondback: 1)',
  }),
  handling: perModel('handling', duration({
    description: 'With geometry: one pick or place of a cartridge (an exchange has four).', defaultText: `the model's (${byModel((m) => m.handling)})`,
    source: fromModel('TS4500 fitted, Diamondback from 270 mounts/h, SL8500 UNSOURCED'),
  }), 's'),
  perFrame: perModel('perFrame', duration({
    description: 'With geometry: travel along one frame.', defaultText: `the model's (${byModel((m) => m.perFrame)})`,
    source: fromModel('TS4500 fitted, SL8500 from ACSLS, Diamondback UNSOURCED'),
  }), 's'),
  clearance: perModel('clearance', number({
    description: 'With geometry and two accessors: how close, in frames, one accessor may come to the other on their shared rail; a trip that would come closer waits for the other\'s move, or pushes a parked accessor aside.',
    minimum: 0, unit: 'frames', defaultText: `the model's (${byModel((m) => m.clearance, String)})`,
    source: fromModel('UNSOURCED, fitted to the TS4500 dual-accessor figures'),
  }), 'frames', String),
}, { description: 'The library\'s robots (accessors).' });

type RobotWritten = { model?: RobotModelName; frames?: number; count?: number } | undefined;

/** The figures this robot uses: `move` without geometry, the rest with it (clearance only with two accessors). */
const uses = (f: RobotFigure, w: RobotWritten) => (w?.frames === undefined ? f === 'move' : f !== 'move' && (f !== 'clearance' || (w.count ?? 1) > 1));

/**
 * The robot's figures among the run's assumptions with its model's value and
 * source (a default the model decides is otherwise listed without a number,
 * so sensitivity could not vary it), and only those the robot uses.
 */
const ROBOT: typeof ROBOT_FIELDS = {
  ...ROBOT_FIELDS,
  figures: (written, at, name) => {
    const w = written as RobotWritten;
    const m = ROBOTS[w?.model ?? 'TS4500'];
    return ROBOT_FIELDS.figures(written, at, name).flatMap((a) => {
      const f = ROBOT_FIGURES.find((k) => a.path.endsWith(`.${k}`));
      if (f === undefined) return [a];
      if (!uses(f, w)) return [];
      const source = m.sources[f];
      const unsourced = /^UNSOURCED\b/.test(source);
      if (a.set) return [{ ...a, source, unsourced }];
      return [{ ...a, value: m[f], text: f === 'clearance' ? `${m[f]}` : `${m[f] / 1e9} s`, source, unsourced }];
    });
  },
};

export const LIBRARIES = named(object({
  description: text({ description: 'What the library is, for the reader.' }),
  robot: ROBOT,
  slots: withRows(integer({
    description: 'Storage slots: the cartridges listed, and those the storage pools check in as scratch, occupy one each; a cartridge offsite frees its slot.',
    minimum: 1, unit: 'slots', defaultText: 'the robot model\'s, base frame plus each further frame: each model\'s row below', source: 'the library as built',
  }), (name) => ROBOT_MODELS.map((m) => ({ name: `${name} (${m})`, default: `${SLOT_FIGURES[m].base}${SLOT_FIGURES[m].perFrame ? ` + ${SLOT_FIGURES[m].perFrame} per further frame` : ''}`, unit: 'slots', source: SLOT_FIGURES[m].source }))),
  drives: named(DRIVE, { description: 'Drives by name; steps and faults call them LIBRARY/DRIVE.', minEntries: 1, required: true }),
  cartridges: named(CARTRIDGE, { description: 'Cartridges by bar code label, e.g. A00001L8.' }),
}), { description: 'Tape libraries by name.' });

export type DriveEntry = Resolved<typeof DRIVE> & { name: string };
export type CartridgeEntry = Resolved<typeof CARTRIDGE> & { name: string };
