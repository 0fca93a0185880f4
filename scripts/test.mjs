#!/usr/bin/env node
// `npm test`: the static checks (types, lint and knip, formatting) one after
// another, side by side with vitest. The tests spend much of their time
// waiting (leases lapsing, paced sends, browsers), so on two cores the checks
// fit into that idle time instead of adding their own minutes in front. Each
// check's output is printed whole when it ends (vitest streams its own); the exit code is 1 when any
// part failed.
import { spawn } from 'node:child_process';

/** Runs `npm run -s script` (or `npx …`), collecting its output; resolves with its exit code and output. */
function run(args) {
  return new Promise((resolve) => {
    const child = spawn('npm', args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (e) => resolve({ code: 1, output: `${output}${e.message}\n` }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function checks() {
  for (const script of ['typecheck', 'lint', 'format:check']) {
    const { code, output } = await run(['run', '-s', script]);
    process.stdout.write(`\n== npm run ${script}: ${code === 0 ? 'passed' : 'FAILED'}\n${output}`);
    if (code !== 0) return code;
  }
  return 0;
}

/** vitest streams its own report as it goes. */
function tests() {
  return new Promise((resolve) => {
    const child = spawn('npm', ['exec', '--', 'vitest', 'run'], { stdio: 'inherit' });
    child.on('error', () => resolve(1));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const codes = await Promise.all([checks(), tests()]);
process.exitCode = codes.some((c) => c !== 0) ? 1 : 0;
