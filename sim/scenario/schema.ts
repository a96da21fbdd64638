/**
 * The scenario schema: the base (sim/scenario/base-schema.json) with every
 * equipment family's topology section, every op's job step and every
 * protocol's parameters merged in. The
 * loader validates against this; scenarios/schema.json is the same object
 * written out for editors (`npm run schema`; a test keeps the two equal).
 */
import base from './base-schema.json';
import { familySchema } from '../model/family.ts';
import { protocolSchema } from '../protocols/protocol.ts';
import { FAMILIES, PROTOCOLS } from '../registry.ts';
import { allOps, stepSchema } from './ops.ts';
import { OUTPUT_NAME_MAX, OUTPUT_NAME_PATTERN } from '../foundation/output-name.ts';
import { CALENDAR, FLOW, JOB_KIND, JOB_ON_MISS, JOB_RETRIES, JOB_RETRY_PERIOD, JOB_SCHEDULE, JOB_DATA, JOB_LEVEL, JOB_LEVELS, JOB_START, JOB_WINDOW, LINK, NETWORK, REPORT, SEED, UNTIL, WORKERS } from './sections.ts';

export function buildSchema(): Record<string, unknown> {
  const schema = structuredClone(base) as Record<string, any>;
  const defs = schema.definitions;
  Object.assign(schema.properties, { seed: SEED.schema, until: UNTIL.schema, workers: WORKERS.schema, network: NETWORK.schema, report: REPORT.schema, calendar: CALENDAR.schema });
  // A variant's name becomes part of its report folder's name (sim/foundation/output-name.ts).
  schema.properties.variants.propertyNames = { type: 'string', pattern: OUTPUT_NAME_PATTERN, maxLength: OUTPUT_NAME_MAX };
  defs.link = structuredClone(LINK.schema);
  defs.flow = FLOW.schema;
  Object.assign(defs.job.properties, { start: JOB_START.schema, kind: JOB_KIND.schema, schedule: JOB_SCHEDULE.schema, window: JOB_WINDOW.schema, onMiss: JOB_ON_MISS.schema, retries: JOB_RETRIES.schema, retryPeriod: JOB_RETRY_PERIOD.schema, data: JOB_DATA.schema, level: JOB_LEVEL.schema, levels: JOB_LEVELS.schema });
  for (const f of FAMILIES) {
    const fs = familySchema(f);
    if (fs.section) defs.topology.properties[f.key] = fs.section;
    Object.assign(defs.topology.properties.hosts.additionalProperties.properties, fs.host ?? {});
    Object.assign(defs.link.properties, fs.link ?? {});
  }
  const ops = allOps();
  defs.step = {
    type: 'object',
    description: 'One command: its name and its parameters, e.g. { transfer: { route: [l1], bytes: 1 GB } } or { sleep: 5 s }.',
    minProperties: 1,
    maxProperties: 1,
    additionalProperties: false,
    properties: Object.fromEntries(Object.entries(ops).map(([op, spec]) => [op, stepSchema(spec)])),
  };
  defs.protocol = protocolSection();
  return schema;
}

/** `protocol:` names one protocol; its other fields are that protocol's parameters. */
function protocolSection(): object {
  const name = { type: 'string', enum: PROTOCOLS.map((p) => p.name), description: `Which protocol runs: ${PROTOCOLS.map((p) => `${p.name} (${p.title})`).join('; ')}.` };
  return {
    type: 'object',
    required: ['name'],
    description: 'The protocol whose actors run on the topology, and its parameters.',
    properties: { name },
    allOf: PROTOCOLS.map((p) => {
      const { properties, required } = protocolSchema(p);
      return { if: { properties: { name: { const: p.name } } }, then: { properties: { name, ...properties }, required: ['name', ...required], additionalProperties: false } };
    }),
  };
}
