/**
 * The report folder of `run`, `compare` and `sweep`: DIR/<prefix><FILE>[-<variant>]/,
 * FILE being the scenario file's name without its extension (the scenario's
 * `name:` is free text for tables, not a folder name). Checked before
 * anything runs, so a report that could not be written costs no run.
 */
import { basename } from 'node:path';
import { isOutputName, outputNameRule } from '../foundation/output-name.ts';
import { reportTarget } from '../../reports/target.ts';
import { UsageError, type Parsed } from './args.ts';

export function reportDir(p: Parsed, command: string, file: string, opts: { prefix?: string; variant?: string } = {}): string {
  const stem = basename(file).replace(/\.[^.]+$/, '');
  if (!isOutputName(stem)) {
    throw new UsageError(`${command}: the report folder is named after the scenario file, and '${basename(file)}' gives '${stem}', which cannot name a folder: ${outputNameRule()}. Rename the file.`);
  }
  const variant = opts.variant !== undefined ? `-${opts.variant}` : '';
  return reportTarget(p.flags.get('out')?.[0] ?? 'out', `${opts.prefix ?? ''}${stem}${variant}`);
}
