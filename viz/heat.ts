/**
 * The topology's "bytes limited" colouring: each resource to widen by its
 * share of the bytes moved (over the run or up to the cursor), scaled to the
 * largest share so the resource to widen reads hottest, and the legend that
 * says what the colours mean (and lets one pick a resource the topology does
 * not draw).
 */
import { interpolateYlOrRd } from 'd3';
import { formatPercent } from '../reports/format.ts';

/** resource (a trace link, or a limiter key for a cap that is no link's) -> share of the bytes moved, 0..1 */
export type Heat = ReadonlyMap<string, number>;

export const heatColour = (share: number, top: number): string => interpolateYlOrRd(0.12 + 0.83 * (top > 0 ? Math.min(1, share / top) : 0));

export const topShare = (heat: Heat): number => Math.max(0, ...heat.values());

/** Resources hottest first, ties by name. */
export const ranked = (heat: Heat): [string, number][] => [...heat].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));

export function renderLegend(root: HTMLElement, heat: Heat | null, scope: string, onPick: (link: string) => void): void {
  root.hidden = heat === null;
  if (heat === null) return;
  const top = topShare(heat);
  const el = (tag: string, cls: string, text = ''): HTMLElement => Object.assign(document.createElement(tag), { className: cls, textContent: text });
  const scale = el('div', 'heat-scale');
  scale.append(el('span', 'note', '0 %'), Object.assign(el('span', 'heat-bar'), { style: `background: linear-gradient(to right, ${heatColour(0, 1)}, ${heatColour(0.5, 1)}, ${heatColour(1, 1)})` }), el('span', 'note', formatPercent(top)));
  const rows = ranked(heat).slice(0, 8).map(([link, share]) => {
    const b = el('button', 'heat-row') as HTMLButtonElement;
    b.dataset.link = link;
    const sw = el('span', 'swatch');
    sw.style.background = heatColour(share, top);
    b.append(sw, `${link} ${formatPercent(share).trim()}`);
    b.addEventListener('click', () => onPick(link));
    return b;
  });
  root.replaceChildren(el('div', 'note', `share of the bytes moved ${scope} that each resource limited (as the resource to widen)`), scale, ...(rows.length ? rows : [el('span', 'note', 'nothing moved yet')]));
}
