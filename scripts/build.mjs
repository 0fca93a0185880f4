// Builds the service (tsc) and the tab (vite). With --if-needed, skips a part
// whose output is newer than every source file, so `npm start` is quick the second time.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ifNeeded = process.argv.includes('--if-needed');

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

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });

if (stale('dist/bot/src/main.js', 'bot/src')) {
  console.log('Building the service…');
  run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);
}
if (existsSync('tab/vite.config.ts') && stale('tab/dist/index.html', 'tab')) {
  console.log('Building the tab…');
  run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', 'tab', '--logLevel', 'warn']);
}
