/**
 * The published figures of LTO generations 5 to 9, as the drive and cartridge
 * models take their defaults from them. Every number is from
 * ../shared/research/domain-figures.md (sections 1, 2 and 10); the sources
 * are named below and in sim/model/README.md. Sizes are decimal bytes, rates
 * decimal bytes per second, times ticks (ns).
 */

export const GENERATIONS = ['LTO-5', 'LTO-6', 'LTO-7', 'LTO-8', 'LTO-9'] as const;
export type Generation = (typeof GENERATIONS)[number];

export interface LtoFigures {
  /** native (uncompressed) cartridge capacity, bytes */
  capacity: number;
  /** native data rate, bytes/s */
  nativeRate: number;
  /** most host bytes/s with compression, over FC */
  compressedRate: number;
  /** IBM's speed-matching steps (native, bytes/s), highest first; null where IBM publishes none */
  speedSteps: number[] | null;
  /** load-to-ready (load and thread), ticks */
  load: number;
  /** unload from the load point, ticks */
  unload: number;
  /** first load of a new cartridge (LTO-9 media optimisation), ticks */
  mediaOptimisation: number;
}

const S = 1e9;
const MB = 1e6;
const steps = (mbs: number[]) => mbs.map((r) => r * MB);

export const LTO: Record<Generation, LtoFigures> = {
  'LTO-5': { capacity: 1.5e12, nativeRate: 140 * MB, compressedRate: 280 * MB, speedSteps: null, load: 12 * S, unload: 17 * S, mediaOptimisation: 0 },
  'LTO-6': { capacity: 2.5e12, nativeRate: 160 * MB, compressedRate: 400 * MB, speedSteps: null, load: 12 * S, unload: 17 * S, mediaOptimisation: 0 },
  'LTO-7': {
    capacity: 6e12, nativeRate: 300 * MB, compressedRate: 750 * MB, load: 15 * S, unload: 20 * S, mediaOptimisation: 0,
    speedSteps: steps([306.0, 287.52, 268.56, 250.66, 231.86, 213.06, 194.26, 175.46, 157.67, 138.52, 120.11, 101.46]),
  },
  'LTO-8': {
    capacity: 12e12, nativeRate: 360 * MB, compressedRate: 750 * MB, load: 15 * S, unload: 24 * S, mediaOptimisation: 0,
    speedSteps: steps([365, 341, 318, 306.4, 273, 249.5, 226, 203, 180, 157.5, 135, 112]),
  },
  'LTO-9': {
    capacity: 18e12, nativeRate: 400 * MB, compressedRate: 750 * MB, load: 17 * S, unload: 30 * S, mediaOptimisation: 40 * 60 * S,
    speedSteps: steps([408, 385, 366, 347, 325, 305, 284, 263, 244, 223, 203, 177]),
  },
};

/**
 * Without IBM step tables (LTO-5/6) the drive is taken to match any rate down
 * to a third of native: HP's Gen-3 adaptive tape speed spans 27-80 MB/s, about
 * native/3 to native (an analogy, flagged in the research note).
 */
export const UNTABLED_MIN_FRACTION = 1 / 3;

/**
 * Which cartridges a drive takes (the LTO Program's compatibility rule, as IBM's
 * drive tables list the media each drive runs: IBM STAKKZ "Tape drives" table 2
 * gives the LTO-9 drive L9 and L8, LTO-8 L8 and L7, LTO-7 L7, L6 and L5, LTO-6
 * L6, L5 and L4): up to LTO-7 a drive reads two generations back and writes one
 * back; LTO-8 and LTO-9 read and write one generation back only (so an LTO-8
 * drive cannot read LTO-6, nor an LTO-9 drive LTO-7). Generations before LTO-5
 * are not modelled.
 */
export const READS: Record<Generation, readonly Generation[]> = {
  'LTO-5': ['LTO-5'],
  'LTO-6': ['LTO-6', 'LTO-5'],
  'LTO-7': ['LTO-7', 'LTO-6', 'LTO-5'],
  'LTO-8': ['LTO-8', 'LTO-7'],
  'LTO-9': ['LTO-9', 'LTO-8'],
};
export const WRITES: Record<Generation, readonly Generation[]> = {
  'LTO-5': ['LTO-5'],
  'LTO-6': ['LTO-6', 'LTO-5'],
  'LTO-7': ['LTO-7', 'LTO-6'],
  'LTO-8': ['LTO-8', 'LTO-7'],
  'LTO-9': ['LTO-9', 'LTO-8'],
};

/** What a drive of generation `drive` may do with a cartridge of generation `media`. */
export function access(drive: Generation, media: Generation): 'read-write' | 'read-only' | 'none' {
  if (WRITES[drive].includes(media)) return 'read-write';
  return READS[drive].includes(media) ? 'read-only' : 'none';
}

/**
 * The generation an LTO bar code names: its last two characters are the media
 * ID, L5 ... L9 for data cartridges (IBM "LTO bar code labels").
 */
export function generationOfLabel(label: string): Generation | undefined {
  const m = /L([5-9])$/.exec(label);
  return m === null ? undefined : (`LTO-${m[1]}` as Generation);
}

export const SOURCES = {
  drives: 'IBM TS4500 "Performance specifications for LTO tape drives" and "Supported tape drives"',
  steps: 'IBM STAKKZ "Speed matching" (IBM FH drives)',
  spec: 'IBM dtl 2.12.3 "LTO specifications"',
  optimisation: 'IBM TS4500 "Media optimization" (40-120 min, averages 40 min)',
  hp: 'HP Ultrium Gen-3 technical reference manual vol. 4, p. 25',
  compatibility: 'LTO Program compatibility rule; IBM STAKKZ "Tape drives" table 2 (media each drive runs)',
  labels: 'IBM "LTO bar code labels" (media ID Lx)',
} as const;
