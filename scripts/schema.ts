// Writes the files generated from the code: scenarios/schema.json (the scenario schema the loader checks
// against, for editors), sim/scenario/schema-validator.js (that check, compiled), sim/model/README.md (every equipment parameter with its default and source) and
// sim/protocols/README.md (every protocol's parameters and metrics).
import { writeFileSync } from 'node:fs';
import { modelReadme } from '../sim/docs/model-readme.ts';
import { protocolsReadme } from '../sim/docs/protocols-readme.ts';
import { buildSchema } from '../sim/scenario/schema.ts';
import { validatorSource } from '../sim/scenario/validator-source.ts';

for (const [path, text] of [
  [new URL('../scenarios/schema.json', import.meta.url), `${JSON.stringify(buildSchema(), null, 2)}\n`],
  [new URL('../sim/scenario/schema-validator.js', import.meta.url), validatorSource()],
  [new URL('../sim/model/README.md', import.meta.url), modelReadme()],
  [new URL('../sim/protocols/README.md', import.meta.url), protocolsReadme()],
] as const) {
  writeFileSync(path, text);
  console.log(`wrote ${path.pathname}`);
}
