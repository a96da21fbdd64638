/**
 * Library robots (accessors), by model: what a trip costs. Two ways to say it:
 *
 * - `move` (a library without geometry): every trip with a cartridge costs one
 *   `move`, wherever the slot is, so an exchange (demount + mount) costs two.
 * - geometry (`frames` given): an accessor moves along the library at
 *   `perFrame` per frame travelled and spends `handling` on each pick or place.
 *   The exchange cycle as IBM defines it ("Mount performance": remove the
 *   cartridge from a drive, return it to a storage slot, collect another from a
 *   random storage slot, move it to the drive, load it) is then 4 handlings and
 *   three legs: drive -> old slot -> new slot -> drive (see geometry.ts).
 *
 * Published figures and how each model's numbers follow from them
 * (../shared/research/domain-figures.md section 2; re-read for this table):
 *
 * - IBM TS4500 "Mount performance" (docs 1.11.0), maximum mounts/h, Tier 0,
 *   one mount = the demount-and-mount cycle above:
 *     frames            4    6    8   12   18
 *     single accessor 360  315  270  220  180
 *     dual accessor   730  720  680  620  550  ("each cartridge is mounted in
 *                                               a drive within the same zone")
 *   handling 1.85 s, perFrame 0.55 s and clearance 1.25 frames are a
 *   worst-case fit of the geometry model, with the two accessors sharing one
 *   rail (rail.ts), to all ten figures, under the layout the tests use: drives
 *   in the end frame of their accessor's zone, cartridges spread evenly over
 *   the zone, the next cartridge from a random slot. The model gives
 *   364/318/280/229/179 and dual 758/736/693/618/529: all within 5 %. Without
 *   the rail (clearance 0) dual 4, 6 and 8 frames were 14, 7 and 5 % over:
 *   two accessors in a short library get in each other's way. The clearance
 *   is UNSOURCED (no published figure for how close the accessors may come);
 *   it is the one number that makes short dual libraries slower. Dual 18
 *   frames is the worst fit (-4 %): IBM's two accessors on 9-frame zones do
 *   more per accessor than one accessor in an 8-frame library, which no
 *   travel-by-distance model gives; the figures were first fitted without
 *   the rail at handling 1.88 s.
 * - IBM Diamondback (dtl 2.9.2 "Mount performance"): 270 mounts/h, one frame,
 *   one accessor, same cycle. perFrame is taken as the TS4500's (UNSOURCED:
 *   no Diamondback accessor speed found) and handling then follows from 270/h:
 *   (3600/270 - 0.55 s x 0.833 frames of travel) / 4 = 3.22 s.
 * - Oracle SL8500 (ACSLS Administrator's Guide App. L "Library Performance"):
 *   "in a smaller SL8500, with about 3000 storage cells, it takes the robot
 *   about 10-15 seconds to move a cartridge to a drive"; each of the four rails
 *   is its own library storage module with its own robot(s) (SL8500 User's
 *   Guide 96154 rev. K, ch. 1), so a scenario models one rail as one library.
 *   About 3000 cells is the base library plus one storage expansion module
 *   (1,448 + 1,728 = 3,176 cells, same guide, table 1-5): three modules along
 *   the rail, counted here as 3 frames, drives at the rear (frame 1). An
 *   exchange is two such moves (one to the slot, one to the drive): 25 s at the
 *   10-15 s midpoint, 144 exchanges/h per robot. handling is taken as the
 *   TS4500's first fit, 1.88 s (UNSOURCED: no HandBot pick/place time found);
 *   perFrame then follows: (25 - 4 x 1.88 s) / 3.167 frames of travel = 5.52 s
 *   per module. Two robots on a rail keep the TS4500's clearance, counted in
 *   modules (UNSOURCED).
 *
 * The `move` of each model is its cycle per trip, as before: TS4500 10 s (360
 * mounts/h, 4 frames), SL8500 12.5 s (ACSLS, above), Diamondback 13.33 s
 * (270/h): one trip costs a whole cycle, an upper bound.
 *
 * Every figure is a scenario input (section.ts: `robot: { model: SL8500,
 * handling: 2 s }`), listed with its model's source below among the run's
 * assumptions.
 */

const S = 1e9;

/** The robot figures a scenario may override, each with its model's source. */
export const ROBOT_FIGURES = ['move', 'handling', 'perFrame', 'clearance'] as const;
export type RobotFigure = (typeof ROBOT_FIGURES)[number];

export interface RobotModel {
  /** ticks per trip, without geometry */
  move: number;
  /** ticks per pick or place, with geometry */
  handling: number;
  /** ticks per frame travelled, with geometry */
  perFrame: number;
  /** frames two accessors on one rail keep between them, with geometry (rail.ts) */
  clearance: number;
  /** the largest library of the model, frames */
  maxFrames: number;
  /** where each figure comes from: a published source, or `UNSOURCED: why` */
  sources: Record<RobotFigure, string>;
}

export const ROBOT_SOURCES = {
  ts4500: 'IBM TS4500 "Mount performance" (360/315/270/220/180 mounts/h single accessor, 730/720/680/620/550 dual, 4/6/8/12/18 frames)',
  sl8500: 'Oracle ACSLS Administrator\'s Guide, App. L "Library Performance" (10-15 s to move a cartridge to a drive, ~3000 cells)',
  diamondback: 'IBM Diamondback (dtl 2.9.2) "Mount performance" (270 mounts/h)',
} as const;

const CLEARANCE = 'UNSOURCED: no published figure for how close two accessors on one rail may come';

export const ROBOTS = {
  TS4500: {
    move: 10 * S, handling: 1.85 * S, perFrame: 0.55 * S, clearance: 1.25, maxFrames: 18,
    sources: {
      move: `${ROBOT_SOURCES.ts4500}: a 10 s cycle at 4 frames, which IBM counts as demount+return+mount, charged here to each trip (an upper bound)`,
      handling: `fitted to ${ROBOT_SOURCES.ts4500} (see robots.ts)`,
      perFrame: `fitted to ${ROBOT_SOURCES.ts4500} (see robots.ts)`,
      clearance: `${CLEARANCE}; fitted to the dual-accessor figures of ${ROBOT_SOURCES.ts4500}`,
    },
  },
  SL8500: {
    move: 12.5 * S, handling: 1.88 * S, perFrame: 5.52 * S, clearance: 1.25, maxFrames: 7,
    sources: {
      move: `${ROBOT_SOURCES.sl8500}: the midpoint`,
      handling: 'UNSOURCED: no SL8500 HandBot pick/place time found; taken as the TS4500\'s first fit (1.88 s)',
      perFrame: `${ROBOT_SOURCES.sl8500}: an exchange = two moves, over 3 modules, with the UNSOURCED handling (see robots.ts)`,
      clearance: `${CLEARANCE}; taken as the TS4500's, counted in modules`,
    },
  },
  Diamondback: {
    move: (3600 / 270) * S, handling: 3.22 * S, perFrame: 0.55 * S, clearance: 1.25, maxFrames: 1,
    sources: {
      move: `${ROBOT_SOURCES.diamondback}: one cycle`,
      handling: `${ROBOT_SOURCES.diamondback}, with the UNSOURCED perFrame (see robots.ts)`,
      perFrame: 'UNSOURCED: no Diamondback accessor speed found; taken as the TS4500\'s (0.55 s)',
      clearance: `${CLEARANCE} (a one-frame library has one accessor)`,
    },
  },
} as const satisfies Record<string, RobotModel>;

export type RobotModelName = keyof typeof ROBOTS;
export const ROBOT_MODELS = Object.keys(ROBOTS) as RobotModelName[];
