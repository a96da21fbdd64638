/** The "now" panel: the step under way with its sentence, the current event, VMs and failures at the cursor. */
import { clock } from './format.ts';
import { plainSentence } from './narration.ts';
import type { VizEvent } from './run-view.ts';
import type { WorldState } from './state.ts';
import { isFailure } from './events.ts';

export function renderNarration(root: HTMLElement, events: readonly VizEvent[], state: WorldState, t: number): void {
  const current = state.index >= 0 ? events[state.index] : null;
  const el = (tag: string, cls: string, text: string): HTMLElement => Object.assign(document.createElement(tag), { className: cls, textContent: text });
  const parts: HTMLElement[] = [
    el('div', 'now-time', `t = ${clock(t)}  ·  event ${state.index + 1} of ${events.length}`),
    el('h3', 'now-step', state.step ? state.step.text : 'Before the first step'),
    el('p', 'now-sentence', state.step ? plainSentence(state.step.op, state.step.data) : 'Press play, or step forward with →.'),
  ];
  if (current) parts.push(el('p', `now-event${isFailure(current) ? ' failure' : ''}`, `${current.actor}: ${current.text}`));
  if (state.vms.length) parts.push(el('p', 'now-vms', state.vms.map((v) => `VM ${v.name} ${v.running ? 'running' : 'down'} on ${v.host}`).join(' · ')));
  if (state.failed.size) parts.push(el('p', 'now-failed failure', `failed: ${[...state.failed].join(', ')}`));
  root.replaceChildren(...parts);
}
