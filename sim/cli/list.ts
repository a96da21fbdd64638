/** `backlab list` and `backlab validate`. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ScenarioError } from '../foundation/errors.ts';
import { LIMIT_FLAGS, LIMIT_HELP, maxEventsFlag, parseArgs, UsageError } from './args.ts';
import type { Scenario } from '../foundation/scenario.ts';
import { countSchedule, expectedEvents } from '../scenario/random-faults.ts';
import { loadScenario } from '../scenario/scenario.ts';
import { parseScenarioText, type ScenarioSource } from '../scenario/source.ts';
import { loadScenarioFile, maxFileBytes, readScenarioText } from './scenario-file.ts';
import { table } from './table.ts';
import { fromRoot } from '../foundation/root.ts';

export const LIST_HELP = `usage: backlab list

The scenarios that come with backlab, with one line on each.`;

export const VALIDATE_HELP = `usage: backlab validate FILE [FILE ...]

Checks each file, and each of its variants, against scenarios/schema.json
and for meaning (names that refer to something, routes that connect,
positive capacities, faults that name what they fail). Goes on past a wrong
file to the next; exit 2 if any is wrong.

${LIMIT_HELP}`;

export function bundledDir(): string {
  return fromRoot('scenarios/').pathname;
}

export function listCommand(argv: string[]): number {
  const p = parseArgs(argv, { help: { value: false } }, 'list');
  if (p.flags.has('help')) { console.log(LIST_HELP); return 0; }
  const dir = bundledDir();
  const files = readdirSync(dir).filter((f) => /\.(json|ya?ml)$/.test(f) && f !== 'schema.json').sort();
  const rows = files.map((f) => {
    try {
      const s = loadScenarioFile(join(dir, f));
      return [join('scenarios', f), firstSentence(s.description || s.name)];
    } catch (e) {
      return [join('scenarios', f), `(invalid: ${(e as Error).message.split('\n')[0]})`];
    }
  });
  console.log(table(['scenario', 'what it shows'], rows));
  return 0;
}

export function validateCommand(argv: string[]): number {
  const p = parseArgs(argv, { help: { value: false }, ...LIMIT_FLAGS }, 'validate');
  if (p.flags.has('help')) { console.log(VALIDATE_HELP); return 0; }
  if (p.positional.length === 0) throw new UsageError("validate: needs at least one FILE. Try 'backlab validate --help'.");
  const maxBytes = maxFileBytes(p, 'validate');
  const maxEvents = maxEventsFlag(p, 'validate');
  let bad = 0;
  let crashed = 0;
  for (const f of p.positional) {
    // One wrong file, or variant, must not hide what the next one says.
    const problems = validateFile(f, maxBytes, maxEvents);
    for (const e of problems.errors) {
      if (e instanceof ScenarioError) console.error(`backlab: ${e.message}`);
      else { crashed++; console.error(`backlab: ${f}: could not be checked (a bug in backlab): ${(e as Error).message}`); }
    }
    if (problems.errors.length > 0) bad++;
    else console.log(`ok  ${f}  (${problems.said})`);
  }
  return crashed > 0 ? 1 : bad > 0 ? 2 : 0;
}

/** The base scenario and then every variant, each checked whole; what is wrong with each, or the scenario in words. */
function validateFile(file: string, maxBytes: number, maxEvents: number): { errors: unknown[]; said: string } {
  const errors: unknown[] = [];
  let text: string;
  let variants: string[];
  let name: string;
  let source: ScenarioSource;
  try {
    text = readScenarioText(file, maxBytes);
    source = parseScenarioText(file, text);
    const base = loadScenario(file, text, { source });
    checkFaultLoad(base, maxEvents);
    [variants, name] = [base.variants, base.name];
  } catch (e) {
    // A base that does not load may still name its variants, but each would fail the same way: one message is enough.
    return { errors: [e], said: '' };
  }
  for (const v of variants) {
    try { checkFaultLoad(loadScenario(file, text, { variant: v, source }), maxEvents); } catch (e) { errors.push(e); }
  }
  return { errors, said: variants.length === 0 ? name : `${name}; variants ${variants.join(', ')}` };
}

/** A random fault that schedules more events than a run may take is refused by run: say so now, by run's own count. */
function checkFaultLoad(s: Scenario, maxEvents: number): void {
  for (const f of s.faults) {
    if (f.kind !== 'random' || countSchedule(f, s.seed, maxEvents) <= maxEvents) continue;
    const n = Math.round(expectedEvents(f));
    throw new ScenarioError(`${s.file}${s.variant ? ` (variant ${s.variant})` : ''}`, `faults[${f.index}].random`, `expects about ${n.toPrecision(3)} random events, more than the ${maxEvents.toLocaleString('en-US')} a run may take (--max-events raises the ceiling); lengthen mtbf and mttr or shorten the window`);
  }
}

/**
 * Up to the first full stop that ends a sentence: "FIG. 2", "e.g. 5" and
 * "No. 3" do not (the next word must start with a capital, and the word
 * before must not be an abbreviation); cut at 100 characters otherwise.
 */
export function firstSentence(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  const end = /[.?!](?= [A-Z(\"']|$)/g;
  for (let m; (m = end.exec(t)) !== null && m.index < 100;) {
    const word = /(\S+)$/.exec(t.slice(0, m.index))?.[1] ?? '';
    if (!ABBREVIATION.test(word)) return t.slice(0, m.index + 1);
  }
  return t.length > 100 ? `${t.slice(0, 97)}...` : t;
}

const ABBREVIATION = /^(FIG|FIGS|Fig|Figs|No|no|e\.g|i\.e|vs|cf|St|Dr|Inc|[A-Z])$/;
