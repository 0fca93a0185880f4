import { describe, expect, it } from 'vitest';
import {
  checkEvidenceLinks,
  isEvidenceLink,
  linkLabel,
  sameLinks,
  splitEvidenceLines,
  splitLinkText,
  withEvidenceLines,
} from '../../bot/src/domain/evidence-links.js';

const AUDIT = 'https://nhsuk.sharepoint.com/sites/edi/Shared%20Documents/panel-audit.xlsx';
const PAPER = 'https://intranet.example.nhs.uk/board/2026-03/wres-paper.pdf';

function refusal(given: string[]): string {
  const checked = checkEvidenceLinks(given);
  if (checked.ok) throw new Error(`accepted ${JSON.stringify(checked.links)}`);
  return checked.message;
}

describe('checkEvidenceLinks: what may be stored', () => {
  it('keeps https links normalised, in the order given, ignoring blanks', () => {
    expect(checkEvidenceLinks(['  ', AUDIT, '', 'HTTPS://Intranet.Example.NHS.uk/board/2026-03/wres-paper.pdf'])).toEqual({
      ok: true,
      links: [AUDIT, PAPER],
    });
    expect(checkEvidenceLinks([])).toEqual({ ok: true, links: [] });
  });

  it('encodes a pasted address with spaces rather than refusing it', () => {
    expect(checkEvidenceLinks(['https://nhsuk.sharepoint.com/sites/edi/Shared Documents/panel-audit.xlsx'])).toEqual({
      ok: true,
      links: [AUDIT],
    });
  });

  it('drops repeats, however they are spelled, before counting', () => {
    const spellings = [AUDIT, 'https://NHSUK.sharepoint.com:443/sites/edi/Shared%20Documents/panel-audit.xlsx', AUDIT, PAPER];
    expect(checkEvidenceLinks(spellings)).toEqual({ ok: true, links: [AUDIT, PAPER] });
  });

  it('refuses a fourth link', () => {
    const four = [1, 2, 3, 4].map((n) => `https://intranet.example.nhs.uk/doc/${n}`);
    expect(refusal(four)).toBe('Please add at most three links (there are 4).');
    expect(checkEvidenceLinks(four.slice(0, 3)).ok).toBe(true);
  });

  it.each([
    ['http://intranet.example.nhs.uk/doc', 'starts with http://, which is not secure'],
    ['javascript:alert(document.cookie)', 'only https:// links can be added'],
    ['data:text/html,<script>alert(1)</script>', 'only https:// links can be added'],
    ['file:///C:/Users/asha/panel-audit.xlsx', 'only https:// links can be added'],
    ['mailto:asha.patel@example.nhs.uk', 'only https:// links can be added'],
    ['ftp://files.example.nhs.uk/audit.xlsx', 'only https:// links can be added'],
    ['nhsuk.sharepoint.com/sites/edi', 'is not a web address'],
    ['see the audit on the shared drive', 'is not a web address'],
    ['https://', 'is not a web address'],
    ['https://intranet/edi/audit.xlsx', 'does not name a site'],
    ['https://localhost/audit.xlsx', 'does not name a site'],
    ['https://10.1.2.3/audit.xlsx', 'does not name a site'],
    ['https://[::1]/audit.xlsx', 'does not name a site'],
    ['https://my_site.example.nhs.uk/audit.xlsx', 'does not name a site'],
    ['https://asha:Secret123@intranet.example.nhs.uk/audit.xlsx', 'contains a password or access key'],
    ['https://asha@intranet.example.nhs.uk/audit.xlsx', 'contains a password or access key'],
    ['https://store.blob.core.windows.net/edi/audit.xlsx?sv=2024&sig=abc%2Fdef', 'contains a password or access key'],
    ['https://intranet.example.nhs.uk/audit?ACCESS_TOKEN=eyJ0', 'contains a password or access key'],
    ['https://intranet.example.nhs.uk/audit?user=asha&password=x', 'contains a password or access key'],
    [`https://intranet.example.nhs.uk/${'a'.repeat(2000)}`, 'is longer than 2,000 characters'],
    // Short as typed, over the limit once encoded: the stored form is what is bounded.
    [`https://intranet.example.nhs.uk/${' '.repeat(700)}x`, 'is longer than 2,000 characters'],
  ])('refuses %s', (link, words) => {
    expect(refusal([link])).toContain(words);
  });

  it('names the link to fix when there are several', () => {
    expect(refusal([AUDIT, 'http://intranet.example.nhs.uk/doc'])).toMatch(/^Link 2 starts with http:\/\//);
    expect(refusal(['http://intranet.example.nhs.uk/doc'])).toMatch(/^The link starts with http:\/\//);
  });

  it('takes control characters out before checking', () => {
    expect(checkEvidenceLinks([`${AUDIT}\u0000\u0007`])).toEqual({ ok: true, links: [AUDIT] });
  });

  it('accepts only what it would store unchanged as a link to show', () => {
    expect(isEvidenceLink(AUDIT)).toBe(true);
    expect(isEvidenceLink('https://nhsuk.sharepoint.com/sites/edi/Shared Documents/panel-audit.xlsx')).toBe(false);
    expect(isEvidenceLink('javascript:alert(1)')).toBe(false);
    expect(isEvidenceLink('http://intranet.example.nhs.uk/')).toBe(false);
  });
});

describe('splitLinkText: the card’s single box', () => {
  it('splits at line breaks and where another address starts', () => {
    expect(splitLinkText(`${AUDIT} ${PAPER}`)).toEqual([AUDIT, PAPER]);
    expect(splitLinkText(`${AUDIT},${PAPER};`)).toEqual([AUDIT, PAPER]);
    expect(splitLinkText(`\n${AUDIT}\r\n\n  ${PAPER}  \n`)).toEqual([AUDIT, PAPER]);
  });

  it('keeps a space inside one pasted address', () => {
    expect(splitLinkText('https://nhsuk.sharepoint.com/sites/edi/Shared Documents/panel-audit.xlsx')).toEqual([
      'https://nhsuk.sharepoint.com/sites/edi/Shared Documents/panel-audit.xlsx',
    ]);
  });
});

describe('linkLabel: how a link is shown', () => {
  it('is the host and the decoded path, without query or fragment', () => {
    expect(linkLabel(`${AUDIT}?web=1#sheet2`)).toBe('nhsuk.sharepoint.com/sites/edi/Shared Documents/panel-audit.xlsx');
    expect(linkLabel('https://intranet.example.nhs.uk/')).toBe('intranet.example.nhs.uk');
    expect(linkLabel('https://intranet.example.nhs.uk:8443/edi/')).toBe('intranet.example.nhs.uk:8443/edi');
  });

  it('shortens a long path in the middle, keeping the host and the file name', () => {
    const label = linkLabel(`https://nhsuk.sharepoint.com/sites/edi/${'Sub%20folder/'.repeat(10)}panel-audit.xlsx`, 60);
    expect(label).toBe('nhsuk.sharepoint.com/sites/edi/Sub folder/…/panel-audit.xlsx');
    expect(label).toHaveLength(60);
    const noFolders = linkLabel(`https://nhsuk.sharepoint.com/${'x'.repeat(100)}.xlsx`, 30);
    expect(noFolders).toHaveLength(30);
    expect(noFolders.endsWith('xx.xlsx')).toBe(true);
  });

  it('cannot be disguised by decoded control, bidi or zero-width characters, nor broken by bad encoding', () => {
    expect(linkLabel('https://intranet.example.nhs.uk/a%E2%80%AEfdp.exe%0A%00b')).toBe('intranet.example.nhs.uk/afdp.exe b');
    expect(linkLabel('https://intranet.example.nhs.uk/100%25%zz/%E2%28doc')).toBe('intranet.example.nhs.uk/100%%zz/%E2(doc');
  });
});

describe('sameLinks and the export lines', () => {
  it('compares links in any order, absent as none', () => {
    expect(sameLinks([AUDIT, PAPER], [PAPER, AUDIT])).toBe(true);
    expect(sameLinks(undefined, [])).toBe(true);
    expect(sameLinks([AUDIT], [AUDIT, PAPER])).toBe(false);
    expect(sameLinks([AUDIT], undefined)).toBe(false);
  });

  it('writes a note’s links as "Evidence:" lines and reads them back', () => {
    const written = withEvidenceLines('Panels audited.', [AUDIT, PAPER]);
    expect(written).toBe(`Panels audited.\nEvidence: ${AUDIT}\nEvidence: ${PAPER}`);
    expect(splitEvidenceLines(written)).toEqual({ text: 'Panels audited.', links: [AUDIT, PAPER] });
    expect(splitEvidenceLines('No links here.')).toEqual({ text: 'No links here.', links: [] });
  });

  it('keeps lines that fail the check in the note, saying why', () => {
    const text = 'Panels audited.\nEvidence: http://intranet.example.nhs.uk/audit';
    const read = splitEvidenceLines(text);
    expect(read).toMatchObject({ text, links: [] });
    expect(read.problem).toContain('http://');
  });
});
