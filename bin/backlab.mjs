#!/usr/bin/env node
// Registers tsx so the TypeScript sources run as they are, then hands over to the CLI.
import { register } from 'tsx/esm/api';
register();
await import('../sim/cli.ts');
