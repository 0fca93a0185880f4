// Builds the tab once before the suite when tab/dist is missing or older than its sources,
// so the browser tests (and the HTTP tests that serve /tab/) run against the current code.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tabDir = join(root, 'tab');
const builtIndex = join(tabDir, 'dist', 'index.html');

function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  const stat = statSync(dir);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let t = stat.mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Sources whose change makes the built tab stale: the tab itself and the domain labels it bundles. */
function sourcesNewest(): number {
  return Math.max(
    newest(join(tabDir, 'src')),
    newest(join(tabDir, 'index.html')),
    newest(join(tabDir, 'vite.config.ts')),
    newest(join(root, 'bot', 'src', 'domain')),
  );
}

/** Vitest global setup: runs once per `vitest run`. */
export default function setup(): void {
  if (!existsSync(join(tabDir, 'vite.config.ts'))) return;
  if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= sourcesNewest()) return;
  execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', tabDir, '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
