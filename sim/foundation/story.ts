/**
 * What a mark or a labelled step means, as data beside its label. The label
 * is for people and may be reworded; readers that decide something (the
 * visualizer's world state and narration) read these fields instead. The
 * builders make a label and its data together, so the two cannot disagree.
 */

/** A step of a patent's figure: `FIG. 3 steps 2-7` of lanfree is { protocol: 'lanfree', figure: '3', step: '2-7' }. */
export interface FigureRef {
  protocol: string;
  figure: string;
  /** null: the figure as a whole (`FIG. 4: ...`) */
  step: string | null;
  /** which moment of a step the narration tells apart (lanfree's FIG. 4: 'assign', 'record') */
  part?: string;
}

/** Moments without a figure that the narration explains. */
export type StoryEvent = 'san-fallback' | 'lpm-copy' | 'lpm-paused' | 'lpm-reattached';

/** The fields a mark's or a step's data may carry for the visualizer; a model's own fields sit beside them. */
export interface StoryData {
  figure?: FigureRef;
  /** a scenario fault fired now */
  fault?: { kind: string; target: string; to?: string };
  /** this device failed now (a storage system, hypervisor, tape drive, fabric port or switch) */
  fails?: string;
  /** a job ended failed (job.end) */
  failed?: boolean;
  vmStarted?: { vm: string; host: string };
  event?: StoryEvent;
}

/** `FIG. 3 step 1`, `FIG. 3 steps 2-7`, `FIG. 4`: the head of a figure step's label. */
export function figureHead(f: FigureRef): string {
  return `FIG. ${f.figure}${f.step === null ? '' : `${f.step.includes('-') ? ' steps' : ' step'} ${f.step}`}`;
}

/** A figure step's label (`FIG. 3 step 8: text`; `between` goes after the head, e.g. ' (FIG. 1 step 4)') and its data. */
export function figureStep(f: FigureRef, text: string, between = ''): { label: string; data: { figure: FigureRef } } {
  return { label: `${figureHead(f)}${between}: ${text}`, data: figureData(f) };
}

const FIGURE_DATA = new WeakMap<FigureRef, { figure: FigureRef }>();

/** A figure step's data: for a frozen reference, one frozen object that every record of the step shares. */
function figureData(f: FigureRef): { figure: FigureRef } {
  if (!Object.isFrozen(f)) return { figure: f };
  let d = FIGURE_DATA.get(f);
  if (d === undefined) FIGURE_DATA.set(f, (d = Object.freeze({ figure: f })));
  return d;
}

/** The mark of a scenario fault: `fault: host-fails h1`, `fault: migrate lpar2 to p2`. */
export function faultMark(kind: string, target: string, to?: string): { label: string; data: StoryData } {
  return { label: `fault: ${kind} ${target}${to === undefined ? '' : ` to ${to}`}`, data: { fault: { kind, target, ...(to === undefined ? {} : { to }) } } };
}

/** Reads the story fields of a trace record's data (anything else: none). */
export function storyData(data: unknown): StoryData {
  return data !== null && typeof data === 'object' ? (data as StoryData) : {};
}

/** figureStep as arguments: `sleep(d, ...figureArgs(f, text))`, `jobBegin(job, kind, ...figureArgs(f, text))`. */
export function figureArgs(f: FigureRef, text: string, between = ''): [label: string, data: { figure: FigureRef }] {
  const s = figureStep(f, text, between);
  return [s.label, s.data];
}
