/**
 * The timeline: one lane per actor, spans and event ticks on a canvas, zoom
 * and pan with d3-zoom (wheel zooms, drag pans), a click moves the cursor and
 * shift+drag scrubs it. A click also selects what is under it for the "why"
 * panel: a transfer's bar is its flow, elsewhere on a lane or on its name the lane.
 * Spans closer than a pixel merge into one rectangle, so a frame costs one
 * pass over the visible spans and at most a rectangle per pixel per lane.
 */
import { scaleLinear, select, zoom, zoomIdentity, zoomTransform, type ScaleLinear, type ZoomBehavior, type ZoomTransform } from 'd3';
import { tickLabel, timeTicks } from './format.ts';
import { flowUnder, KIND_FAILED, lowerBound, type LaneColumns, type TimelineData } from './timeline-data.ts';

const LANE_H = 18;
const AXIS_H = 20;
const LABEL_W = 190;
/** by span kind (timeline-data.ts): job, transfer, failed, step; red only for failures */
const COLOURS = ['#4c72b0', '#8c96c6', '#c0392b', '#2a9d8f'];
const TICK = '#333';
const TICK_FAILED = '#c0392b';

export class Timeline {
  private data: TimelineData | null = null;
  private base: ScaleLinear<number, number> = scaleLinear();
  private x: ScaleLinear<number, number> = scaleLinear();
  private cursor = 0;
  private ctx: CanvasRenderingContext2D;
  private zoomer: ZoomBehavior<HTMLCanvasElement, unknown>;
  private pending = false;
  /** milliseconds each draw took, newest last; perf.ts reads it */
  readonly drawTimes: number[] = [];

  constructor(private canvas: HTMLCanvasElement, onPick: (t: number) => void, onSelect: (lane: number, flow: number) => void = () => {}) {
    this.ctx = canvas.getContext('2d')!;
    this.zoomer = zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([1, 1e7])
      // d3-zoom's own filter, less shift+drag, which scrubs.
      .filter((ev: MouseEvent) => (!ev.ctrlKey || ev.type === 'wheel') && !ev.button && !(ev.shiftKey && ev.type !== 'wheel'))
      .on('zoom', (ev: { transform: ZoomTransform }) => {
        this.x = ev.transform.rescaleX(this.base);
        this.draw();
      });
    select(canvas).call(this.zoomer);
    const pick = (px: number): void => {
      if (this.data && px > LABEL_W) onPick(Math.max(0, Math.min(this.data.end, this.x.invert(px))));
    };
    canvas.addEventListener('click', (ev) => {
      const lane = Math.floor((ev.offsetY - AXIS_H) / LANE_H);
      pick(ev.offsetX);
      if (!this.data || lane < 0 || lane >= this.data.lanes.length) return;
      onSelect(lane, ev.offsetX > LABEL_W ? flowUnder(this.data.spans[lane], this.x.invert(ev.offsetX)) : -1);
    });
    canvas.addEventListener('pointermove', (ev) => { if (ev.shiftKey && ev.buttons === 1) pick(ev.offsetX); });
    new ResizeObserver(() => this.layout()).observe(canvas.parentElement!);
  }

  /** `fit`: the seconds to show first (the run's activity), the whole run if omitted. */
  setData(data: TimelineData, fit?: [number, number]): void {
    this.data = data;
    this.layout();
    const [d0, d1] = fit ?? [0, data.end];
    const k = d1 > d0 ? Math.max(1, data.end / (d1 - d0)) : 1;
    select(this.canvas).call(this.zoomer.transform, k === 1 ? zoomIdentity : zoomIdentity.translate(LABEL_W - k * this.base(d0), 0).scale(k));
  }

  setCursor(t: number): void {
    this.cursor = t;
    this.requestDraw();
  }

  /** For the perf probe: apply a zoom transform as a user's wheel or drag would. */
  transform(k: number, tx: number): void {
    select(this.canvas).call(this.zoomer.transform, zoomIdentity.translate(tx, 0).scale(k));
  }

  private layout(): void {
    const w = this.canvas.parentElement!.clientWidth;
    const h = AXIS_H + LANE_H * (this.data?.lanes.length ?? 1);
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = w * dpr;
    this.canvas.height = h * dpr;
    this.canvas.style.width = `${w}px`;
    this.canvas.style.height = `${h}px`;
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    this.base = scaleLinear().domain([0, Math.max(this.data?.end ?? 1, 1e-9)]).range([LABEL_W, w - 8]);
    this.zoomer.extent([[LABEL_W, 0], [w - 8, h]]).translateExtent([[LABEL_W, 0], [w - 8, h]]);
    // A resize keeps the zoom: the same span of time across the new width.
    this.x = zoomTransform(this.canvas).rescaleX(this.base);
    this.draw();
  }

  private requestDraw(): void {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => { this.pending = false; this.draw(); });
  }

  private draw(): void {
    const t0 = performance.now();
    const { ctx, data } = this;
    const w = this.canvas.clientWidth, h = this.canvas.clientHeight;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
    if (!data) return;
    const [v0, v1] = this.x.domain();
    const sx = (w - 8 - LABEL_W) / (v1 - v0);
    ctx.save();
    ctx.beginPath();
    ctx.rect(LABEL_W, 0, w - LABEL_W, h);
    ctx.clip();
    for (let l = 0; l < data.lanes.length; l++) {
      const y = AXIS_H + l * LANE_H;
      if (l % 2) { ctx.fillStyle = '#f4f6f8'; ctx.fillRect(LABEL_W, y, w - LABEL_W, LANE_H); }
      this.drawSpans(data.spans[l], y + 3, LANE_H - 9, v0, v1, sx);
      this.drawSpans(data.steps[l], y + LANE_H - 5, 4, v0, v1, sx);
      this.drawTicks(l, y, v0, v1, sx);
    }
    this.drawCursor(h);
    ctx.restore();
    this.drawLabels(data, w);
    this.drawTimes.push(performance.now() - t0);
    if (this.drawTimes.length > 2000) this.drawTimes.splice(0, 1000);
  }

  /** One pass over the lane's visible spans, merging those that touch at pixel scale into one rectangle per colour run. */
  private drawSpans(c: LaneColumns, y: number, h: number, v0: number, v1: number, sx: number): void {
    const ctx = this.ctx;
    let runX0 = 0, runX1 = -Infinity, runKind = -1;
    const flush = (): void => {
      if (runKind < 0) return;
      ctx.fillStyle = COLOURS[runKind];
      ctx.fillRect(runX0, y, Math.max(1, runX1 - runX0), h);
    };
    const end = lowerBound(c.t0, v1);
    for (let i = lowerBound(c.t0, v0 - c.maxDur); i < end; i++) {
      if (c.t1[i] < v0) continue;
      const x0 = LABEL_W + (c.t0[i] - v0) * sx, x1 = LABEL_W + (c.t1[i] - v0) * sx;
      const kind = c.kind[i];
      // Touching spans of one kind merge; so do spans under a pixel wide whatever their kind (no one can
      // tell their colours apart), except that a failure always shows.
      if (x0 <= runX1 + 1 && (kind === runKind || (x1 - x0 < 1 && kind !== KIND_FAILED))) { if (x1 > runX1) runX1 = x1; continue; }
      flush();
      runX0 = x0; runX1 = x1; runKind = kind;
    }
    flush();
  }

  /** Event ticks: a thin mark at each event, at most one per pixel. */
  private drawTicks(l: number, y: number, v0: number, v1: number, sx: number): void {
    const tk = this.data!.ticks[l];
    const ctx = this.ctx;
    let lastPx = -1;
    const end = lowerBound(tk.t, v1);
    for (let i = lowerBound(tk.t, v0); i < end; i++) {
      const px = Math.floor(LABEL_W + (tk.t[i] - v0) * sx);
      if (px === lastPx && !tk.failed[i]) continue;
      lastPx = px;
      ctx.fillStyle = tk.failed[i] ? TICK_FAILED : TICK;
      ctx.fillRect(px, y + (tk.failed[i] ? 0 : 1), tk.failed[i] ? 3 : 1, tk.failed[i] ? LANE_H : 4);
    }
  }

  private drawCursor(h: number): void {
    const px = this.x(this.cursor);
    this.ctx.fillStyle = '#111';
    this.ctx.fillRect(px - 1, 0, 2, h);
  }

  private drawLabels(data: TimelineData, w: number): void {
    const ctx = this.ctx;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, LABEL_W, this.canvas.clientHeight);
    ctx.font = '12px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    ctx.fillStyle = '#222';
    data.lanes.forEach((name, l) => ctx.fillText(name.length > 28 ? `${name.slice(0, 27)}…` : name, 6, AXIS_H + l * LANE_H + LANE_H / 2, LABEL_W - 10));
    ctx.fillStyle = '#444';
    const [v0, v1] = this.x.domain();
    for (const t of timeTicks(v0, v1, Math.max(2, Math.floor((w - LABEL_W) / 110)))) {
      const px = this.x(t), label = tickLabel(t);
      if (px < LABEL_W) continue;
      ctx.fillRect(px, AXIS_H - 5, 1, 5);
      // A label that would run off the canvas is left out, not cut.
      if (px + 3 + ctx.measureText(label).width <= w) ctx.fillText(label, px + 3, AXIS_H / 2 - 1);
    }
  }
}
