import { AppManifestUtils } from '@microsoft/app-manifest';
// @microsoft/app-manifest requires fs-extra without declaring it: this import states the need (package.json lists it).
import 'fs-extra';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AppError } from '../../bot/src/errors.js';

type Schema = Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];

/**
 * The Teams manifest JSON schema for `manifestVersion`, read from the copy
 * that @microsoft/app-manifest ships, so validation never goes online.
 */
export function bundledSchemaPath(manifestVersion: string): string {
  const packageMain = createRequire(import.meta.url).resolve('@microsoft/app-manifest');
  return join(dirname(packageMain), 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
}

/**
 * Validates a filled manifest against the bundled official schema for its
 * `manifestVersion`. Returns the schema's error lines (empty when valid);
 * throws an AppError('internal') when no schema ships for that version.
 */
export async function schemaErrors(manifest: Record<string, unknown>): Promise<string[]> {
  const version = manifest['manifestVersion'];
  if (typeof version !== 'string' || !/^\d+\.\d+$/.test(version)) {
    return ['/manifestVersion must be a string such as "1.22"'];
  }
  const path = bundledSchemaPath(version);
  if (!existsSync(path)) {
    throw new AppError('internal', `No Teams manifest schema v${version} ships with @microsoft/app-manifest (looked for ${path}).`);
  }
  // The package cleans the same two escapes when it reads a schema itself.
  const schema = JSON.parse(readFileSync(path, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as Schema;
  const errors = await AppManifestUtils.validateAgainstSchema(manifest as never, schema);
  return errors.map((e) => (e.startsWith(' ') ? `(manifest)${e}` : e));
}
