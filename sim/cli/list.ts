/** `backlab list` and `backlab validate`. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ScenarioError } from '../foundation/errors.ts';
import { parseArgs, UsageError } from './args.ts';
import { loadScenarioFile } from './scenario-file.ts';
import { table } from './table.ts';

export const LIST_HELP = `usage: backlab list

The scenarios that come with backlab, with one line on each.`;

export const VALIDATE_HELP = `usage: backlab validate FILE [FILE ...]

Checks each file against scenarios/schema.json and for meaning (names that
refer to something, routes that connect, positive capacities, faults that
name what they fail). Exit 2 if any is wrong.`;

export function bundledDir(): string {
  return new URL('../../scenarios/', import.meta.url).pathname;
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
  const p = parseArgs(argv, { help: { value: false } }, 'validate');
  if (p.flags.has('help')) { console.log(VALIDATE_HELP); return 0; }
  if (p.positional.length === 0) throw new UsageError("validate: needs at least one FILE. Try 'backlab validate --help'.");
  let bad = 0;
  for (const f of p.positional) {
    try {
      const s = loadScenarioFile(f);
      console.log(`ok  ${f}  (${s.name})`);
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      bad++;
      console.error(`backlab: ${e.message}`);
    }
  }
  return bad > 0 ? 2 : 0;
}

function firstSentence(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  const m = /^(.{0,100}?[.:;])(\s|$)/.exec(t);
  return m ? m[1] : t.length > 100 ? `${t.slice(0, 97)}...` : t;
}
