#!/usr/bin/env node
// ESLint for `npm run lint` (knip follows it there). Type-aware linting builds
// one TypeScript program per tsconfig (the service with its tests, and the
// tab), so the two run side by side in their own processes: on two cores that
// shortens the wait without building either program twice. Extra arguments go
// to both runs (e.g. `node scripts/lint.mjs --fix`).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslintPackage = fileURLToPath(import.meta.resolve('eslint/package.json'));
const eslint = join(dirname(eslintPackage), JSON.parse(readFileSync(eslintPackage, 'utf8')).bin.eslint);
const extra = process.argv.slice(2);

/** Runs `node script args` in the repository; resolves with its exit code and everything it printed. */
function run(script, args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (e) => resolve({ code: 1, output: `${output}${e.message}\n` }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const runs = await Promise.all([run(eslint, ['--ignore-pattern', 'tab/**', ...extra, '.']), run(eslint, [...extra, 'tab'])]);
let failed = false;
for (const { code, output } of runs) {
  process.stdout.write(output);
  failed ||= code !== 0;
}
process.exitCode = failed ? 1 : 0;
