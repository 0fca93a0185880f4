import { describe, expect, it } from 'vitest';
import { escapeMarkdown, truncate } from '../../../bot/src/teams/cards/escape.js';
import { unescapeForReader } from './card-check.js';

describe('escapeMarkdown', () => {
  it('leaves no live markdown: emphasis, links, code, strike-through', () => {
    const out = escapeMarkdown('**bold** _it_ [link](http://x) `code` ~~gone~~');
    expect(out).toBe('\\*\\*bold\\*\\* \\_it\\_ \\[link\\](http://x) \\`code\\` \\~\\~gone\\~\\~');
  });

  it('escapes list and heading markers only at the start of a line', () => {
    expect(escapeMarkdown('- one\n1. two\n# three\nfive - six 7. eight')).toBe('\\- one\n\n1\\. two\n\n\\# three\n\nfive - six 7. eight');
  });

  it('breaks Teams {{DATE()}} and {{TIME()}} functions', () => {
    const out = escapeMarkdown('{{DATE(2030-01-01T00:00:00Z)}} and {{TIME(2030-01-01T00:00:00Z)}}');
    expect(out).not.toContain('{{');
    expect(unescapeForReader(out)).toBe('{{DATE(2030-01-01T00:00:00Z)}} and {{TIME(2030-01-01T00:00:00Z)}}');
  });

  it('reads back exactly as typed, line breaks included', () => {
    const typed = 'Panels: 3 of 5 (a\\b) done *so far*\r\n- next: [HR] review\n\n2) board';
    expect(unescapeForReader(escapeMarkdown(typed))).toBe(typed.replace(/\r\n/g, '\n').replace(/\n\n/g, '\n'));
  });
});

describe('truncate', () => {
  it('keeps short text and cuts long text with an ellipsis', () => {
    expect(truncate('  short  ', 10)).toBe('short');
    expect(truncate('abcdefghij', 5)).toBe('abcd…');
    expect(truncate('abcdefghij', 5)).toHaveLength(5);
  });
});
