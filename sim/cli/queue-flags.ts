/**
 * --queue URL and --queue-timeout S, shared by the commands that can send
 * their runs to `backlab worker`s instead of their own threads. Loading this
 * loads no BullMQ: the commands import queue-submit.ts only when --queue is
 * given.
 */
import { intFlag, UsageError, type FlagSpec, type Parsed } from './args.ts';
import { parseQueueUrl, type QueueConnection } from './queue-url.ts';

export const QUEUE_FLAGS: Record<string, FlagSpec> = { queue: { value: true }, 'queue-timeout': { value: true } };

export const QUEUE_HELP = `  --queue URL          run on 'backlab worker --queue URL' processes, anywhere,
                       instead of this machine's threads (redis://HOST:PORT,
                       rediss:// for TLS); the same command again resumes
  --queue-timeout S    with --queue, give up (exit 75) after S seconds with no
                       Redis or no worker (default: wait)`;

export interface QueueChoice {
  connection: QueueConnection;
  timeout?: number;
}

/** The queue to run on, or undefined for the local pool. */
export function queueFlags(p: Parsed, command: string): QueueChoice | undefined {
  const url = p.flags.get('queue')?.[0];
  const timeout = intFlag(p, 'queue-timeout', command, 1);
  if (url === undefined) {
    if (timeout !== undefined) throw new UsageError(`${command}: --queue-timeout is for --queue; without it the runs are local`);
    return undefined;
  }
  if (p.flags.has('jobs')) throw new UsageError(`${command}: --jobs is for local threads; with --queue each 'backlab worker' sets its own --jobs`);
  return { connection: parseQueueUrl(url, command), timeout };
}
