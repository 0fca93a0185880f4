import { describe, expect, it } from 'vitest';
import { checkCard, versionAtMost15 } from './card-check.js';

describe('checkCard (the card tests’ own yardstick)', () => {
  it('reports unknown elements, bad property values and duplicate input ids', () => {
    const check = checkCard({
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'Sparkle' },
        { type: 'TextBlock', text: 'x', color: 'Purple' },
        { type: 'Input.Text', id: 'a' },
        { type: 'Input.Text', id: 'a' },
      ],
    });
    expect(check.warnings.length).toBeGreaterThanOrEqual(3);
  });

  it('accepts 1.0 to 1.5 and refuses later versions', () => {
    expect(versionAtMost15('1.5')).toBe(true);
    expect(versionAtMost15('1.2')).toBe(true);
    expect(versionAtMost15('1.6')).toBe(false);
    expect(versionAtMost15(undefined)).toBe(false);
  });
});
