import { describe, expect, it } from 'vitest';
import { hasControlCharacters, withoutControlCharacters } from '../../bot/src/domain/text-hygiene.js';

describe('withoutControlCharacters', () => {
  it('keeps ordinary text, tabs and line feeds, and every non-control character', () => {
    const text = 'Panels: 3 of 5\tdone\nNext — “board” £5 € ✓ دراسة 研究';
    expect(withoutControlCharacters(text)).toBe(text);
    expect(hasControlCharacters(text)).toBe(false);
  });

  it('makes every spelling of a line break a line feed', () => {
    expect(withoutControlCharacters('a\r\nb\rc\vd\fe\u0085f\u2028g\u2029h')).toBe('a\nb\nc\nd\ne\nf\ng\nh');
  });

  it('removes NUL, the other C0 controls, DEL and the C1 controls', () => {
    const c0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).filter((c) => !'\t\n\v\f\r'.includes(c));
    const c1 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i)).filter((c) => c !== '\u0085');
    expect(withoutControlCharacters(`x${[...c0, '\u007f', ...c1].join('')}y`)).toBe('xy');
    for (const c of [...c0, '\u007f', ...c1, '\v', '\r']) expect(hasControlCharacters(`a${c}b`)).toBe(true);
  });
});
