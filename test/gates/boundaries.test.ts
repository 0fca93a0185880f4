/**
 * The lint gate is live: each boundary in eslint.config.js rejects an import
 * that crosses it, and lets the imports the layout allows through. Fixture
 * text is linted as if it were a file at the given path, with the project's
 * own config (only the import rules run, without type information, to keep
 * this quick; `npm run lint` runs everything).
 */
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const RULES = new Set(['no-restricted-imports', '@typescript-eslint/consistent-type-imports']);
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: `${root}eslint.config.js`,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => RULES.has(ruleId),
});

/** The messages of the rules under test for `code` placed at `path` (relative to the repository). */
async function problems(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${path}` });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

// Loading the config and the TypeScript parser is the slow part: do it once, under the hook's longer time limit.
beforeAll(async () => {
  await problems('bot/src/domain/warm-up.ts', 'export {};\n');
});

const importOf = (specifier: string) => `import * as m from '${specifier}';\nexport const used = m;\n`;

/** [file, import specifier] pairs each boundary must refuse. */
const crossings: [string, string, RegExp][] = [
  ['bot/src/domain/fixture.ts', 'express', /domain imports only other domain modules/],
  ['bot/src/domain/fixture.ts', 'better-sqlite3', /domain imports only/],
  ['bot/src/domain/fixture.ts', '@microsoft/microsoft-graph-client', /domain imports only/],
  ['bot/src/domain/fixture.ts', 'zod', /domain imports only/],
  ['bot/src/domain/fixture.ts', 'node:fs', /domain imports only/],
  ['bot/src/domain/fixture.ts', '../errors.js', /domain imports only/],
  ['bot/src/domain/fixture.ts', '../store/plan-store.js', /domain imports only/],
  ['bot/src/domain/fixture.ts', 'botbuilder', /domain imports only/],
  ['bot/src/reminders/fixture.ts', 'botbuilder', /Only bot\/src\/teams imports botbuilder/],
  ['bot/src/api/fixture.ts', 'botbuilder-core', /Only bot\/src\/teams imports botbuilder/],
  ['bot/src/server.ts', 'botframework-connector', /Only bot\/src\/teams imports botbuilder/],
  ['test/api/fixture.ts', 'botbuilder', /Only bot\/src\/teams imports botbuilder/],
  ['bot/src/store/fixture.ts', '../importers/lead.js', /The store does not import from bot\/src\/importers/],
  ['bot/src/store/sqlite/fixture.ts', '../../importers/import-plan.js', /The store does not import from bot\/src\/importers/],
  ['bot/src/store/sharepoint/fixture.ts', 'botbuilder', /Only bot\/src\/teams imports botbuilder/],
  ['bot/src/export/fixture.ts', '../importers/cell-text.js', /Export does not import from bot\/src\/importers/],
  ['bot/src/importers/fixture.ts', '../export/to-csv.js', /Importers do not import from bot\/src\/export/],
  ['bot/src/cli/commands/fixture.ts', './import-command.js', /A CLI command does not import another command/],
  ['bot/src/api/contract.ts', '../service/plan-service.js', /The API contract imports only domain modules/],
  ['bot/src/api/contract.ts', 'zod', /The API contract imports only domain modules/],
  ['tab/src/fixture.ts', '../../bot/src/store/plan-store.js', /The tab imports from bot\/ only/],
  ['tab/src/views/plan/fixture.ts', '../../../../bot/src/service/plan-service.js', /The tab imports from bot\/ only/],
  ['tab/src/fixture.ts', '../../bot/src/api/auth.js', /The tab imports from bot\/ only/],
  ['tab/src/fixture.ts', 'botbuilder', /Only bot\/src\/teams imports botbuilder/],
];

/** Imports the layout allows: each must pass, so the rules are no wider than the boundaries. */
const allowed: [string, string][] = [
  ['bot/src/domain/fixture.ts', 'luxon'],
  ['bot/src/domain/fixture.ts', './model.js'],
  ['bot/src/teams/fixture.ts', 'botbuilder'],
  ['bot/src/teams/cards/fixture.ts', 'botbuilder'],
  ['bot/src/store/fixture.ts', '../domain/model.js'],
  ['bot/src/export/fixture.ts', '../domain/spreadsheet-cell.js'],
  ['bot/src/importers/fixture.ts', '../domain/plan-import.js'],
  ['bot/src/cli/commands/fixture.ts', '../text.js'],
  ['bot/src/cli/main.ts', './commands/import-command.js'],
  ['bot/src/api/contract.ts', '../domain/model.js'],
  ['bot/src/api/contract.ts', '../errors.js'],
  ['tab/src/fixture.ts', '../../bot/src/api/contract.js'],
  ['tab/src/views/plan/fixture.ts', '../../../../bot/src/domain/plan-filter.js'],
  ['tab/src/fixture.ts', '@fluentui/react-components'],
];

describe('the import boundaries in eslint.config.js', () => {
  it.each(crossings)('%s may not import %s', async (path, specifier, message) => {
    const found = await problems(path, importOf(specifier));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^no-restricted-imports: /);
    expect(found[0]).toMatch(message);
  });

  it.each(allowed)('%s may import %s', async (path, specifier) => {
    expect(await problems(path, importOf(specifier))).toEqual([]);
  });

  it('also refuses a crossing written as a re-export or a type-only import', async () => {
    expect(await problems('bot/src/domain/fixture.ts', "export { Router } from 'express';\n")).toEqual([
      expect.stringMatching(/domain imports only/),
    ]);
    expect(
      await problems(
        'bot/src/store/fixture.ts',
        "import type { PlanFile } from '../importers/import-plan.js';\nexport type F = PlanFile;\n",
      ),
    ).toEqual([expect.stringMatching(/The store does not import from bot\/src\/importers/)]);
  });
});

describe('import type', () => {
  it('asks for `import type` when an import is used only as a type', async () => {
    const code = "import { Action } from './model.js';\nexport const title = (a: Action) => a.title;\n";
    expect(await problems('bot/src/domain/fixture.ts', code)).toEqual([
      expect.stringMatching(/^@typescript-eslint\/consistent-type-imports: All imports in the declaration are only used as types/),
    ]);
  });
});
