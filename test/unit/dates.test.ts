import { describe, expect, it } from 'vitest';
import { parseDueDate, relativeDue, localDate, shortDate } from '../../bot/src/domain/dates.js';

describe('parseDueDate reads every form UK plans use', () => {
  it.each([
    ['14/9/2015', '2015-09-14'],
    ['28/12/2015', '2015-12-28'],
    ['1/2/20', '2020-02-01'],
    ['06.10.2015', '2015-10-06'],
    ['30 November 2019', '2019-11-30'],
    ['31st March 2020', '2020-03-31'],
    ['1st of April 2020', '2020-04-01'],
    ['22nd Sept 2020', '2020-09-22'],
    ['April 2020', '2020-04-30'],
    ['February 2020', '2020-02-29'],
    ['End of March 2020', '2020-03-31'],
    ['end March 2020', '2020-03-31'],
    ['December 2019', '2019-12-31'],
    ['Dec 2019', '2019-12-31'],
    ['Q3 2020/21', '2020-12-31'],
    ['Q4 2019/20', '2020-03-31'],
    ['Q1 2021/2022', '2021-06-30'],
    ['2020-03-31', '2020-03-31'],
    ['  31 March 2020. ', '2020-03-31'],
  ])('%s → %s', (text, iso) => {
    expect(parseDueDate(text)).toEqual({ kind: 'date', date: iso });
  });

  it('reads "ongoing" as no date', () => {
    expect(parseDueDate('ongoing')).toEqual({ kind: 'ongoing' });
    expect(parseDueDate('On-going')).toEqual({ kind: 'ongoing' });
  });

  it('reads an empty cell as no date', () => {
    expect(parseDueDate('')).toEqual({ kind: 'none' });
    expect(parseDueDate('TBC')).toEqual({ kind: 'none' });
  });

  it.each(['31/4/2016', '30/2/2020', '31 April 2016', '29/2/2019'])('refuses the impossible date %s, naming it', (text) => {
    const result = parseDueDate(text);
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.reason).toContain(text);
  });

  it('refuses text that is not a date', () => {
    expect(parseDueDate('when the board agrees').kind).toBe('invalid');
    expect(parseDueDate('Q3 2020/22').kind).toBe('invalid');
  });
});

describe('dates for people', () => {
  it('says how far away a due date is', () => {
    expect(relativeDue('2026-03-17', '2026-03-10')).toBe('in 7 days');
    expect(relativeDue('2026-03-10', '2026-03-10')).toBe('due today');
    expect(relativeDue('2026-03-11', '2026-03-10')).toBe('due tomorrow');
    expect(relativeDue('2026-03-06', '2026-03-10')).toBe('4 days overdue');
    expect(relativeDue('2026-03-09', '2026-03-10')).toBe('1 day overdue');
  });

  it('takes today in the organisation time zone, not UTC', () => {
    // 23:30 UTC on 30 June is already 1 July in London (BST).
    expect(localDate(new Date('2026-06-30T23:30:00Z'), 'Europe/London')).toBe('2026-07-01');
    expect(localDate(new Date('2026-12-31T23:30:00Z'), 'Europe/London')).toBe('2026-12-31');
  });

  it('writes short dates as people read them', () => {
    expect(shortDate('2026-03-17', '2026-01-01')).toBe('Tue 17 Mar');
    expect(shortDate('2027-03-17', '2026-01-01')).toBe('Wed 17 Mar 2027');
  });
});
