/**
 * A tape library: cartridges in their slots, drives, and the robots
 * (accessors) that carry cartridges between them.
 *
 * Robots are a FIFO resource: a drive that needs one while all are busy waits
 * its turn, in the order the requests came. Each trip with a cartridge (slot
 * to drive, or back) takes `move`. A cartridge is either in its slot or
 * belongs to one drive, from the moment that drive claims it until the robot
 * has put it back, so two drives never mount the same cartridge.
 */
import type { Kernel } from '../../engine/kernel.ts';
import type { Wait } from '../../engine/wait.ts';
import type { Generation } from './lto.ts';
import type { TapeDrive } from './tape-drive.ts';

export interface CartridgeSpec {
  name: string;
  generation: Generation;
  /** native bytes */
  capacity: number;
  /** native bytes already written */
  used: number;
  /** false for a new LTO-9 cartridge that still needs media optimisation */
  initialised: boolean;
}

export class Cartridge {
  used: number;
  initialised: boolean;
  /** the drive that holds or has claimed it; null when it is in its slot */
  drive: TapeDrive | null = null;

  constructor(readonly spec: CartridgeSpec) {
    this.used = spec.used;
    this.initialised = spec.initialised;
  }

  get name(): string {
    return this.spec.name;
  }

  get generation(): Generation {
    return this.spec.generation;
  }

  get capacity(): number {
    return this.spec.capacity;
  }

  get full(): boolean {
    return this.used >= this.spec.capacity;
  }
}

export interface RobotSpec {
  count: number;
  /** ticks per trip with a cartridge */
  move: number;
}

export class TapeLibrary {
  readonly cartridges = new Map<string, Cartridge>();
  private free: number;
  private readonly waiting: { w: Wait; granted: () => void }[] = [];

  constructor(readonly name: string, readonly robot: RobotSpec, private readonly kernel: Kernel) {
    this.free = robot.count;
  }

  /**
   * Settles `w` when a robot is this caller's, and calls `granted` at that
   * moment (the caller then owes a release even if it stops waiting before it
   * resumes); cancelling the wait leaves the queue.
   */
  acquireRobot(w: Wait, granted: () => void): void {
    if (this.free > 0) {
      this.free--;
      granted();
      this.kernel.resolve(w, undefined);
      return;
    }
    this.waiting.push({ w, granted });
    w.cancel = () => {
      const i = this.waiting.findIndex((x) => x.w === w);
      if (i >= 0) this.waiting.splice(i, 1);
    };
  }

  /** The robot goes straight to the first caller still waiting, or back to the pool. */
  releaseRobot(): void {
    for (let next = this.waiting.shift(); next !== undefined; next = this.waiting.shift()) {
      if (!next.w.stale) {
        next.granted();
        this.kernel.resolve(next.w, undefined);
        return;
      }
    }
    this.free++;
  }

  /** The first empty cartridge of this generation in its slot, in the order the scenario lists them. */
  scratch(generation: Generation): Cartridge | undefined {
    for (const c of this.cartridges.values()) if (c.drive === null && c.used === 0 && c.generation === generation) return c;
    return undefined;
  }
}
