/**
 * The sentences of `backlab explain`: what reports/explain.ts finds, for
 * people. Times as h:mm:ss from the run's start, sizes and rates with the
 * report tables' SI prefixes. A limiter kind this file does not know is named
 * by its kind and link, so a new kind reads plainly rather than breaking.
 */
import { formatTime, TICKS_PER_SECOND } from '../sim/foundation/time.ts';
import type { Limiter } from '../sim/foundation/limits.ts';
import type { Limiters } from '../sim/trace/limiters.ts';
import { formatPercent, formatSI } from './format.ts';
import { bottleneckStory, flowAt, heldAt, heldBy, movingAt, nearestFlow, spansOf, type Story } from './explain.ts';
import type { Stretch } from '../sim/foundation/limits.ts';

export const clock = (t: number): string => formatTime(t).replace(/\.\d+$/, '');
const rate = (v: number): string => formatSI(v, 'B/s');
const size = (v: number): string => formatSI(v, 'B');
const flowsWord = (n: number): string => `${n} flow${n === 1 ? '' : 's'}`;

/** A resource by name, without the numbers of any one moment: for totals. */
export function resourceName(l: Limiter): string {
  const dev = l.device === null ? '' : `${l.device} `;
  switch (l.kind) {
    case 'link': return `${dev}${l.link}`;
    case 'link-cap': return `${l.link}'s per-flow cap (a TCP window)`;
    case 'flow-cap': return l.link === null ? "the transfers' own caps" : `${dev}${l.link}'s speed (the transfer's cap)`;
    case 'device-law': return l.feed?.link ? `${l.feed.link}, feeding ${dev}${l.link ?? ''} below its top speed (it speed-matches)` : `${dev}${l.link ?? ''}'s speed matching`.trim();
    default: return `${String(l.kind)}${l.link === null ? '' : ` ${l.link}`}`;
  }
}

/** A timeline stretch's resource: one limiter, or several devices of a kind together. */
export function stretchName(st: Stretch): string {
  const l = st.limiter;
  if (l === null) return '';
  const few = st.links.length > 4 ? `${st.links.slice(0, 3).join(', ')} and ${st.links.length - 3} more` : st.links.join(', ');
  // A device law's stretch lists the feeds that starve its devices (its links are the resources to widen), however many devices.
  if (l.kind === 'device-law' && l.feed?.link) {
    const feeds = st.links.length <= 1 ? l.feed.link : `${st.links.length} ${l.feed.device ?? 'link'}s (${few})`;
    return `${feeds}, feeding ${l.device ?? 'device'}s below their top speed`;
  }
  if (st.links.length <= 1) return resourceName(l);
  return `${className(l, st.links.length)} (${few})`;
}

/** n devices of a limiter's kind, together. */
function className(l: Limiter, n: number): string {
  const devs = `${n} ${l.device ?? 'device'}s`;
  switch (l.kind) {
    case 'link': return devs;
    case 'link-cap': return `${devs}' per-flow caps`;
    case 'flow-cap': return `${devs}' speeds (the transfers' caps)`;
    case 'device-law': return `${devs}' speed matching`;
    default: return `${devs} (${String(l.kind)})`;
  }
}

/** A resource class in words, whatever the number of its members: what a sweep's settings are compared by. */
export function classWords(l: Limiter): string {
  const devs = l.device === null ? null : `${l.device}s`;
  switch (l.kind) {
    case 'link': return devs ?? l.link ?? 'a link';
    case 'link-cap': return `${devs === null ? `${l.link}'s` : `the ${devs}'`} per-flow cap (a TCP window)`;
    case 'flow-cap': return l.link === null ? "the transfers' own caps" : `the ${devs ?? l.link}' speed`;
    case 'device-law': {
      const fed = devs ?? l.link ?? 'devices';
      if (!l.feed?.link) return `the ${fed}' speed matching`;
      return `${l.feed.device === null ? l.feed.link : `${l.feed.device}s`}, feeding ${fed} below their top speed`;
    }
    default: return resourceName(l);
  }
}

/** A resource with its capacity and sharers at one moment. */
export function resourceAt(l: Limiter, sharers: number): string {
  const shared = sharers > 1 ? `, shared by ${flowsWord(sharers)}` : '';
  switch (l.kind) {
    case 'link': return `${resourceName(l)} (${rate(l.capacity)}${shared})`;
    case 'link-cap': return `${l.link}'s per-flow cap (${rate(l.capacity)}, a TCP window)`;
    case 'flow-cap': return l.link === null ? `its own cap (${rate(l.capacity)})` : `${resourceName(l)} (${rate(l.capacity)})`;
    case 'device-law': return l.feed?.link ? `${l.feed.link}, feeding ${l.device === null ? '' : `${l.device} `}${l.link ?? ''} ${rate(l.capacity)} (it speed-matches)` : `${resourceName(l)} (${rate(l.capacity)} from its feed)`;
    default: return `${resourceName(l)} (${rate(l.capacity)}${shared})`;
  }
}

/** One row of a table of bytes limited: share, bytes, what. */
const shareRow = (share: number, bytes: number, what: string): string => `  ${formatPercent(share).padStart(7)}  ${size(bytes).padStart(9)}  ${what}`;

/** The no-selector story: who limited how many bytes, and the dominant bottleneck's timeline. */
export function storyText(s: Story, end: number): string[] {
  if (s.moved <= 0) return [`Nothing moved over the network in this run (it ended at ${clock(end)}).`];
  const lines = [`${size(s.moved)} moved by ${clock(end)}. What limited them:`];
  for (const r of s.resources) lines.push(shareRow(r.share, r.bytes, resourceName(r.limiter)));
  if (s.roots.length < s.resources.length) {
    lines.push('', 'By the resource to widen:');
    for (const r of s.roots) lines.push(shareRow(r.share, r.bytes, r.root));
  }
  lines.push('', 'The dominant bottleneck, stretch by stretch:');
  for (const st of s.timeline) {
    const when = `  ${clock(st.t0)}-${clock(st.t1)}`;
    lines.push(st.limiter === null ? `${when}  nothing moves` : `${when}  ${stretchName(st)}: ${size(st.bytes)} of the ${size(st.moved)} moved then`);
  }
  return lines;
}

/** At instant t, over the given flows: how much moves and what holds it. */
export function instantText(lim: Limiters, flows: readonly number[], t: number): string[] {
  const held = heldAt(lim, flows, t);
  if (held.length === 0) return [`At ${clock(t)} nothing moves.`];
  const total = held.reduce((a, h) => a + h.rate, 0), n = held.reduce((a, h) => a + h.flows, 0);
  return [
    `At ${clock(t)} ${flowsWord(n)} move ${rate(total)} in total, limited by:`,
    ...held.map((h) => `  ${rate(h.rate).padStart(11)}  ${resourceAt(h.limiter, h.flows)}`),
  ];
}

/** "at 0:12:00 X moves 119.7 MB/s, limited by ...; from 0:31:10 by ...", or null if it does not move then. */
export function flowAtText(lim: Limiters, flow: number, t: number): string | null {
  const a = flowAt(lim, flow, t);
  if (a === null) return null;
  const f = lim.flows.get(flow)!;
  const then = a.next === null ? (f.end >= 0 ? ` until it ends at ${clock(f.end)}` : '') : `; from ${clock(a.next.t0)} by ${resourceAt(a.next.limiter, a.next.sharers)}`;
  return `at ${clock(t)} ${f.label} moves ${rate(a.now.rate)}, limited by ${resourceAt(a.now.limiter, a.now.sharers)}${then}.`;
}

/** A flow's whole movement: each change of its limiter, with the mean rate under it. */
export function flowText(lim: Limiters, flow: number): string {
  const f = lim.flows.get(flow)!;
  const ended = f.end >= 0 ? `${clock(f.end)}, ${f.status}` : 'still moving at the end';
  const head = `${f.label} (${size(f.bytes)}, ${clock(f.start)}-${ended})`;
  const spans = spansOf(lim, flow);
  if (spans.length === 0) return `${head}: never moved.`;
  const parts = spans.map((s, k) => {
    const mean = (s.bytes * TICKS_PER_SECOND) / (s.t1 - s.t0);
    return `${k === 0 ? 'limited by' : `from ${clock(s.t0)} by`} ${resourceAt(s.limiter, s.sharers)} at ${rate(mean)}`;
  });
  return `${head}: ${parts.join('; ')}.`;
}

/**
 * What held a selection of flows (a flow, a job's, an actor's) at `at`, or over
 * their lives: the lines under `backlab explain`'s title. At most `most` flows
 * are told one by one; `more(n)` says how many were left out.
 */
export function selectionText(lim: Limiters, flows: readonly number[], what: string, at: number | undefined, most: number, more: (n: number) => string): string[] {
  const text: string[] = [];
  if (flows.length === 0) text.push(`The ${what} moved no flow of its own: its bytes went through other actors' flows.`);
  let shown = flows;
  if (at !== undefined && flows.length > 0) {
    const moving = movingAt(lim, flows, at);
    if (moving.length === 0) {
      text.push(`At ${clock(at)} nothing of the ${what} moves; the nearest flow:`);
      shown = [nearestFlow(lim, flows, at)!];
    } else {
      if (moving.length > 1) text.push(...instantText(lim, moving, at), '');
      shown = moving;
    }
  }
  for (const f of shown.slice(0, most)) text.push((at === undefined ? null : flowAtText(lim, f, at)) ?? flowText(lim, f));
  if (shown.length > most) text.push(more(shown.length - most));
  // Many flows: what held them all, the totals of the story without its timeline.
  if (flows.length > 1 && at === undefined) {
    const story = bottleneckStory(lim, flows);
    text.push('', ...storyText(story, lim.end).slice(0, 1 + story.resources.length));
  }
  return text;
}

/**
 * A resource (a link or device, by name) at t: the flows it holds then, each
 * in its sentence, and its part in the run's story (`story`, over all flows):
 * the bytes it is the resource to widen for, and the limiters it is part of.
 */
export function resourceText(lim: Limiters, story: Story, link: string, t: number, most: number, more: (n: number) => string): string[] {
  const held = heldBy(lim, link, t);
  const text = held.length === 0 ? [`At ${clock(t)} ${link} limits no flow.`] : [...instantText(lim, held, t), ''];
  for (const f of held.slice(0, most)) text.push(flowAtText(lim, f, t)!);
  if (held.length > most) text.push(more(held.length - most));
  const rows = story.resources.filter((r) => r.limiter.link === link || r.limiter.feed?.link === link);
  const root = story.roots.find((r) => r.root === link);
  text.push('');
  if (rows.length === 0) return [...text, `By ${clock(lim.end)} ${link} limited none of the ${size(story.moved)} moved.`];
  text.push(`By ${clock(lim.end)} ${link} is the resource to widen for ${size(root?.bytes ?? 0)} of the ${size(story.moved)} moved (${formatPercent(root?.share ?? 0)}). The limiters it is part of:`);
  for (const r of rows) text.push(shareRow(r.share, r.bytes, resourceName(r.limiter)));
  return text;
}
