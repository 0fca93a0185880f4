import { describe, expect, it } from 'vitest';
import { requestIdReuse, type Submission } from '../../bot/src/domain/idempotency.js';

const stored: Submission = {
  actionId: 'a-1',
  author: { name: 'Asha Patel', aadObjectId: 'AAD-ASHA' },
  text: 'Two panels held.',
  ragTo: 'Green',
};

describe('requestIdReuse', () => {
  it('treats the same submission again as a retry', () => {
    expect(requestIdReuse(stored, { ...stored })).toBeNull();
    expect(requestIdReuse(stored, { ...stored, author: { name: 'Asha P.', aadObjectId: 'aad-asha' } })).toBeNull();
  });

  it.each([
    ['another action', { actionId: 'a-2' }],
    ['someone else', { author: { name: 'Lena Hart', aadObjectId: 'AAD-LENA' } }],
    ['someone else', { author: { name: 'Asha Patel' } }],
    ['different note', { text: 'Two panels held!' }],
    ['different note', { ragTo: 'Amber' as const }],
    ['different note', { ragTo: 'Blue' as const }],
  ])('refuses a reuse by %s', (words, change) => {
    expect(requestIdReuse(stored, { ...stored, ...change })).toContain(words);
  });

  it('compares authors without an Entra id by name', () => {
    const byName = { ...stored, author: { name: 'WRES action plan' } };
    expect(requestIdReuse(byName, { ...byName })).toBeNull();
    expect(requestIdReuse(byName, { ...byName, author: { name: 'Someone' } })).toContain('someone else');
  });

  it('treats the same links again, in any order, as a retry, and different links as a different update', () => {
    const audit = 'https://nhsuk.sharepoint.com/sites/edi/Shared%20Documents/panel-audit.xlsx';
    const paper = 'https://intranet.example.nhs.uk/board/wres-paper.pdf';
    const withLinks = { ...stored, links: [audit, paper] };
    expect(requestIdReuse(withLinks, { ...stored, links: [paper, audit] })).toBeNull();
    expect(requestIdReuse(withLinks, { ...stored, links: [audit] })).toContain('different note, rating or links');
    expect(requestIdReuse(withLinks, { ...stored })).toContain('different note, rating or links');
    expect(requestIdReuse(stored, { ...stored, links: [audit] })).toContain('different note, rating or links');
    expect(requestIdReuse(stored, { ...stored, links: [] })).toBeNull();
  });
});
