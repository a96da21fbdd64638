/**
 * Storage slots of a library, by robot model: how many cartridges it holds
 * at once. The pools check scratch cartridges in while slots are free, and
 * an offsite cartridge comes back only to a free slot.
 *
 * - Diamondback: one frame, "up to 14 tape drives and 1584 storage slots"
 *   (IBM Diamondback 2.9.2, "Frames").
 * - SL8500: the "smaller SL8500, with about 3000 storage cells" whose robot
 *   times robots.ts takes (Oracle ACSLS Administrator's Guide App. L): the
 *   base library plus one storage expansion module, 1,448 + 1,728 = 3,176
 *   cells (SL8500 User's Guide 96154 rev. K, table 1-5).
 * - TS4500: UNSOURCED. IBM's frame pages (docs 1.11) say a frame holds
 *   single-deep Tier 0 slots on the door and high-density cells of 5 LTO
 *   cartridges inside, without a count; 882 LTO slots in the base frame (L55)
 *   and 1,320 in each expansion frame (D55) are IBM's marketing figures as
 *   recalled, not captured from a page. Give `slots` to be sure.
 */
import type { RobotModelName } from './robots.ts';

interface SlotFigure {
  /** slots of the first frame */
  base: number;
  /** slots each further frame adds */
  perFrame: number;
  source: string;
}

export const SLOT_FIGURES: Record<RobotModelName, SlotFigure> = {
  TS4500: { base: 882, perFrame: 1320, source: 'UNSOURCED: TS4500 L55 base frame 882 and D55 expansion frame 1,320 LTO slots, as recalled from IBM\'s marketing figures (not captured)' },
  SL8500: { base: 3176, perFrame: 0, source: 'Oracle ACSLS Administrator\'s Guide App. L (about 3000 cells) and SL8500 User\'s Guide 96154 table 1-5 (1,448 + 1,728 cells)' },
  Diamondback: { base: 1584, perFrame: 0, source: 'IBM Diamondback 2.9.2 "Frames": 1584 storage slots in its one frame' },
};

/** The model's slots, for `frames` frames (1 when the library has no geometry). */
export function defaultSlots(model: RobotModelName, frames = 1): number {
  const f = SLOT_FIGURES[model];
  return f.base + (frames - 1) * f.perFrame;
}
