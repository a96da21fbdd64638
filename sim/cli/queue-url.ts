/**
 * A --queue URL as the connection BullMQ hands to ioredis:
 * redis://[USER:PASSWORD@]HOST[:PORT][/DB] or rediss://... for TLS.
 * Checked here so that a typo is a usage error naming the flag, not an
 * endless reconnect loop inside ioredis.
 */
import type { RedisOptions } from 'bullmq';
import { UsageError } from './args.ts';

export interface QueueConnection {
  options: RedisOptions;
  /** the URL with its password hidden, for messages and logs */
  shown: string;
}

const DEFAULT_PORT = 6379;

export function parseQueueUrl(text: string, command: string): QueueConnection {
  const bad = (why: string) => new UsageError(`${command}: --queue ${why}; write redis://HOST:PORT[/DB], redis://:PASSWORD@HOST:PORT or rediss://... for TLS`);
  let url: URL;
  try { url = new URL(text); } catch { throw bad(`'${text}' is not a URL`); }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw bad(`'${url.protocol}//' is not redis:// or rediss://`);
  if (url.hostname === '') throw bad('names no host');
  const port = url.port === '' ? DEFAULT_PORT : Number(url.port);
  const path = url.pathname.replace(/^\//, '');
  if (!/^\d*$/.test(path)) throw bad(`database '${path}' is not a number`);
  if (url.search !== '' || url.hash !== '') throw bad('takes no ?query or #fragment');
  const options: RedisOptions = {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    db: path === '' ? 0 : Number(path),
    // BullMQ's blocking reads need ioredis to wait for Redis rather than fail a command after N retries.
    maxRetriesPerRequest: null,
  };
  if (url.username !== '') options.username = decodeURIComponent(url.username);
  if (url.password !== '') options.password = decodeURIComponent(url.password);
  // rediss://: TLS with the system's certificate authorities and the host's name checked.
  if (url.protocol === 'rediss:') options.tls = { servername: options.host };
  const auth = url.username !== '' || url.password !== '' ? `${url.username}${url.password !== '' ? ':***' : ''}@` : '';
  return { options, shown: `${url.protocol}//${auth}${url.host}${path === '' ? '' : `/${path}`}` };
}
