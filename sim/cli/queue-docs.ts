/**
 * A sweep's scenario document, stored once in Redis under its SHA-256 and
 * named by it in every job: 840 runs of a 200 kB generated scenario would
 * otherwise hold 168 MB of copies in Redis. The worker fetches a document
 * once, checks its hash (what it runs is what the command checked), and
 * keeps the last few.
 */
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { JobRefused, QUEUE_PREFIX } from './queue-job.ts';
import type { QueueConnection } from './queue-url.ts';

/** As long as the results: a rerun within it finds the document its jobs name. */
const KEEP_SECONDS = 7 * 86400;
const CACHED = 16;

export const docHashOf = (doc: string): string => createHash('sha256').update(doc).digest('hex');
const keyOf = (hash: string): string => `${QUEUE_PREFIX}:doc:${hash}`;

export class QueueDocs {
  private readonly redis: Redis;
  private readonly cache = new Map<string, string>();

  constructor(connection: QueueConnection) {
    this.redis = new Redis({ ...connection.options, lazyConnect: true });
    this.redis.on('error', () => {}); // reconnects by itself; the callers' waits say when it takes too long
  }

  /** Stores the document (again: a Redis restarted without persistence lost it) before jobs that name it. */
  async put(doc: string): Promise<string> {
    const hash = docHashOf(doc);
    await this.redis.set(keyOf(hash), doc, 'EX', KEEP_SECONDS);
    return hash;
  }

  /** The document of this hash, checked against it; refused when Redis does not hold it. */
  async get(hash: string): Promise<string> {
    const hit = this.cache.get(hash);
    if (hit !== undefined) return hit;
    const doc = await this.redis.get(keyOf(hash));
    if (doc === null) throw new JobRefused(`the scenario document ${hash.slice(0, 16)}… is not in Redis (expired, or lost in a restart); the command that enqueued the run stores it again when rerun`);
    if (docHashOf(doc) !== hash) throw new JobRefused(`the scenario document stored under ${hash.slice(0, 16)}… does not have that hash`);
    if (this.cache.size >= CACHED) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(hash, doc);
    return doc;
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
