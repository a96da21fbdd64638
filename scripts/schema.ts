// Writes the files generated from the code: scenarios/schema.json (the scenario schema the loader checks
// against, for editors) and sim/model/README.md (every equipment parameter with its default and source).
import { writeFileSync } from 'node:fs';
import { modelReadme } from '../sim/model/readme.ts';
import { buildSchema } from '../sim/scenario/schema.ts';

for (const [path, text] of [
  [new URL('../scenarios/schema.json', import.meta.url), `${JSON.stringify(buildSchema(), null, 2)}\n`],
  [new URL('../sim/model/README.md', import.meta.url), modelReadme()],
] as const) {
  writeFileSync(path, text);
  console.log(`wrote ${path.pathname}`);
}
