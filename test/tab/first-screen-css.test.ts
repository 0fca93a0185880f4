// The first screen (tab/src/first-screen.css) is drawn before Fluent UI loads, with Fluent's Teams theme
// colours copied under their own token names. A Fluent upgrade or a typo would make the first screen flash
// other colours (or fail contrast) before the app takes over: each copied value must equal the theme's.
import { readFileSync } from 'node:fs';
import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from '@fluentui/tokens';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../../tab/src/first-screen.css', import.meta.url), 'utf8');

/** The `--token: value` pairs of the `.first-screen[data-theme='…']` block. */
function tokensOf(theme: string): Map<string, string> {
  const block = new RegExp(`\\.first-screen\\[data-theme='${theme}'\\]\\s*\\{([^}]*)\\}`).exec(css)?.[1];
  if (block === undefined) throw new Error(`first-screen.css has no block for the ${theme} theme`);
  return new Map([...block.matchAll(/--(\w+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

const THEMES: [string, Theme][] = [
  ['default', teamsLightTheme],
  ['dark', teamsDarkTheme],
  ['contrast', teamsHighContrastTheme],
];

describe('the first screen’s colours', () => {
  it.each(THEMES)('are Fluent’s own in the %s Teams theme', (name, theme) => {
    const tokens = tokensOf(name);
    expect(tokens.size).toBeGreaterThan(10);
    for (const [token, value] of tokens) expect(value.toLowerCase(), token).toBe(String(theme[token as keyof Theme]).toLowerCase());
  });

  it('defines every token it uses in every theme', () => {
    const used = new Set([...css.matchAll(/var\(--(\w+)\)/g)].map((m) => m[1]!));
    for (const [name] of THEMES)
      expect(
        [...used].filter((t) => !tokensOf(name).has(t)),
        name,
      ).toEqual([]);
  });
});
