#!/usr/bin/env node
// `npm run playground`: the WRES service with the sample plan in a throwaway SQLite file, and the
// Microsoft 365 Agents Playground (a local Teams-like chat) pointed at its bot endpoint.
// Everything stays on this machine; Ctrl+C stops both and deletes the temporary data.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const appPort = Number(process.env.PLAYGROUND_APP_PORT || 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT || 56150);

// Another copy on the service's port would answer our health check and take our chat: refuse before starting anything.
const portFree = (port) =>
  new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
if (!(await portFree(appPort))) {
  console.error(`port ${appPort} is in use — stop the other copy or set PLAYGROUND_APP_PORT`);
  process.exit(1);
}

// The service runs from dist/, built first when its sources changed, as `npm start` does.
execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--if-needed'], { stdio: 'inherit' });
const work = mkdtempSync(join(tmpdir(), 'wres-playground-'));
const children = [];

// The Playground's CLI exits after "Listening" when it cannot open a browser: give it a no-op opener.
const bin = join(work, 'bin');
mkdirSync(bin);
writeFileSync(join(bin, 'xdg-open'), '#!/bin/sh\nexit 0\n');
chmodSync(join(bin, 'xdg-open'), 0o755);

function start(name, command, args, env, onLine = () => {}) {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (line) => `[${name}] ${line}`;
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        console.log(prefix(line));
        onLine(line);
      }
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(prefix(`stopped (${signal ?? code}); shutting down`));
      stop(1);
    }
  });
  children.push(child);
  return child;
}

async function waitForHealth(url, tries = 120) {
  for (let i = 0; i < tries; i++) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`The WRES service did not answer ${url}`);
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => {
    rmSync(work, { recursive: true, force: true });
    process.exit(code);
  }, 500);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const appUrl = `http://127.0.0.1:${appPort}`;
start('wres', process.execPath, [join(root, 'dist/bot/src/main.js')], {
  NODE_ENV: 'development',
  PORT: String(appPort),
  PUBLIC_URL: process.env.PUBLIC_URL || `http://localhost:${appPort}`,
  STORE: 'sqlite',
  DATABASE_PATH: process.env.DATABASE_PATH || join(work, 'wres.db'),
  LOAD_SAMPLE_PLAN: 'true',
  // Empty ED_LEADS: the demo leads (Alex Wilber, the Playground's default user, and Lynne Robbins), as in the tab and the CLI.
  ED_LEADS: process.env.ED_LEADS || '',
  SCHEDULER: process.env.SCHEDULER || 'false',
  // No bot credentials: botbuilder then checks no tokens. Never do this outside a laptop.
  MicrosoftAppId: '',
  MicrosoftAppPassword: '',
});
await waitForHealth(`${appUrl}/healthz`);

// The Playground falls back to a random port when the asked one is taken: report the one it chose.
start(
  'playground',
  process.execPath,
  [
    fileURLToPath(import.meta.resolve('@microsoft/m365agentsplayground/cli.js')),
    '-e',
    `${appUrl}/api/messages`,
    '-c',
    'msteams',
    '-p',
    String(playgroundPort),
    '--disable-telemetry',
  ],
  { PATH: `${bin}:${process.env.PATH}`, TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_LOGFILE: join(work, 'playground.log') },
  (line) => {
    const port = /^Listening on (\d+)/.exec(line)?.[1];
    if (!port) return;
    console.log(`\nPLAYGROUND_URL=http://localhost:${port}`);
    console.log(`Open http://localhost:${port} to chat with the WRES bot as Alex Wilber (an action owner and E&D lead).`);
    console.log('Type "remind me" to receive now the reminder cards the daily run would send you today,');
    console.log('and "digest" for the E&D lead\'s weekly digest. Also try "my actions", "overdue", "help". Press Ctrl+C to stop.\n');
  },
);
