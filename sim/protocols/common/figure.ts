/** A protocol's patent figures as the labels and data of its actors' commands (foundation/story.ts). */
import { mark, type Mark } from '../../engine/commands.ts';
import { figureStep, type FigureRef } from '../../foundation/story.ts';

/** `fig('3', '2-7')`: FIG. 3 steps 2-7 of this protocol's patent; `part` tells moments of one step apart. */
export const figuresOf = (protocol: string) => (figure: string, step: string | null, part?: string): FigureRef =>
  ({ protocol, figure, step, ...(part === undefined ? {} : { part }) });

/** A figure step told as a mark. */
export const figureMark = (f: FigureRef, text: string): Mark => {
  const s = figureStep(f, text);
  return mark(s.label, s.data);
};
