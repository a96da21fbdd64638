/**
 * The kernel's own kinds of queue entry (the network's start at NET_ARRIVE)
 * and the ids their payloads carry. One counter serves timers, messages and
 * callbacks, so the ids a trace shows (a message's) follow the order things
 * were asked for, whatever asked.
 */

/** (pid, token): an actor's resume. */
export const EV_RESUME = 1;
/** (timer id): a sleep inside all/any ends, or a receive times out. */
export const EV_TIMER = 2;
/** (message id): a message arrives. */
export const EV_DELIVER = 3;
/** (callback id): a kernel.at() callback runs. */
export const EV_CALLBACK = 4;

export class EntryIds {
  private next = 1;

  /** The first of `n` consecutive ids. */
  take(n = 1): number {
    const id = this.next;
    this.next += n;
    return id;
  }
}
