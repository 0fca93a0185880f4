// `npm run package`: builds build/appPackage.<APP_ENV>.zip from manifest/ and
// the environment. `npm run package -- --icons` redraws the committed icons.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isAppError } from '../bot/src/errors.js';
import { buildAppPackage } from '../manifest/src/build-package.js';
import { colourIcon, outlineIcon } from '../manifest/src/icons.js';

const USAGE = `Usage: npm run package [-- --out DIR] [-- --manifest-dir DIR] [-- --icons]
Needs BOT_ID, AAD_APP_CLIENT_ID and TAB_DOMAIN; optional APP_ENV (default dev), APP_VERSION,
TEAMS_APP_ID, DEVELOPER_NAME, DEVELOPER_WEBSITE_URL, PRIVACY_URL, TERMS_URL.`;

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    console.log(USAGE);
    return 0;
  }
  const manifestDir = args.values['manifest-dir'] ?? join(import.meta.dirname, '..', 'manifest');
  if (args.values.icons) {
    writeFileSync(join(manifestDir, 'color.png'), colourIcon());
    writeFileSync(join(manifestDir, 'outline.png'), outlineIcon());
    console.log(`Drew color.png (192×192) and outline.png (32×32) in ${manifestDir}`);
    return 0;
  }
  const { zipPath, manifest } = await buildAppPackage({ env: process.env, manifestDir, outDir: args.values.out });
  const name = (manifest['name'] as { short: string }).short;
  console.log(
    `Built ${zipPath}: "${name}" version ${String(manifest['version'])}, manifest schema v${String(manifest['manifestVersion'])} (valid).`,
  );
  return 0;
}

function parse() {
  return parseArgs({
    options: {
      out: { type: 'string' },
      'manifest-dir': { type: 'string' },
      icons: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(isAppError(e) ? e.message : e);
    process.exitCode = isAppError(e) && e.code === 'bad_input' ? 2 : 1;
  },
);
