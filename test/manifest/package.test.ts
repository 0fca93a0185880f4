import { AppManifestUtils, type TeamsAppManifest } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../bot/src/errors.js';
import { parseCommand, type Command } from '../../bot/src/teams/commands.js';
import { buildAppPackage } from '../../manifest/src/build-package.js';
import { colourIcon, outlineIcon } from '../../manifest/src/icons.js';
import { bundledSchemaPath } from '../../manifest/src/validate-manifest.js';
import { decodePng } from './png-reader.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MANIFEST_DIR = join(ROOT, 'manifest');
const BOT_ID = '6f1c2d3e-4a5b-4c6d-8e7f-901234567890';
const TAB_APP_ID = '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d';
const ENV = { BOT_ID, AAD_APP_CLIENT_ID: TAB_APP_ID, TAB_DOMAIN: 'wres.example.org' };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wres-package-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function unzip(path: string) {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const files = Object.keys(zip.files).sort();
  const read = (name: string) => zip.file(name)!.async('uint8array');
  const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as TeamsAppManifest;
  return { files, read, manifest };
}

/** A copy of manifest/ in the temp dir, with the template changed by `edit`. */
function templateCopy(edit: (text: string) => string): string {
  const copy = join(dir, 'manifest');
  rmSync(copy, { recursive: true, force: true });
  mkdirSync(copy);
  for (const f of ['color.png', 'outline.png']) copyFileSync(join(MANIFEST_DIR, f), join(copy, f));
  writeFileSync(join(copy, 'manifest.template.json'), edit(readFileSync(join(MANIFEST_DIR, 'manifest.template.json'), 'utf8')));
  return copy;
}

const run = promisify(execFile);
/** Runs `npm run package`'s script as a child process with only `env` (and PATH) set. */
async function packageCli(env: Record<string, string>, args: string[]): Promise<{ code: number; out: string }> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'package.ts'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', ...env },
    });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

describe('the Teams app package', () => {
  it('holds exactly manifest.json and the two icons, at the zip root', async () => {
    const { zipPath } = await buildAppPackage({ env: ENV, outDir: dir });
    expect(zipPath).toBe(join(dir, 'appPackage.dev.zip'));
    const { files } = await unzip(zipPath);
    expect(files).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('ships a 192×192 colour icon and a 32×32 white-on-transparent outline icon', async () => {
    const { read } = await unzip((await buildAppPackage({ env: ENV, outDir: dir })).zipPath);
    const colour = decodePng(await read('color.png'));
    expect([colour.width, colour.height]).toEqual([192, 192]);
    const outline = decodePng(await read('outline.png'));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    expect(outline.colourType).toBe(6);
    let clear = 0;
    let marked = 0;
    for (let i = 0; i < outline.rgba.length; i += 4) {
      if (outline.rgba[i + 3] === 0) clear++;
      else {
        marked++;
        expect([outline.rgba[i], outline.rgba[i + 1], outline.rgba[i + 2]]).toEqual([255, 255, 255]);
      }
    }
    expect(clear).toBeGreaterThan(32 * 32 * 0.5);
    expect(marked).toBeGreaterThan(32);
  });

  it('keeps the committed icons identical to what the icon code draws', () => {
    for (const [file, drawn] of [
      ['color.png', colourIcon()],
      ['outline.png', outlineIcon()],
    ] as const) {
      const committed = decodePng(readFileSync(join(MANIFEST_DIR, file)));
      expect(Buffer.from(committed.rgba).equals(Buffer.from(decodePng(drawn).rgba)), file).toBe(true);
    }
  });

  it('writes a manifest that the official schema accepts, with every variable filled in', async () => {
    const { manifest } = await unzip((await buildAppPackage({ env: ENV, outDir: dir })).zipPath);
    const schema = JSON.parse(readFileSync(bundledSchemaPath(manifest.manifestVersion), 'utf8'));
    expect(await AppManifestUtils.validateAgainstSchema(manifest as never, schema)).toEqual([]);
    expect(Number(manifest.manifestVersion.split('.')[1])).toBeGreaterThanOrEqual(22);
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.bots?.[0]).toMatchObject({ botId: BOT_ID, scopes: ['personal', 'team'], supportsFiles: false });
    expect(manifest.webApplicationInfo).toEqual({ id: TAB_APP_ID, resource: `api://wres.example.org/botid-${BOT_ID}` });
    expect(manifest.validDomains).toEqual(['wres.example.org']);
    expect(manifest.staticTabs).toContainEqual(
      expect.objectContaining({ name: 'My actions', contentUrl: 'https://wres.example.org/tab/my', scopes: ['personal'] }),
    );
    expect(manifest.configurableTabs?.[0]).toMatchObject({
      configurationUrl: 'https://wres.example.org/tab/config',
      scopes: ['team', 'groupChat'],
    });
    expect(manifest.name.short).toBe('WRES Actions (dev)');
    expect(manifest.version).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('offers exactly the commands the bot understands, each described', async () => {
    // A new Command makes this object fail to type-check until the manifest offers it.
    const everyCommand: Record<Command, true> = { 'my-actions': true, overdue: true, digest: true, help: true };
    const { manifest } = await buildAppPackage({ env: ENV, outDir: dir });
    const lists = (manifest['bots'] as Pick<NonNullable<TeamsAppManifest['bots']>[number], 'commandLists'>[])[0]?.commandLists ?? [];
    expect(lists.flatMap((l) => l.scopes).sort()).toEqual(['personal', 'team']);
    for (const list of lists) {
      expect(list.commands.map((c) => c.title)).toEqual(['my actions', 'overdue', 'digest', 'help']);
      expect(list.commands.map((c) => parseCommand(c.title)).sort()).toEqual(Object.keys(everyCommand).sort());
      for (const c of list.commands) expect(c.description.length).toBeGreaterThan(10);
    }
  });

  it('names the package after APP_ENV and takes APP_VERSION; production has no suffix in its name', async () => {
    const { zipPath, manifest } = await buildAppPackage({ env: { ...ENV, APP_ENV: 'prod', APP_VERSION: '2.3.4' }, outDir: dir });
    expect(zipPath).toBe(join(dir, 'appPackage.prod.zip'));
    expect(manifest['version']).toBe('2.3.4');
    expect((manifest['name'] as { short: string }).short).toBe('WRES Actions');
  });

  it('builds a byte-identical zip from the same inputs', async () => {
    const first = readFileSync((await buildAppPackage({ env: ENV, outDir: join(dir, 'a') })).zipPath);
    const second = readFileSync((await buildAppPackage({ env: ENV, outDir: join(dir, 'b') })).zipPath);
    expect(first.equals(second)).toBe(true);
  });

  it.each([
    [{ BOT_ID: '' }, /BOT_ID is not set/],
    [{ BOT_ID: 'my-bot' }, /BOT_ID must be a GUID/],
    [{ AAD_APP_CLIENT_ID: '' }, /AAD_APP_CLIENT_ID is not set/],
    [{ TAB_DOMAIN: 'https://wres.example.org' }, /TAB_DOMAIN must be a host name only.*without https:\/\//],
    [{ TAB_DOMAIN: 'wres.example.org/tab' }, /TAB_DOMAIN must be a host name only.*without a path/],
    [{ TAB_DOMAIN: 'WRES.example.org' }, /TAB_DOMAIN must be in lower case/],
    [{ APP_VERSION: 'v1' }, /APP_VERSION must be three numbers/],
    [{ APP_ENV: 'Prod!' }, /APP_ENV must be a short lower-case name/],
  ])('refuses %j with a message naming the variable', async (change, message) => {
    const attempt = buildAppPackage({ env: { ...ENV, ...change }, outDir: dir });
    await expect(attempt).rejects.toThrow(message);
    await expect(attempt).rejects.toSatisfy((e) => isAppError(e) && e.code === 'bad_input');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a template with a placeholder nobody sets', async () => {
    const manifestDir = templateCopy((t) => t.replace('"accentColor": "#005EB8"', '"accentColor": "${{BRAND_COLOUR}}"'));
    await expect(buildAppPackage({ env: ENV, manifestDir, outDir: join(dir, 'out') })).rejects.toThrow(
      /\$\{\{BRAND_COLOUR\}\}, which is not a known variable/,
    );
  });
});

// Each case starts Node with tsx: allow for a busy machine.
describe('npm run package (the command)', { timeout: 60_000 }, () => {
  it('writes the zip and says where', async () => {
    const r = await packageCli({ ...ENV, APP_ENV: 'test' }, ['--out', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(join(dir, 'appPackage.test.zip'));
    expect(existsSync(join(dir, 'appPackage.test.zip'))).toBe(true);
  });

  it('exits 2 naming BOT_ID when it is missing, and writes nothing', async () => {
    const r = await packageCli({ AAD_APP_CLIENT_ID: TAB_APP_ID, TAB_DOMAIN: 'wres.example.org' }, ['--out', dir]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/BOT_ID is not set/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('exits 1 naming the file when the template is not JSON', async () => {
    const manifestDir = templateCopy((t) => t.replace('"bots": [', '"bots": [,'));
    const r = await packageCli(ENV, ['--manifest-dir', manifestDir, '--out', join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/manifest\.template\.json is not valid JSON/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('exits 1 listing the schema errors when the template breaks the schema', async () => {
    const manifestDir = templateCopy((t) =>
      t.replace('"supportsFiles": false', '"supportsFiles": "no"').replace('"accentColor": "#005EB8"', '"accentColor": "blue"'),
    );
    const r = await packageCli(ENV, ['--manifest-dir', manifestDir, '--out', join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/is not valid \(schema v1\.\d+\)/);
    expect(r.out).toMatch(/- \/bots\/0\/supportsFiles must be boolean/);
    expect(r.out).toMatch(/- \/accentColor must match pattern/);
  });
});
