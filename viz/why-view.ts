/** The "why" panel: what explanation.ts says about the selection at the cursor, as `backlab explain` prints it. */
import { explanation, type Explainer, type Selection } from './explanation.ts';

export function renderWhy(root: HTMLElement, x: Explainer | null, sel: Selection | null, t: number): void {
  const el = (tag: string, cls: string, text: string): HTMLElement => Object.assign(document.createElement(tag), { className: cls, textContent: text });
  if (x === null || sel === null) {
    root.replaceChildren(el('p', 'note', 'Click a transfer\'s bar or a lane in the timeline, or a link or device in the topology: what limits it at the cursor, in the words of backlab explain.'));
    delete root.dataset.selected;
    delete root.dataset.flow;
    return;
  }
  const { title, lines } = explanation(x, sel, t);
  root.dataset.selected = sel.kind;
  if (sel.kind === 'flow') root.dataset.flow = String(sel.flow); else delete root.dataset.flow;
  root.replaceChildren(el('h3', 'why-title', title), el('pre', 'why-text', lines.join('\n')));
}
