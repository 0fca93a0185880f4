#!/usr/bin/env node
// The `wres` command line. Runs the TypeScript sources through tsx so it works
// straight from a checkout (`npx wres …`) without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../bot/src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
