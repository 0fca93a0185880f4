import JSZip from 'jszip';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../bot/src/errors.js';
import { fillTemplate } from './fill-template.js';
import { pngHeader } from './png.js';
import { schemaErrors } from './validate-manifest.js';
import { readVariables } from './variables.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where to read the template and icons from and where to write the zip. */
export interface PackageOptions {
  /** The variables (usually process.env): BOT_ID, AAD_APP_CLIENT_ID, TAB_DOMAIN, APP_ENV, APP_VERSION, … */
  env: Record<string, string | undefined>;
  /** Folder holding manifest.template.json and the icons; defaults to manifest/. */
  manifestDir?: string;
  /** Folder for appPackage.<env>.zip; defaults to build/. */
  outDir?: string;
}

/** A built package: the zip's path and the manifest it holds. */
export interface PackageResult {
  zipPath: string;
  manifest: Record<string, unknown>;
}

const TEMPLATE = 'manifest.template.json';
// Fixed entry dates make the same inputs give a byte-identical zip.
const ZIP_DATE = new Date(Date.UTC(2020, 0, 1));

/**
 * Fills the manifest template from `env`, validates it offline against the
 * official schema, checks the icons and writes appPackage.<APP_ENV>.zip with
 * manifest.json, color.png and outline.png at its root. A wrong or missing
 * variable throws AppError('bad_input'); a broken template, a schema error
 * or a wrong icon throws AppError('internal'). Every message says what to fix.
 */
export async function buildAppPackage(options: PackageOptions): Promise<PackageResult> {
  const manifestDir = resolve(options.manifestDir ?? join(ROOT, 'manifest'));
  const outDir = resolve(options.outDir ?? join(ROOT, 'build'));
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const values = readVariables(options.env, version);

  const templatePath = join(manifestDir, TEMPLATE);
  if (!existsSync(templatePath)) throw new AppError('internal', `The manifest template is missing: ${templatePath}`);
  const manifest = fillTemplate(readFileSync(templatePath, 'utf8'), values, TEMPLATE);

  const problems = [...(await schemaErrors(manifest)), ...teamsLimitProblems(manifest)];
  if (problems.length > 0) {
    throw new AppError(
      'internal',
      `The Teams app manifest built from ${TEMPLATE} is not valid (schema v${String(manifest['manifestVersion'])}):\n  - ${problems.join('\n  - ')}`,
    );
  }

  const icons = manifest['icons'] as { color: string; outline: string };
  const color = readIcon(manifestDir, icons.color, 192, false);
  const outline = readIcon(manifestDir, icons.outline, 32, true);

  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date: ZIP_DATE });
  zip.file(icons.color, color, { date: ZIP_DATE });
  zip.file(icons.outline, outline, { date: ZIP_DATE });
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `appPackage.${values.APP_ENV}.zip`);
  writeFileSync(zipPath, bytes);
  return { zipPath, manifest };
}

function readIcon(dir: string, name: string, size: number, transparent: boolean): Buffer {
  const path = join(dir, name);
  if (!existsSync(path)) throw new AppError('internal', `The icon ${name} is missing from ${dir} (run \`npm run package -- --icons\`).`);
  const bytes = readFileSync(path);
  let header: ReturnType<typeof pngHeader>;
  try {
    header = pngHeader(bytes);
  } catch {
    throw new AppError('internal', `The icon ${name} is not a PNG file.`);
  }
  if (header.width !== size || header.height !== size) {
    throw new AppError('internal', `The icon ${name} is ${header.width}×${header.height}; Teams needs ${size}×${size}.`);
  }
  // Colour types 4 and 6 carry an alpha channel.
  if (transparent && header.colourType !== 4 && header.colourType !== 6) {
    throw new AppError('internal', `The outline icon ${name} has no transparency; Teams needs a white mark on a transparent background.`);
  }
  return bytes;
}

/** Limits Teams documents for bot commands that the JSON schema leaves looser. */
function teamsLimitProblems(manifest: Record<string, unknown>): string[] {
  const bots = (manifest['bots'] ?? []) as { commandLists?: { commands?: { title: string; description: string }[] }[] }[];
  const commands = bots.flatMap((b) => b.commandLists ?? []).flatMap((l) => l.commands ?? []);
  return commands.flatMap((c) => [
    ...(c.title.length > 32 ? [`bot command "${c.title}" has a title longer than 32 characters`] : []),
    ...(c.description.length > 128 ? [`bot command "${c.title}" has a description longer than 128 characters`] : []),
  ]);
}
