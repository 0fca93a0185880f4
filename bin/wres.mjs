#!/usr/bin/env node
// The `wres` command line. Runs the compiled CLI in dist/, building the
// service first when its sources are newer (as `npm start` does), so
// `npm ci && npx wres …` works from a fresh checkout without tsx.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const build = fileURLToPath(new URL('../scripts/build.mjs', import.meta.url));
try {
  // Build notes go to stderr: stdout may be an export piped to a file.
  execFileSync(process.execPath, [build, '--if-needed', '--service-only'], { stdio: ['ignore', 2, 2] });
} catch {
  process.exit(1);
}
const { main } = await import('../dist/bot/src/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
