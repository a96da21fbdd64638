/**
 * The event log: every event of the run, the cursor's highlighted and kept
 * in view; a click moves the cursor there. Virtualised: rows are one fixed
 * height, so the log knows where row k is without asking the layout, and
 * only the rows in view (and a margin) are in the document. A step of the
 * cursor on 49,000 events then touches a few dozen rows and never forces a
 * layout. A short log is kept whole (a find in the page finds any row).
 */
import { clock, humane } from './format.ts';
import { isFailure } from './events.ts';
import type { VizEvent } from './run-view.ts';

/** px: 12 px type at line-height 1.5 (style.css) */
export const ROW_H = 18;
/** rows drawn beyond the view on each side */
const MARGIN = 30;
/** logs this short are drawn whole */
const WHOLE = 400;

export class EventLog {
  private events: readonly VizEvent[] = [];
  private current = -1;
  private viewH = 300;
  /** the log's scrollTop as last set or seen: reading it from the element would force a layout after every redraw */
  private scroll = 0;
  private pending = false;
  private spacer = document.createElement('div');
  /** the rows in the document: first index, and the rows */
  private shown: { first: number; rows: HTMLElement[] } = { first: 0, rows: [] };

  constructor(private root: HTMLElement, onPick: (k: number) => void) {
    this.spacer.className = 'log-spacer';
    root.replaceChildren(this.spacer);
    root.addEventListener('click', (ev) => {
      const row = (ev.target as HTMLElement).closest<HTMLElement>('[data-k]');
      if (row) onPick(Number(row.dataset.k));
    });
    root.addEventListener('scroll', () => {
      this.scroll = root.scrollTop;
      if (this.pending) return;
      this.pending = true;
      requestAnimationFrame(() => { this.pending = false; this.render(); });
    });
    new ResizeObserver(([e]) => { this.viewH = e.contentRect.height || this.viewH; this.render(); }).observe(root);
  }

  setEvents(events: readonly VizEvent[]): void {
    this.events = events;
    this.current = -1;
    this.shown = { first: 0, rows: [] };
    this.spacer.style.height = `${events.length * ROW_H}px`;
    this.root.scrollTop = this.scroll = 0;
    this.render();
  }

  setCursor(k: number): void {
    this.current = k;
    if (k >= 0) {
      // Keep the row in view by scrolling the log alone, never the page.
      const top = k * ROW_H;
      if (top < this.scroll || top + ROW_H > this.scroll + this.viewH) this.root.scrollTop = this.scroll = Math.max(0, Math.min(top - this.viewH / 2, this.events.length * ROW_H - this.viewH));
    }
    this.render();
  }

  private render(): void {
    const n = this.events.length;
    const whole = n <= WHOLE;
    const first = whole ? 0 : Math.max(0, Math.floor(this.scroll / ROW_H) - MARGIN);
    const last = whole ? n : Math.min(n, first + Math.ceil(this.viewH / ROW_H) + 2 * MARGIN);
    // The same rows in view: only the highlight moves.
    if (first === this.shown.first && last - first === this.shown.rows.length && this.shown.rows.length > 0) {
      this.shown.rows.forEach((row, i) => row.classList.toggle('current', first + i === this.current));
      return;
    }
    const rows: HTMLElement[] = [];
    for (let k = first; k < last; k++) {
      const e = this.events[k];
      const row = document.createElement('div');
      row.className = `log-row${isFailure(e) ? ' failure' : ''}${k === this.current ? ' current' : ''}`;
      row.dataset.k = String(k);
      row.style.top = `${k * ROW_H}px`;
      row.textContent = `${clock(e.t)}  ${e.actor}  ${humane(e.text)}`;
      rows.push(row);
    }
    this.spacer.replaceChildren(...rows);
    this.shown = { first, rows };
  }
}
