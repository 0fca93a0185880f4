import { describe, expect, it } from 'vitest';
import { ACTION_LIST_CAP, actionListCard } from '../../../bot/src/teams/cards/action-list-card.js';
import { helpCard } from '../../../bot/src/teams/cards/help-card.js';
import { messageCard } from '../../../bot/src/teams/cards/message-card.js';
import { MAX_CARD_BYTES, VERBS } from '../../../bot/src/teams/cards/verbs.js';
import { anAction } from '../fixtures.js';
import { allTexts, checkCard, findAll, unescapeForReader, versionAtMost15 } from './card-check.js';

describe('helpCard', () => {
  it('lists the commands, with lead-only commands for leads only, and parses cleanly', () => {
    const forOwner = helpCard({ publicUrl: 'https://wres.example', isLead: false, intro: 'Sorry, I did not understand that.' });
    const forLead = helpCard({ publicUrl: 'https://wres.example', isLead: true });
    expect(allTexts(forOwner)).toContain('Sorry, I did not understand that.');
    expect(allTexts(forOwner).some((t) => t.startsWith('my actions:'))).toBe(true);
    expect(allTexts(forOwner).some((t) => t.startsWith('overdue:'))).toBe(false);
    expect(allTexts(forLead).some((t) => t.startsWith('overdue:'))).toBe(true);
    expect(allTexts(forLead).some((t) => t.startsWith('digest:'))).toBe(true);
    for (const card of [forOwner, forLead]) {
      const check = checkCard(card);
      expect(check.warnings).toEqual([]);
      expect(versionAtMost15(check.version)).toBe(true);
    }
  });
});

describe('messageCard', () => {
  it('shows a refusal in words and the attention colour, with user text escaped', () => {
    const card = messageCard({
      title: 'Not your action',
      message: 'Only **Priya** can update it.',
      tone: 'attention',
      planUrl: 'https://wres.example/tab/',
    });
    const [title] = findAll(card, 'TextBlock');
    expect(title).toMatchObject({ text: 'Not your action', color: 'Attention' });
    expect(allTexts(card).map(unescapeForReader)).toContain('Only **Priya** can update it.');
    expect(allTexts(card)).not.toContain('Only **Priya** can update it.');
    expect(checkCard(card).warnings).toEqual([]);
  });
});

describe('actionListCard', () => {
  const today = '2021-03-10';
  it('lists each action with when it is due, its RAG word and an Update button', () => {
    const card = actionListCard({
      title: 'Overdue actions',
      actions: [
        anAction({ dueDate: '2021-03-06' }),
        anAction({ id: 'a-9', ref: '9.1', title: 'Board diversity', dueDate: null, status: 'Ongoing', rag: 'Green' }),
      ],
      today,
      publicUrl: 'https://wres.example',
      showOwner: true,
    });
    const texts = allTexts(card).map(unescapeForReader);
    expect(texts).toContain('4 days overdue (due Sat 6 Mar) · Amber · Priya Shah');
    expect(texts).toContain('ongoing — no due date · Green · Priya Shah');
    const buttons = findAll(card, 'Action.Execute');
    expect(buttons.map((b) => (b.data as { actionId: string }).actionId)).toEqual(['a-2-3', 'a-9']);
    expect(buttons.every((b) => b.verb === VERBS.showAction)).toBe(true);
    const check = checkCard(card);
    expect(check.warnings).toEqual([]);
    expect(versionAtMost15(check.version)).toBe(true);
  });

  it('caps a long list and stays under 80 KB', () => {
    const actions = Array.from({ length: 500 }, (_, i) =>
      anAction({ id: `a-${i}`, ref: `${i}`, title: 'x'.repeat(2000), owner: { displayName: 'y'.repeat(1000) } }),
    );
    const card = actionListCard({ title: 'Everything', actions, today, publicUrl: 'https://wres.example', showOwner: true });
    expect(findAll(card, 'Action.Execute')).toHaveLength(ACTION_LIST_CAP);
    expect(allTexts(card)).toContain(`… and ${500 - ACTION_LIST_CAP} more in the plan`);
    expect(checkCard(card).bytes).toBeLessThan(MAX_CARD_BYTES);
  });
});
