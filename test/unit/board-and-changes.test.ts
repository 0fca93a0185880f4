import { describe, expect, it } from 'vitest';
import { boardPaperRows, BOARD_PAPER_COLUMNS } from '../../bot/src/api/board-paper.js';
import { changesSince } from '../../bot/src/api/changes-report.js';
import { toActionView, type ViewContext } from '../../bot/src/domain/action-view.js';
import type { Action, ProgressUpdate } from '../../bot/src/domain/model.js';
import { anAction } from '../teams/fixtures.js';

const ctx: ViewContext = { today: '2027-04-10', timeZone: 'Europe/London', staleAfterDays: 30 };
const view = (overrides: Partial<Action>) => toActionView(anAction(overrides), ctx, false);
const copyLink = { id: 'copy-2-3', planYear: '2027/28', ref: '2.3' };

function entry(overrides: Partial<ProgressUpdate>): ProgressUpdate {
  return {
    id: `u-${Math.random()}`,
    actionId: 'a-1',
    text: 'note',
    ragFrom: 'Amber',
    ragTo: 'Amber',
    statusFrom: 'InProgress',
    statusTo: 'InProgress',
    author: { name: 'Lynne Robbins' },
    submittedAt: '2027-04-05T10:00:00Z',
    source: 'tab',
    ...overrides,
  } as ProgressUpdate;
}

describe('the board paper', () => {
  it('shows a carried-over action as "Carried over", neither rated nor overdue', () => {
    const carried = view({ id: 'a-1', ref: '2.3', status: 'CarriedOver', rag: 'Red', dueDate: '2027-03-01', carriedTo: copyLink });
    const [row] = boardPaperRows([{ key: 'g', label: 'Indicator 2', actions: [carried] }], 'Europe/London');
    const cell = (name: (typeof BOARD_PAPER_COLUMNS)[number]) => row!.cells[BOARD_PAPER_COLUMNS.indexOf(name)];
    expect(cell('RAG')).toBe('Carried over');
    expect(cell('Status')).toBe('Carried over');
    expect(row!.rag).toBe('None'); // not coloured red
    expect(row!.overdue).toBe(false);
  });
});

describe('the changes since the last board', () => {
  it('lists reassignments and carry-overs on their own, not as progress notes', () => {
    const action = view({ id: 'a-1', ref: '2.3', status: 'CarriedOver', carriedTo: copyLink });
    const updates = [
      entry({ text: 'Panel audit done.' }),
      entry({
        text: 'Reassigned from Priya Shah to Megan Bowen',
        event: {
          kind: 'reassigned',
          from: { displayName: 'Priya Shah', email: 'p@x.nhs.uk' },
          to: { displayName: 'Megan Bowen', email: 'm@x.nhs.uk' },
        },
      }),
      entry({ text: 'Carried over into 2027/28', event: { kind: 'carried-over', to: copyLink }, statusTo: 'CarriedOver' }),
    ] as ProgressUpdate[];
    const changes = changesSince('2027-04-01', ctx.today, [action], updates);
    expect(changes.updates.map((u) => u.text)).toEqual(['Panel audit done.']);
    expect(changes.reassignments).toEqual([expect.objectContaining({ from: 'Priya Shah', to: 'Megan Bowen', by: 'Lynne Robbins' })]);
    expect(changes.carriedOver).toEqual([expect.objectContaining({ to: copyLink, by: 'Lynne Robbins' })]);
    expect(changes.completions).toEqual([]);
  });
});
