/**
 * Play: virtual time moves at `speed` times the wall clock (the wall clock
 * drives the animation only; what is shown at a time comes from the run).
 * Stops by itself at the end of the run.
 */
import type { CursorStore } from './cursor.ts';

export class Player {
  speed = 60;
  private last: number | null = null;
  private frame = 0;
  private onChange: (playing: boolean) => void = () => {};

  constructor(private cursor: CursorStore, private end: () => number) {}

  get playing(): boolean { return this.last !== null; }

  listen(fn: (playing: boolean) => void): void { this.onChange = fn; }

  toggle(): void { if (this.playing) this.pause(); else this.play(); }

  play(): void {
    if (this.playing) return;
    if (this.cursor.value.t >= this.end()) this.cursor.toTime(0);
    this.last = performance.now();
    this.frame = requestAnimationFrame((now) => this.tick(now));
    this.onChange(true);
  }

  pause(): void {
    if (!this.playing) return;
    cancelAnimationFrame(this.frame);
    this.last = null;
    this.onChange(false);
  }

  private tick(now: number): void {
    const dt = (now - (this.last ?? now)) / 1000;
    this.last = now;
    const t = Math.min(this.end(), this.cursor.value.t + dt * this.speed);
    this.cursor.toTime(t);
    if (t >= this.end()) this.pause();
    else this.frame = requestAnimationFrame((n) => this.tick(n));
  }
}
