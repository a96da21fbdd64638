/** A protocol's patent figures as the labels and data of its actors' commands (foundation/story.ts). */
import { mark, type Mark } from '../../engine/commands.ts';
import { figureStep, type FigureRef } from '../../foundation/story.ts';

/**
 * `fig('3', '2-7')`: FIG. 3 steps 2-7 of this protocol's patent; `part` tells
 * moments of one step apart. One frozen reference per step, so every record
 * of a step shares its data and the trace encodes it once (recorder.ts).
 */
export function figuresOf(protocol: string): (figure: string, step: string | null, part?: string) => FigureRef {
  // figure -> step -> part -> reference; nested maps, as this runs at every step an actor takes
  const refs = new Map<string, Map<string | null, Map<string | undefined, FigureRef>>>();
  return (figure, step, part) => {
    let bySteps = refs.get(figure);
    if (bySteps === undefined) refs.set(figure, (bySteps = new Map()));
    let byPart = bySteps.get(step);
    if (byPart === undefined) bySteps.set(step, (byPart = new Map()));
    let f = byPart.get(part);
    if (f === undefined) byPart.set(part, (f = Object.freeze({ protocol, figure, step, ...(part === undefined ? {} : { part }) })));
    return f;
  };
}

/** A figure step told as a mark. */
export const figureMark = (f: FigureRef, text: string): Mark => {
  const s = figureStep(f, text);
  return mark(s.label, s.data);
};
