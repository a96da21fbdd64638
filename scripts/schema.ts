// Writes scenarios/schema.json from the scenario schema the loader uses (sim/scenario/schema.ts).
import { writeFileSync } from 'node:fs';
import { buildSchema } from '../sim/scenario/schema.ts';

const path = new URL('../scenarios/schema.json', import.meta.url);
writeFileSync(path, `${JSON.stringify(buildSchema(), null, 2)}\n`);
console.log(`wrote ${path.pathname}`);
