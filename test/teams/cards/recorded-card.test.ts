import { createRequire } from 'node:module';
import type * as ACTypes from 'adaptivecards';
import { describe, expect, it } from 'vitest';
import { recordedCard } from '../../../bot/src/teams/cards/recorded-card.js';
import { MAX_CARD_BYTES, VERBS } from '../../../bot/src/teams/cards/verbs.js';
import { anAction, anUpdate } from '../fixtures.js';
import { allTexts, checkCard, findAll, unescapeForReader, versionAtMost15 } from './card-check.js';

const update = anUpdate({ ragFrom: 'Red', ragTo: 'Amber', text: 'Audited remaining two panels; one lacked a BME member' });
const history = [
  anUpdate({ id: 'u-0', submittedAt: '2021-01-20T10:00:00Z', text: 'Started' }),
  anUpdate({ id: 'u-00', submittedAt: '2021-02-12T10:00:00Z', text: 'Three done', author: { name: 'Sam Lee' } }),
  anUpdate({ id: 'u-000', submittedAt: '2020-12-01T10:00:00Z', text: 'Planned' }),
  anUpdate({ id: 'u-0000', submittedAt: '2020-11-01T10:00:00Z', text: 'Oldest' }),
  update,
];
const model = {
  action: anAction({ version: 4 }),
  update,
  history,
  today: '2021-03-10',
  publicUrl: 'https://wres.example',
  viewerAadObjectId: 'AAD-PRIYA',
};

describe('recordedCard', () => {
  it('parses without warnings at schema 1.5', () => {
    const check = checkCard(recordedCard(model));
    expect(check.warnings).toEqual([]);
    expect(versionAtMost15(check.version)).toBe(true);
  });

  it('confirms with the local time, the new state, "You" and the three latest earlier updates', () => {
    const texts = allTexts(recordedCard(model)).map(unescapeForReader);
    expect(texts).toContain('✓ Update recorded — 10 Mar 09:14');
    expect(texts).toContain('Amber');
    expect(texts).toContain('Audit shortlisting panels for diversity · due Wed 17 Mar');
    expect(texts).toContain('RAG Red → Amber · Status In progress');
    expect(texts).toContain('You: “Audited remaining two panels; one lacked a BME member”');
    expect(texts).toContain('Earlier: 12 Feb Sam Lee · 20 Jan Priya Shah · 1 Dec Priya Shah');
  });

  it('names the author when the viewer is someone else, and shows summer time in UK local time', () => {
    const summer = anUpdate({ submittedAt: '2021-06-01T08:05:00Z' });
    const texts = allTexts(recordedCard({ ...model, update: summer, history: [summer], viewerAadObjectId: 'aad-lead' }));
    expect(texts).toContain('✓ Update recorded — 1 Jun 09:05');
    expect(texts.some((t) => t.startsWith('Priya Shah: '))).toBe(true);
    expect(texts.some((t) => t.startsWith('Earlier'))).toBe(false);
  });

  it('offers "Add another update" for the same action and "Open the plan"', () => {
    const card = recordedCard(model) as { actions: Record<string, unknown>[] };
    expect(card.actions[0]).toMatchObject({
      type: 'Action.Execute',
      title: 'Add another update',
      verb: VERBS.addAnother,
      data: { actionId: 'a-2-3' },
    });
    expect(card.actions[1]).toMatchObject({
      type: 'Action.OpenUrl',
      title: 'Open the plan',
      url: 'https://wres.example/tab/actions/a-2-3',
    });
  });

  it('says the update is saved and syncing when SharePoint has not confirmed it yet', () => {
    expect(allTexts(recordedCard(model)).some((t) => t.includes('syncing'))).toBe(false);
    expect(allTexts(recordedCard({ ...model, syncing: true }))).toContain(
      'Saved — syncing to SharePoint. It will appear in the plan shortly.',
    );
  });

  it('shows the note literally and stays under 80 KB with a maximum-length note', () => {
    const tricky = anUpdate({ text: '**bold** [link](http://x)' });
    expect(allTexts(recordedCard({ ...model, update: tricky })).map(unescapeForReader)).toContain('You: “**bold** [link](http://x)”');
    const huge = anUpdate({ text: 'y'.repeat(50_000), author: { name: 'z'.repeat(5_000) } });
    const card = recordedCard({ ...model, update: huge, history: Array.from({ length: 500 }, () => huge), viewerAadObjectId: 'other' });
    expect(checkCard(card).bytes).toBeLessThan(MAX_CARD_BYTES);
  });

  it('draws its heading in a colour with at least 4.5:1 contrast on Teams’ light surfaces (white card, #F5F5F5 canvas)', () => {
    const heading = findAll(recordedCard(model), 'TextBlock').find((b) => String(b.text).startsWith('✓ Update recorded'))!;
    const colour = hostColour(String(heading.color ?? 'Default'));
    for (const surface of ['#FFFFFF', '#F5F5F5']) expect(contrast(colour, surface)).toBeGreaterThanOrEqual(4.5);
  });
});

/** A TextBlock colour name as the Adaptive Cards SDK's default host config draws it in the default container. */
function hostColour(name: string): string {
  const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof ACTypes;
  const colours = new AC.HostConfig().containerStyles.default.foregroundColors as unknown as Record<string, { default: string }>;
  return colours[name.charAt(0).toLowerCase() + name.slice(1)]!.default;
}

/** WCAG 2 contrast ratio of two #RRGGBB colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5]
      .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
