import { describe, expect, it } from 'vitest';
import { escapeSpreadsheetCell } from '../../bot/src/domain/spreadsheet-cell.js';
import { cleanCell } from '../../bot/src/importers/cell-text.js';
import { detectHeader } from '../../bot/src/importers/headers.js';
import { parseLead } from '../../bot/src/importers/lead.js';
import { currentPlanYear, findPlanYear, normalisePlanYear } from '../../bot/src/importers/plan-year.js';
import { formatNoteDate, splitDatedNotes } from '../../bot/src/domain/progress-notes.js';
import { readStateWords } from '../../bot/src/importers/state-words.js';

describe('lead and owner cells', () => {
  it.each([
    ['Head of Resourcing', null, 'Head of Resourcing'],
    ['Director of Workforce, OD and Comms/Trust board', null, 'Director of Workforce, OD and Comms/Trust board'],
    ['Engagement and Diversity Officer', null, 'Engagement and Diversity Officer'],
    ['HR team', null, 'HR team'],
    ['Megan Bowen', { displayName: 'Megan Bowen' }, ''],
    ['Dr. Peter Okafor', { displayName: 'Dr. Peter Okafor' }, ''],
    ['meganb@example.com', { displayName: 'Meganb', email: 'meganb@example.com' }, ''],
    ['jo.smith-jones@trust.nhs.uk', { displayName: 'Jo Smith Jones', email: 'jo.smith-jones@trust.nhs.uk' }, ''],
    ['Megan Bowen <MeganB@Example.com>', { displayName: 'Megan Bowen', email: 'meganb@example.com' }, ''],
    ['Megan Bowen, Head of Employee Relations', { displayName: 'Megan Bowen' }, 'Head of Employee Relations'],
    ['Head of Resourcing (alexw@example.com)', { displayName: 'Alexw', email: 'alexw@example.com' }, 'Head of Resourcing'],
  ])('%s', (cell, owner, leadRole) => {
    expect(parseLead(cell)).toEqual({ owner, leadRole });
  });
});

describe('RAG and status words', () => {
  it.each([
    ['Red', 'Red', undefined],
    ['R', 'Red', undefined],
    ['Amber', 'Amber', undefined],
    ['Green', 'Green', undefined],
    ['On track', 'Green', undefined],
    ['Blue', 'Blue', undefined],
    ['Complete', undefined, 'Complete'],
    ['Completed', undefined, 'Complete'],
    ['Green - complete', 'Green', 'Complete'],
    ['Not started', undefined, 'NotStarted'],
    ['In progress', undefined, 'InProgress'],
    ['Blue — complete', 'Blue', 'Complete'],
  ])('%s', (word, rag, status) => {
    const read = readStateWords([word]);
    expect(read.rag).toBe(rag);
    expect(read.status).toBe(status);
    expect(read.unknown).toEqual([]);
  });

  it('reports words it does not know', () => {
    expect(readStateWords(['Purple']).unknown).toEqual(['purple']);
  });
});

describe('dated progress notes', () => {
  it('splits numeric, written-out and month-only dates, keeping text before the first date', () => {
    const split = splitDatedNotes(
      'Plan agreed. 06.10.2015: Panels reviewed. April 2016: Report drafted. 4 May 2016: Report to board.',
      'Europe/London',
    );
    expect(split.leading).toBe('Plan agreed.');
    expect(split.notes.map((n) => [n.submittedAt, n.text])).toEqual([
      ['2015-10-06T11:00:00.000Z', 'Panels reviewed.'],
      ['2016-04-01T11:00:00.000Z', 'Report drafted.'],
      ['2016-05-04T11:00:00.000Z', 'Report to board.'],
    ]);
  });

  it('keeps an impossible date as text and reports it', () => {
    const split = splitDatedNotes('31.04.2016: Meeting held.', 'Europe/London');
    expect(split.notes).toEqual([]);
    expect(split.leading).toBe('31.04.2016: Meeting held.');
    expect(split.badDates).toEqual(['31.04.2016']);
  });

  it('does not split on a date that is not followed by a colon', () => {
    expect(splitDatedNotes('Circulate by 31st May 2016 to all staff.', 'Europe/London').notes).toEqual([]);
  });

  it('writes note dates the way it reads them, with the time only when it matters', () => {
    expect(formatNoteDate('2015-10-06T11:00:00.000Z', 'Europe/London')).toBe('06.10.2015');
    expect(formatNoteDate('2015-10-06T13:32:00.000Z', 'Europe/London')).toBe('06.10.2015 14:32');
    const back = splitDatedNotes('06.10.2015 14:32: Sent.', 'Europe/London');
    expect(back.notes[0]?.submittedAt).toBe('2015-10-06T13:32:00.000Z');
  });
});

describe('plan years', () => {
  it.each([
    ['WRES ACTION PLAN 2019-2020', '2019/20'],
    ['Workforce Race Equality Standard (WRES) 2015-16', '2015/16'],
    ['Plan for 2020/21', '2020/21'],
    ['Published 4 May 2016', undefined],
    ['2019-2021 strategy', undefined],
  ])('%s', (title, year) => {
    expect(findPlanYear(title)).toBe(year);
  });

  it('normalises a year given by a user and refuses anything else', () => {
    expect(normalisePlanYear('2019-20')).toBe('2019/20');
    expect(normalisePlanYear('2019/2020')).toBe('2019/20');
    expect(normalisePlanYear('2019')).toBeUndefined();
    expect(normalisePlanYear('next year')).toBeUndefined();
  });

  it('knows the financial year turns on 1 April, UK time', () => {
    expect(currentPlanYear(new Date('2026-03-31T22:59:00Z'), 'Europe/London')).toBe('2025/26');
    expect(currentPlanYear(new Date('2026-03-31T23:00:00Z'), 'Europe/London')).toBe('2026/27');
  });
});

describe('cell text', () => {
  it('turns HTML left over from a conversion into plain text', () => {
    expect(cleanCell('<p>Survey staff &amp; managers</p> <p>Report&nbsp;back</p>')).toBe('Survey staff & managers\nReport back');
    expect(cleanCell('line one<br/>line two')).toBe('line one\nline two');
  });

  it('leaves ordinary text alone apart from spacing', () => {
    expect(cleanCell('  E&D lead <  2 weeks ')).toBe('E&D lead < 2 weeks');
  });

  it('removes the apostrophe our exports put in front of formula characters', () => {
    expect(cleanCell(escapeSpreadsheetCell('=HYPERLINK("http://x")'))).toBe('=HYPERLINK("http://x")');
  });
});

describe('header rows', () => {
  it.each([
    [
      ['Action', 'Outcome', 'Due by', 'Progress review', 'RAG rating', 'Lead'],
      { action: 0, measure: 1, due: 2, progress: 3, state: [4], lead: [5] },
    ],
    [['Indicator', 'WRES Indicators for each of the indicators', 'CCS Gap', 'CCS Action & Lead'], { indicators: 0, theme: 2, action: 3 }],
    [
      ['', 'Agreed Actions', 'Update', 'By who', 'Action due date', 'Measure'],
      { ref: 0, action: 1, progress: 2, lead: [3], due: 4, measure: 5 },
    ],
    [
      ['No.', 'Equality Objective', 'Actions', 'Action owner', 'Deadline', 'Status', 'RAG'],
      { ref: 0, theme: 1, action: 2, lead: [3], due: 4, state: [5, 6] },
    ],
    [
      ['#', 'WRES Indicator(s)', 'Summary', 'Action', 'Expected outcome', 'Owner', 'By when', 'Action Updates'],
      { ref: 0, indicators: 1, theme: 2, action: 3, measure: 4, lead: [5], due: 6, progress: 7 },
    ],
  ])('%j', (cells, expected) => {
    expect(detectHeader(cells)).toEqual({ lead: [], state: [], ...expected });
  });

  it('does not mistake titles or data for a header', () => {
    expect(detectHeader(['WRES ACTION PLAN 2019-2020', '', ''])).toBeNull();
    expect(detectHeader(['1.1', 'Audit the panels', 'Head of Resourcing', 'March 2020'])).toBeNull();
    expect(detectHeader(['1.', 'Issue', 'BME applicants are less successful'])).toBeNull();
  });
});
