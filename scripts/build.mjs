// Builds the service (tsc) and the tab (vite). With --if-needed, skips a part
// whose output is newer than every source file, so `npm start` is quick the second time.
// With --service-only, builds just the service (what `wres` needs). Paths are
// relative to the checkout, so it works from any working directory.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (path) => join(root, path);
const ifNeeded = process.argv.includes('--if-needed');
const serviceOnly = process.argv.includes('--service-only');

function newest(dir) {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const stale = (output, ...sources) => !ifNeeded || !existsSync(output) || statSync(output).mtimeMs < Math.max(...sources.map(newest));

/** Runs a build tool; a production install (npm prune --omit=dev) has none, so then the existing build is used. */
function build(what, tool, args, output) {
  if (!existsSync(tool)) {
    if (existsSync(output)) return;
    console.error(`Cannot build the ${what}: ${tool} is missing. Run \`npm ci\` (with dev dependencies) and \`npm run build\`.`);
    process.exit(1);
  }
  console.log(`Building the ${what}…`);
  execFileSync(process.execPath, [tool, ...args], { cwd: root, stdio: 'inherit' });
}

// tsc --incremental leaves unchanged outputs untouched, so a stamp written after each build marks it fresh.
const serviceStamp = at('dist/.service-built');
if (stale(serviceStamp, at('bot/src'))) {
  build('service', at('node_modules/typescript/bin/tsc'), ['-p', 'tsconfig.build.json'], at('dist/bot/src/main.js'));
  writeFileSync(serviceStamp, `${new Date().toISOString()}\n`);
}
if (!serviceOnly && existsSync(at('tab/vite.config.ts')) && stale(at('tab/dist/index.html'), at('tab'))) {
  build('tab', at('node_modules/vite/bin/vite.js'), ['build', 'tab', '--logLevel', 'warn'], at('tab/dist/index.html'));
}
