/**
 * The order in which the clients reach the backup server, and the sessions
 * each opens: a policy of the scenario's, never the order the clients are
 * written in, so that permuting a client list changes nothing.
 *
 * - spread: the first client (by name) of every physical server, then the
 *   second of each, servers by name; the clients of one server do not all
 *   come first. IBM Spectrum Protect scatters scheduled start times over the
 *   startup window "to balance network and server load" (SET RANDOMIZE,
 *   https://www.ibm.com/docs/en/SSEQVQ_8.1.9/srv.reference/r_cmd_randomize_set.html);
 *   spread is a deterministic order with that purpose.
 * - name: by node name.
 *
 * A backup client opens `sessionsPerNode` data sessions (RESOURCEUTILIZATION),
 * its bytes split evenly among them; each is a job and an actor of its own.
 */
import type { Session } from './design.ts';

export type StartOrder = 'spread' | 'name';

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The client names in the policy's order; `home` gives each client's physical server. */
export function startOrder(clients: readonly string[], home: Readonly<Record<string, string>>, policy: StartOrder): string[] {
  const named = [...clients].sort(byName);
  if (policy === 'name') return named;
  const servers = [...new Set(named.map((c) => home[c]))].sort(byName);
  const columns = servers.map((s) => named.filter((c) => home[c] === s));
  const out: string[] = [];
  for (let i = 0; out.length < named.length; i++) for (const col of columns) if (i < col.length) out.push(col[i]);
  return out;
}

/** The sessions in start order, each client's split into `perNode` sessions (the last takes the remainder). */
export function scheduled(sessions: readonly Session[], home: Readonly<Record<string, string>>, policy: StartOrder, perNode = 1): Session[] {
  const of = new Map(sessions.map((s) => [s.client, s]));
  return startOrder([...of.keys()], home, policy).flatMap((c) => {
    const s = of.get(c)!;
    const n = Math.min(perNode, s.bytes);
    const each = Math.floor(s.bytes / n);
    return Array.from({ length: n }, (_, i) => ({ ...s, bytes: i === n - 1 ? s.bytes - each * (n - 1) : each, part: i + 1, parts: n }));
  });
}

/** What a session is called in actor and job names: the client, or the client and its session number. */
export const sessionName = (s: Pick<Session, 'client' | 'part' | 'parts'>): string => (s.parts > 1 ? `${s.client} session ${s.part} of ${s.parts}` : s.client);
