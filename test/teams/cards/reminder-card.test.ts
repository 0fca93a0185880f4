import { describe, expect, it } from 'vitest';
import { MAX_NOTE_LENGTH } from '../../../bot/src/service/plan-service.js';
import { reminderCard } from '../../../bot/src/teams/cards/reminder-card.js';
import { INPUT_IDS, MAX_CARD_BYTES, VERBS } from '../../../bot/src/teams/cards/verbs.js';
import { anAction } from '../fixtures.js';
import { allTexts, checkCard, findAll, unescapeForReader, versionAtMost15 } from './card-check.js';

const base = { today: '2021-03-10', publicUrl: 'https://wres.example.nhs.uk/', requestId: 'req-card-0001' };

describe('reminderCard', () => {
  it('parses without warnings in the Adaptive Cards SDK at schema 1.5', () => {
    const check = checkCard(reminderCard({ action: anAction(), ...base }));
    expect(check.warnings).toEqual([]);
    expect(versionAtMost15(check.version)).toBe(true);
  });

  it('says what and when, with the RAG word, indicator by name, measure and last update', () => {
    const texts = allTexts(reminderCard({ action: anAction(), ...base })).map(unescapeForReader);
    expect(texts).toContain('WRES action 2.3 · due in 7 days (Wed 17 Mar)');
    expect(texts).toContain('Amber');
    expect(texts).toContain('Audit shortlisting panels for diversity');
    expect(texts).toContain('Indicator 2 — Appointment from shortlisting');
    expect(texts).toContain('Measure: Every band 8a+ panel has a BME member');
    expect(texts).toContain('Status: In progress');
    expect(texts).toContain('Last update 12 Feb by Priya Shah: “Panels for 3 of 5 posts audited”');
  });

  it('reads "4 days overdue" in the attention colour and in words', () => {
    const card = reminderCard({ action: anAction({ dueDate: '2021-03-06' }), ...base });
    const headline = findAll(card, 'TextBlock').find((t) => String(t.text).startsWith('WRES action'));
    expect(headline?.text).toBe('WRES action 2.3 · 4 days overdue (due Sat 6 Mar)');
    expect(headline?.color).toBe('Attention');
  });

  it('says so for ongoing and undated actions', () => {
    const ongoing = allTexts(reminderCard({ action: anAction({ dueDate: null, status: 'Ongoing' }), ...base }));
    expect(ongoing).toContain('WRES action 2.3 · ongoing — no due date');
    const undated = allTexts(reminderCard({ action: anAction({ dueDate: null }), ...base }));
    expect(undated).toContain('WRES action 2.3 · no due date');
  });

  it('asks "How is it going?" for a stale nudge', () => {
    const texts = allTexts(reminderCard({ action: anAction(), ...base, stage: 'stale-2021-03-10' }));
    expect(texts).toContain('WRES action 2.3 · How is it going?');
  });

  it('offers a required note of at most 2,000 characters, the RAG choice preselected, and Mark complete', () => {
    const card = reminderCard({ action: anAction(), ...base });
    const [note] = findAll(card, 'Input.Text');
    expect(note).toMatchObject({ id: INPUT_IDS.text, isMultiline: true, isRequired: true, maxLength: MAX_NOTE_LENGTH });
    expect(note?.label).toBeTruthy();
    const [rag] = findAll(card, 'Input.ChoiceSet');
    expect(rag).toMatchObject({ id: INPUT_IDS.rag, style: 'expanded', value: 'Amber' });
    expect((rag?.choices as { title: string }[]).map((c) => c.title)).toEqual(['Red', 'Amber', 'Green', 'Blue — complete']);
    expect(findAll(card, 'Input.Toggle')[0]).toMatchObject({ id: INPUT_IDS.markComplete, value: 'false' });
  });

  it('sends the action id, version and this card’s request id with "Send update", and links to the action in the tab', () => {
    const card = reminderCard({ action: anAction(), ...base }) as { actions: Record<string, unknown>[] };
    const [send, open] = card.actions;
    expect(send).toMatchObject({ type: 'Action.Execute', title: 'Send update', verb: VERBS.sendUpdate });
    expect(send?.data).toEqual({ actionId: 'a-2-3', expectedVersion: 3, requestId: 'req-card-0001' });
    expect(open).toMatchObject({ type: 'Action.OpenUrl', title: 'Open the plan', url: 'https://wres.example.nhs.uk/tab/actions/a-2-3' });
  });

  it('gives each new card its own request id when none is given', () => {
    const idOf = (c: unknown) => (c as { actions: { data?: { requestId: string } }[] }).actions[0]?.data?.requestId;
    const a = idOf(reminderCard({ action: anAction(), today: base.today, publicUrl: base.publicUrl }));
    const b = idOf(reminderCard({ action: anAction(), today: base.today, publicUrl: base.publicUrl }));
    expect(a).toBeTruthy();
    expect(a).not.toBe(b);
  });

  it('keeps typed input and shows the error and the notice', () => {
    const card = reminderCard({
      action: anAction(),
      ...base,
      values: { text: 'half a thought', rag: 'Red', markComplete: true },
      error: 'Please keep the note under 2,000 characters.',
      notice: 'Someone updated this action at 10:02 — here is the latest; send again to add your update.',
    });
    expect(findAll(card, 'Input.Text')[0]?.value).toBe('half a thought');
    expect(findAll(card, 'Input.ChoiceSet')[0]?.value).toBe('Red');
    expect(findAll(card, 'Input.Toggle')[0]?.value).toBe('true');
    const texts = allTexts(card).map(unescapeForReader);
    expect(texts).toContain('**Please check:** Please keep the note under 2,000 characters.');
    expect(texts.some((t) => t.startsWith('Someone updated this action at 10:02'))).toBe(true);
    expect(checkCard(card).warnings).toEqual([]);
  });

  it('shows user text literally: markdown, links and date functions do nothing', () => {
    const note = '**bold** [link](http://x) {{DATE(2030-01-01T00:00:00Z, SHORT)}}';
    const card = reminderCard({
      action: anAction({
        title: '_Audit_ panels',
        latestUpdate: { text: note, authorName: 'Priya *Shah*', submittedAt: '2021-02-12T10:00:00Z' },
      }),
      ...base,
    });
    const texts = allTexts(card);
    const last = texts.find((t) => t.startsWith('Last update'))!;
    expect(last).not.toContain('**bold**');
    expect(last).not.toMatch(/[^\\]\]\(/);
    expect(last).not.toContain('{{DATE');
    expect(unescapeForReader(last)).toBe(`Last update 12 Feb by Priya *Shah*: “${note}”`);
    expect(texts).toContain('\\_Audit\\_ panels');
  });

  it('stays under 80 KB with maximum-length notes everywhere', () => {
    const long = 'x'.repeat(MAX_NOTE_LENGTH * 10);
    const card = reminderCard({
      action: anAction({ title: long, measure: long, latestUpdate: { text: long, authorName: long, submittedAt: '2021-02-12T10:00:00Z' } }),
      ...base,
      values: { text: long },
      error: long,
      notice: long,
    });
    expect(checkCard(card).bytes).toBeLessThan(MAX_CARD_BYTES);
    expect(allTexts(card).find((t) => t.startsWith('Last update'))).toContain('…');
  });

  it('asks listed Teams users’ clients to refresh it, at most 60 of them', () => {
    const ids = Array.from({ length: 70 }, (_, i) => `29:user-${i}`);
    const card = reminderCard({ action: anAction(), ...base, refreshUserIds: ['not-a-teams-id', ...ids] }) as {
      refresh: { userIds: string[]; action: { verb: string } };
    };
    expect(card.refresh.userIds).toHaveLength(60);
    expect(card.refresh.userIds[0]).toBe('29:user-0');
    expect(card.refresh.action.verb).toBe(VERBS.refresh);
    expect(checkCard(card).warnings).toEqual([]);
  });
});
