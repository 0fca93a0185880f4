import { describe, expect, it } from 'vitest';
import type { Digest, DigestAction } from '../../../bot/src/reminders/digest.js';
import { DIGEST_LIST_CAP, digestCard } from '../../../bot/src/teams/cards/digest-card.js';
import { MAX_CARD_BYTES } from '../../../bot/src/teams/cards/verbs.js';
import { allTexts, checkCard, unescapeForReader, versionAtMost15 } from './card-check.js';

const overdue: DigestAction = {
  id: 'a-2-3',
  ref: '2.3',
  title: 'Audit shortlisting panels',
  days: 4,
  lastUpdate: { text: 'Three done', authorName: 'Priya Shah', submittedAt: '2021-02-12T10:00:00Z' },
};

function aDigest(overrides: Partial<Digest> = {}): Digest {
  return {
    today: '2021-03-10',
    counts: { actions: 29, overdue: 6, dueThisWeek: 3, stale: 4, byRag: { Red: 5, Amber: 9, Green: 11, Blue: 4, None: 0 } },
    overdueByOwner: [
      { owner: 'Priya Shah', reachable: true, actions: [overdue] },
      {
        owner: 'Head of Resourcing',
        reachable: false,
        actions: [{ ...overdue, id: 'a-1-4', ref: '1.4', title: 'Targeted campaign', days: 21, lastUpdate: null }],
      },
    ],
    stale: [{ ...overdue, id: 'a-5-1', ref: '5.1', title: 'Zero tolerance posters', days: 45, owner: 'Sam Lee' }],
    notAnswering: [{ owner: 'Sam Lee', timesReminded: 3, since: '2021-02-12' }],
    unreachable: [{ owner: 'Head of Resourcing', reason: 'no Teams account linked', openActions: 2 }],
    undelivered: [
      {
        what: 'the 7-day reminder for action 2.3',
        title: 'Audit shortlisting panels',
        who: 'Priya Shah',
        reason: 'Teams answered HTTP 503',
        attempts: 2,
        lastTriedAt: '2021-03-09T09:00:05Z',
      },
    ],
    worsenedWithoutAction: [{ indicator: 3, summary: '2.5 → 2.8' }],
    tabUrl: 'https://wres.example/tab/',
    ...overrides,
  };
}

describe('digestCard', () => {
  it('parses without warnings at schema 1.5', () => {
    const check = checkCard(digestCard(aDigest()));
    expect(check.warnings).toEqual([]);
    expect(versionAtMost15(check.version)).toBe(true);
  });

  it('shows the week, the counts, RAG counts with words and every section a lead must trust', () => {
    const texts = allTexts(digestCard(aDigest())).map(unescapeForReader);
    expect(texts).toContain('WRES action plan — week of 8 Mar');
    expect(texts).toContain('6 overdue · 3 due this week · 4 with no recent update · 29 actions in all');
    expect(texts).toContain('Red 5 · Amber 9 · Green 11 · Blue (complete) 4');
    expect(texts).toContain('Priya Shah — **2.3** Audit shortlisting panels (4 days overdue · last update Fri 12 Feb)');
    expect(texts).toContain('Head of Resourcing (not reachable in Teams) — **1.4** Targeted campaign (21 days overdue · no updates yet)');
    expect(texts).toContain('Head of Resourcing — no Teams account linked · 2 open actions');
    expect(texts).toContain('Sam Lee — reminded 3 times since Fri 12 Feb');
    expect(texts).toContain('Sam Lee — **5.1** Zero tolerance posters (45 days since the last update)');
    expect(texts).toContain('Indicator 3 — Formal disciplinary: 2.5 → 2.8');
    expect(texts).toContain('Reminders that could not be delivered');
    expect(texts).toContain(
      'Priya Shah — the 7-day reminder for action 2.3 (Audit shortlisting panels): Teams answered HTTP 503 · 2 attempts, last Tue 9 Mar',
    );
  });

  it('links to the plan', () => {
    const card = digestCard(aDigest()) as { actions: Record<string, unknown>[] };
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open the plan', url: 'https://wres.example/tab/' }]);
  });

  it('says when nothing is overdue and leaves out empty sections', () => {
    const texts = allTexts(
      digestCard(aDigest({ overdueByOwner: [], stale: [], notAnswering: [], unreachable: [], undelivered: [], worsenedWithoutAction: [] })),
    );
    expect(texts).toContain('Nothing is overdue.');
    expect(texts.some((t) => ['Not answering', 'Not reachable in Teams', 'Reminders that could not be delivered'].includes(t))).toBe(false);
  });

  it('caps long lists, escapes names and stays under 80 KB', () => {
    const many = Array.from({ length: 300 }, (_, i) => ({ ...overdue, id: `a-${i}`, ref: `${i}`, title: 'T'.repeat(2000) }));
    const card = digestCard(
      aDigest({
        overdueByOwner: [{ owner: '**Boss** [x](http://y)', reachable: true, actions: many }],
        stale: many.map((m) => ({ ...m, owner: 'O'.repeat(500) })),
        unreachable: many.map(() => ({ owner: 'U'.repeat(500), reason: 'R'.repeat(500), openActions: 1 })),
        notAnswering: many.map(() => ({ owner: 'N'.repeat(500), timesReminded: 9, since: '2021-01-01' })),
      }),
    );
    const check = checkCard(card);
    expect(check.bytes).toBeLessThan(MAX_CARD_BYTES);
    expect(check.warnings).toEqual([]);
    const texts = allTexts(card);
    expect(texts.filter((t) => t.includes('Boss'))).toHaveLength(DIGEST_LIST_CAP);
    expect(texts[texts.indexOf(texts.find((t) => t.includes('Boss'))!)]).toContain('\\*\\*Boss\\*\\* \\[x\\]');
    expect(texts).toContain(`… and ${300 - DIGEST_LIST_CAP} more in the plan`);
  });
});
