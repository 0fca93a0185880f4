/**
 * `npx wres` runs the built CLI from dist/ (building it first when needed),
 * so tsx is not needed at run time and can be a development dependency.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};

/** A loader hook that makes tsx and TypeScript sources unloadable, as on a production install without dev dependencies. */
const NO_TSX_HOOK = `export async function resolve(specifier, context, next) {
  if (specifier === 'tsx' || specifier.startsWith('tsx/') || /\\.ts$/.test(specifier)) throw new Error('not installed at run time: ' + specifier);
  return next(specifier, context);
}`;
const REGISTER = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(NO_TSX_HOOK)}`)});`;

const cwd = mkdtempSync(join(tmpdir(), 'wres-bin-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('the wres command', () => {
  it('runs from dist without tsx or TypeScript sources, from any directory', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', `data:text/javascript,${encodeURIComponent(REGISTER)}`, join(ROOT, 'bin/wres.mjs'), 'status'],
      {
        cwd,
        env: { PATH: process.env.PATH, NODE_ENV: 'test', DATABASE_PATH: join(cwd, 'wres.db'), LOAD_SAMPLE_PLAN: 'false' },
        timeout: 120_000,
      },
    );
    expect(stdout).toContain('The plan is empty');
  }, 150_000);

  it('keeps tsx out of the runtime dependencies and out of npm start', () => {
    expect(pkg.dependencies).not.toHaveProperty('tsx');
    expect(pkg.devDependencies).toHaveProperty('tsx');
    expect(pkg.scripts.start).not.toMatch(/tsx/);
    expect(pkg.scripts.start).toContain('scripts/build.mjs --if-needed');
  });
});
