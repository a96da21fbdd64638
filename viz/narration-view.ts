/**
 * The "now" panel tells the present: the fault if one is active, what is
 * under way at the cursor (each actor's protocol step, the transfers moving
 * with their rates and what limits them), idle when nothing is, the event at
 * the cursor, VMs and failures; at the end of the run, its outcome (RPO,
 * RTO, VMs recovered, bytes lost, the scenario's checks).
 */
import { clock, humane } from './format.ts';
import { plainSentence } from './narration.ts';
import type { VizEvent } from './run-view.ts';
import type { WorldState } from './state.ts';
import { isFailure } from './events.ts';
import type { Present } from './now.ts';
import type { RunResult } from '../sim/foundation/result.ts';
import { formatQuantity, formatSI } from '../reports/format.ts';
import { storyData } from '../sim/foundation/story.ts';

/** Listed one by one; the rest are counted. */
const MOST = 5;
/** The outcome's metrics, in the order a DR reader asks for them; those a run lacks are left out. */
const OUTCOME = ['rpo_max', 'rpo_bytes', 'rto_max', 'vms_recovered', 'vms_lost', 'bytes_lost', 'jobs_completed', 'jobs_failed', 'makespan'];

const el = (tag: string, cls: string, text: string): HTMLElement => Object.assign(document.createElement(tag), { className: cls, textContent: text });

export function renderNarration(root: HTMLElement, events: readonly VizEvent[], state: WorldState, t: number, now: Present, result: RunResult): void {
  const current = state.index >= 0 ? events[state.index] : null;
  const atEnd = t >= result.endTime && state.index === events.length - 1;
  const parts: HTMLElement[] = [el('div', 'now-time', `t = ${clock(t)}  ·  event ${state.index + 1} of ${events.length}`)];
  if (state.fault) {
    const f = storyData(state.fault.data).fault!;
    parts.push(el('p', 'now-fault failure', `⚠ ${f.kind.replace('-fails', '')} ${f.target} failed at ${clock(state.fault.t)}`));
  }
  // The step told is one under way now: a patent figure's first, else the latest to start.
  const step = now.steps.find((s) => storyData(events[s.event]?.data).figure !== undefined) ?? now.steps[0];
  const stepEvent = step ? events[step.event] : undefined;
  if (atEnd) parts.push(el('h3', 'now-step', 'The run is over'));
  else if (step) parts.push(el('h3', 'now-step', humane(step.label)), el('p', 'now-sentence', plainSentence(stepEvent?.op, stepEvent?.data)));
  else if (now.moving.length) parts.push(el('h3', 'now-step', `${now.moving.length} transfer${now.moving.length === 1 ? '' : 's'} moving`), el('p', 'now-sentence', plainSentence('transfer', undefined)));
  else if (state.index < 0) parts.push(el('h3', 'now-step', 'Before the first step'), el('p', 'now-sentence', 'Press play, or step forward with →.'));
  else parts.push(el('h3', 'now-step', 'Idle'), el('p', 'now-sentence', nextText(events, state.index)));
  if (current) parts.push(el('p', `now-event${isFailure(current) ? ' failure' : ''}`, `${clock(current.t)} ${current.actor}: ${humane(current.text)}`));
  if (!atEnd && now.steps.length) parts.push(list('now-steps', 'Under way', now.steps.map((s) => `${s.actor}: ${humane(s.label)}`)));
  if (!atEnd && now.moving.length) {
    parts.push(list('now-moving', 'Moving', now.moving.map((m) => `${m.label || `flow ${m.flow}`}: ${formatSI(m.rate, 'B/s')}${m.limiter ? `, held by ${m.limiter}` : ` (${m.kind})`}`)));
  }
  if (atEnd) parts.push(outcome(result));
  if (state.vms.length) parts.push(el('p', 'now-vms', state.vms.map((v) => `VM ${v.name} ${v.running ? 'running' : 'down'} on ${v.host}`).join(' · ')));
  if (state.failed.size) parts.push(el('p', 'now-failed failure', `failed: ${[...state.failed].join(', ')}`));
  root.replaceChildren(...parts);
}

function list(cls: string, title: string, lines: string[]): HTMLElement {
  const box = el('div', cls, '');
  box.append(el('div', 'now-list-title', `${title} (${lines.length})`));
  for (const line of lines.slice(0, MOST)) box.append(el('div', 'now-line', line));
  if (lines.length > MOST) box.append(el('div', 'now-line note', `… and ${lines.length - MOST} more`));
  return box;
}

function nextText(events: readonly VizEvent[], k: number): string {
  const next = events[k + 1];
  return next ? `Nothing moves now. Next, at ${clock(next.t)}: ${next.actor}: ${humane(next.text)}.` : 'Nothing moves now, and nothing more happens.';
}

/** The run's answer: its DR and job metrics through the unit formatters, and each check passed or failed. */
function outcome(result: RunResult): HTMLElement {
  const box = el('div', 'now-outcome', '');
  box.append(el('div', 'now-list-title', 'Outcome'));
  const rows = OUTCOME.filter((m) => result.metrics[m] !== undefined && result.metrics[m] !== null);
  const dl = document.createElement('dl');
  for (const m of rows) dl.append(el('dt', '', m), el('dd', `metric-${m}`, formatQuantity(result.metrics[m], result.units[m])));
  box.append(dl);
  for (const c of result.checks ?? []) box.append(el('div', `now-check ${c.pass ? 'pass' : 'failure'}`, `${c.pass ? '✓' : '✕'} ${c.check}${c.pass ? '' : ` (measured ${formatQuantity(c.measured, result.units[c.metric])})`}`));
  return box;
}
