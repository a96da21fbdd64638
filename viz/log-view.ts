/**
 * The event log: every event of the run, the cursor's highlighted and kept
 * in view; a click moves the cursor there. Built once per run; moving the
 * cursor only moves the highlight.
 */
import { clock } from './format.ts';
import { isFailure } from './events.ts';
import type { VizEvent } from './run-view.ts';

export class EventLog {
  private rows: HTMLElement[] = [];
  private current = -1;

  constructor(private root: HTMLElement, onPick: (k: number) => void) {
    root.addEventListener('click', (ev) => {
      const row = (ev.target as HTMLElement).closest<HTMLElement>('[data-k]');
      if (row) onPick(Number(row.dataset.k));
    });
  }

  setEvents(events: readonly VizEvent[]): void {
    this.current = -1;
    this.rows = events.map((e, k) => {
      const row = document.createElement('div');
      row.className = `log-row${isFailure(e) ? ' failure' : ''}`;
      row.dataset.k = String(k);
      row.textContent = `${clock(e.t)}  ${e.actor}  ${e.text}`;
      return row;
    });
    this.root.replaceChildren(...this.rows);
  }

  setCursor(k: number): void {
    this.rows[this.current]?.classList.remove('current');
    this.current = k;
    const row = this.rows[k];
    if (!row) return;
    row.classList.add('current');
    // Keep the row in view by scrolling the log alone, never the page.
    const top = row.offsetTop; // the log is the rows' offsetParent (position: relative)
    if (top < this.root.scrollTop || top + row.offsetHeight > this.root.scrollTop + this.root.clientHeight) this.root.scrollTop = top - this.root.clientHeight / 2;
  }
}
