import { describe, expect, it } from 'vitest';
import { mapDocument } from '../../bot/src/importers/import-plan.js';
import { readCsv } from '../../bot/src/importers/csv-reader.js';

const importedAt = '2020-06-01T09:00:00.000Z';

function importCsv(rows: string[]) {
  return mapDocument(readCsv(Buffer.from(['Ref,Action,Due by', ...rows].join('\n'))), { importedAt, planYear: '2019/20' });
}

describe('due dates in an imported plan', () => {
  const result = importCsv([
    '1,Agree the plan,14/9/2015',
    '2,Meet BME staff,31/4/2016',
    '3,Share vacancies,ongoing',
    '4,Audit panels,30 November 2019',
    '5,Publish report,31st March 2020',
    '6,Review training,April 2020',
    '7,Board session,End of March 2020',
    '8,Coaching offer,Q3 2020/21',
    '9,Listening events,',
    '10,Leap year check,29/2/2019',
    '11,US order,4/13/2020',
  ]);
  const byRef = new Map(result.actions.map((a) => [a.action.ref, a.action]));

  it('refuses an impossible date, naming the spreadsheet row and the text, and imports the other rows', () => {
    expect(result.errors).toEqual([
      expect.objectContaining({ row: 3, message: expect.stringContaining('"31/4/2016" is not a real date') }),
      expect.objectContaining({ row: 11, message: expect.stringContaining('"29/2/2019"') }),
      expect.objectContaining({ row: 12, message: expect.stringContaining('"4/13/2020"') }),
    ]);
    expect([...byRef.keys()]).toEqual(['1', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('reads UK day/month order, written-out dates, month-only dates and financial quarters', () => {
    expect(byRef.get('1')?.dueDate).toBe('2015-09-14');
    expect(byRef.get('4')?.dueDate).toBe('2019-11-30');
    expect(byRef.get('5')?.dueDate).toBe('2020-03-31');
    expect(byRef.get('6')?.dueDate).toBe('2020-04-30');
    expect(byRef.get('7')?.dueDate).toBe('2020-03-31');
    expect(byRef.get('8')?.dueDate).toBe('2020-12-31');
  });

  it('keeps what the plan said as the due text', () => {
    expect(byRef.get('7')?.dueText).toBe('End of March 2020');
  });

  it('treats "ongoing" as no date and status Ongoing, and a blank as no date', () => {
    expect(byRef.get('3')).toMatchObject({ dueDate: null, status: 'Ongoing', dueText: 'ongoing' });
    expect(byRef.get('9')).toMatchObject({ dueDate: null, status: 'NotStarted', rag: 'None' });
  });
});
