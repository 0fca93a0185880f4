// @ts-check
// The lint gate (run by `npm test`): type-aware promise checks, `import type`,
// and the architecture's boundaries as import rules. test/gates/ shows each
// boundary rule firing.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * One boundary: files matching `files` may not import a specifier matching
 * `regex` (relative specifiers are matched as written, e.g. `../store/x.js`).
 * ESLint applies only the last `no-restricted-imports` setting that matches a
 * file, so every boundary that can meet another lists its patterns in full.
 */
const boundary = (files, patterns, ignores = []) => ({
  files,
  ignores,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

/** Only bot/src/teams speaks botbuilder: moving to the Agents SDK is one folder's work. */
const botbuilder = {
  regex: '^(botbuilder|botframework)([-/].*)?$',
  message: 'Only bot/src/teams imports botbuilder (the Bot Framework SDK); pass what you need in through an interface.',
};
/** Importers are an edge that reads files; stores and exports must not depend on it. */
const importers = (who) => ({
  regex: '(^|/)importers(/|$)',
  message: `${who} does not import from bot/src/importers: move the shared helper to bot/src/domain (pure) or the module both use.`,
});

export default tseslint.config(
  // Generated output only.
  { ignores: ['**/dist/**', 'build/**', 'coverage/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Type-aware: a promise is awaited, returned, or handed on with `void` and a reason.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      // verbatimModuleSyntax keeps imports as written: a type-only import must say so.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      // The same convention as tsc's noUnusedParameters: a leading underscore marks a deliberate unused.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  // Plain JavaScript (scripts, bin, the CLI's build step) is outside the TypeScript projects: syntax rules only.
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  { files: ['test/browser/page-checks.js'], languageOptions: { globals: globals.browser } },

  // Boundaries. Everything outside bot/src/teams: no botbuilder.
  boundary(['**/*.{ts,tsx,js,mjs}'], [botbuilder], ['bot/src/teams/**']),
  // The domain is pure: it imports nothing outside itself except luxon (no SDK, express, SQLite, Graph, node:).
  boundary(
    ['bot/src/domain/**'],
    [
      {
        regex: '^(?!\\./|luxon$)',
        message: 'bot/src/domain imports only other domain modules (./x.js) and luxon: keep SDKs, I/O and adapters at the edge.',
      },
    ],
  ),
  boundary(['bot/src/store/**'], [botbuilder, importers('The store')]),
  boundary(['bot/src/export/**'], [botbuilder, importers('Export')]),
  boundary(
    ['bot/src/importers/**'],
    [
      botbuilder,
      {
        regex: '(^|/)export(/|$)',
        message: 'Importers do not import from bot/src/export: move the shared helper to bot/src/domain (pure) or the module both use.',
      },
    ],
  ),
  // A CLI command is registered by cli/main.ts and shares only the helpers in cli/.
  boundary(
    ['bot/src/cli/commands/**'],
    [botbuilder, { regex: '^\\./', message: 'A CLI command does not import another command: put what both need in bot/src/cli/.' }],
  ),
  // The API contract is what the tab may see of the service: it speaks only domain types and error codes.
  boundary(
    ['bot/src/api/contract.ts'],
    [
      {
        regex: '^(?!\\.\\./domain/[\\w-]+\\.js$|\\.\\./errors\\.js$)',
        message: 'The API contract imports only domain modules and ../errors.js: the tab compiles it.',
      },
    ],
  ),
  // The tab sees the service only through the API contract and pure domain modules.
  boundary(
    ['tab/**'],
    [
      botbuilder,
      {
        regex: '(^|/)bot/(?!src/api/contract\\.js$|src/domain/[\\w-]+\\.js$)',
        message: 'The tab imports from bot/ only bot/src/api/contract.ts and pure bot/src/domain modules.',
      },
    ],
  ),
);
