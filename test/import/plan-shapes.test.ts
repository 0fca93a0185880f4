import { beforeAll, describe, expect, it } from 'vitest';
import { mapDocument, readDocument } from '../../bot/src/importers/import-plan.js';
import type { ImportResult, ParsedAction } from '../../bot/src/importers/types.js';
import { indicatorPlanCsv, issuePlanXlsx, pagedPlanDocx } from '../fixtures/plan-fixtures.js';

const importedAt = '2017-06-01T09:00:00.000Z';
const byRef = (result: ImportResult, ref: string): ParsedAction => {
  const found = result.actions.find((a) => a.action.ref === ref);
  if (!found) throw new Error(`no action ${ref}`);
  return found;
};
const notes = (a: ParsedAction) => a.history.map((h) => [h.submittedAt.slice(0, 10), h.text]);

describe('a CSV plan indexed by indicator, with the progress inside the action column', () => {
  let result: ImportResult;
  beforeAll(async () => {
    result = mapDocument(await readDocument(Buffer.from(indicatorPlanCsv()), 'csv'), { importedAt });
  });

  it('finds the header below the title rows and maps trust-specific headers by meaning', () => {
    expect(result.errors).toEqual([]);
    expect(result.actions.map((a) => a.action.indicators)).toEqual([[1], [2], [5], [7]]);
    expect(byRef(result, '2').action.theme).toBe('Ratio is 1.72 against a parity of 1.00.');
  });

  it('numbers the actions in plan order because the plan has no reference column', () => {
    expect(result.actions.map((a) => a.action.ref)).toEqual(['1', '2', '3', '4']);
    expect(result.warnings.join(' ')).toContain('no reference');
  });

  it('joins a row carried over a page break onto the row before, after skipping the repeated header', () => {
    const a = byRef(result, '2');
    expect(a.action.title).toBe(
      'Review shortlisting & interview scoring for band 7+ posts and share the findings with the Staff Equality Forum (RJ).',
    );
    expect(notes(a)).toEqual([
      ['2017-01-01', 'Scoring audit complete.'],
      ['2017-03-20', 'Findings shared with the forum.'],
    ]);
    expect(result.warnings.join(' ')).toContain('Row 9 carries on row 6');
  });

  it('splits dated notes out of the action text into history', () => {
    const a = byRef(result, '1');
    expect(a.action.title).toBe('Quarterly band report to the board (PK).');
    expect(notes(a)).toEqual([
      ['2016-11-03', 'First report presented.'],
      ['2017-02-14', 'Second report shows 8a+ share up from 4% to 5%.'],
    ]);
    expect(a.action.status).toBe('InProgress');
  });

  it('uses the current financial year when the title names none, and says so', () => {
    expect(result.planYear).toBe('2017/18');
    expect(result.planYearSource).toBe('current');
    expect(result.warnings[0]).toContain('--plan-year');
  });
});

describe('an XLSX plan grouped by issue, with an unnamed reference column', () => {
  let result: ImportResult;
  beforeAll(async () => {
    result = mapDocument(await readDocument(await issuePlanXlsx(), 'xlsx'), { importedAt });
  });

  it('reads the plan year from the title row and every action under both header variants', () => {
    expect(result.errors).toEqual([]);
    expect(result.planYear).toBe('2018/19');
    expect(result.actions.map((a) => [a.row, a.action.ref])).toEqual([
      [6, '1.1'],
      [7, '1.2'],
      [10, '1.3'],
      [14, '2.1'],
      [15, '2.2'],
    ]);
  });

  it('takes the theme and indicator from the "Issue" row above each block', () => {
    expect(byRef(result, '1.2').action).toMatchObject({ theme: expect.stringContaining('less likely to be appointed'), indicators: [2] });
    expect(byRef(result, '2.1').action.indicators).toEqual([6]);
  });

  it('merges the measure that carries on after the repeated header', () => {
    expect(byRef(result, '1.2').action.measure).toBe('Every band 7+ panel has a trained BME member and the panel list is kept up to date');
  });

  it('reads owners as people, emails or roles', () => {
    expect(byRef(result, '1.1').action).toMatchObject({ owner: { displayName: 'Megan Bowen', email: 'meganb@example.com' }, leadRole: '' });
    expect(byRef(result, '1.2').action).toMatchObject({ owner: null, leadRole: 'Head of Resourcing' });
    expect(byRef(result, '1.3').action.owner).toEqual({ displayName: 'Alexw', email: 'alexw@example.com' });
    expect(byRef(result, '2.1').action.owner).toEqual({ displayName: 'Dr. Priya Natarajan' });
    expect(byRef(result, '2.2').action).toMatchObject({ owner: null, leadRole: 'HR Manager / BME network chair' });
  });

  it('reads dates typed as text, Excel dates and quarters, and dated progress notes', () => {
    expect(byRef(result, '1.1').action.dueDate).toBe('2018-11-30');
    expect(byRef(result, '2.1').action.dueDate).toBe('2019-06-28');
    expect(byRef(result, '2.2').action.dueDate).toBe('2019-12-31');
    expect(notes(byRef(result, '1.1'))).toEqual([
      ['2018-09-12', 'Audit started.'],
      ['2018-10-30', '6 of 9 posts audited.'],
    ]);
    expect(notes(byRef(result, '2.1'))).toEqual([['2019-04-01', 'Two workshops held.']]);
  });

  it('records undated progress text once, as of the import', () => {
    expect(byRef(result, '1.3').history).toEqual([{ text: 'Awaiting TRAC data.', submittedAt: importedAt, authorName: 'Imported plan' }]);
  });
});

describe('a Word plan split into one table per page', () => {
  let result: ImportResult;
  beforeAll(async () => {
    result = mapDocument(await readDocument(await pagedPlanDocx(), 'docx'), { importedAt });
  });

  it('reads every page, skipping the header repeated on each one', () => {
    expect(result.errors).toEqual([]);
    expect(result.planYear).toBe('2016/17');
    expect(result.actions.map((a) => a.action.title)).toEqual([
      'Agree the WRES action plan at the Executive Team',
      'Name a board champion for race equality',
      'Hold listening events for BME staff at each hospital site and in the community',
      'Survey BME staff about the staff survey findings on indicators 5, 6 and 7',
      'Interview BME staff who have stayed at the same band for five years',
    ]);
  });

  it('joins the row split across pages, every column', () => {
    const a = byRef(result, '3');
    expect(a.action.measure).toBe('Better understanding of the experience of BME staff across sites');
    expect(notes(a)).toEqual([['2016-12-12', 'First two events held at the main site.']]);
    expect(a.action).toMatchObject({ owner: { displayName: 'Lynne Robbins' }, rag: 'Amber', status: 'InProgress' });
  });

  it('turns HTML fragments into plain text and reads indicators from the action text', () => {
    const a = byRef(result, '4');
    expect(a.action.measure).toBe("Findings inform next year's plan");
    expect(a.action.indicators).toEqual([5, 6, 7]);
    expect(a.history.map((h) => h.text)).toEqual(['Survey drafted & tested']);
    expect(a.action.owner).toEqual({ displayName: 'Patti Fernandez', email: 'patti.fernandez@example.com' });
  });

  it('reads RAG words: "Green - complete" is complete, "G" is green, blank is not rated', () => {
    expect(byRef(result, '1').action).toMatchObject({ rag: 'Blue', status: 'Complete' });
    expect(byRef(result, '2').action).toMatchObject({ rag: 'Green', status: 'InProgress' });
    expect(byRef(result, '5').action).toMatchObject({ rag: 'None', status: 'NotStarted', leadRole: 'Heads of service' });
  });

  it('names rows by their place in the document', () => {
    expect(result.actions.map((a) => a.row)).toEqual([2, 3, 5, 8, 9]);
  });
});

describe('a plan whose title repeats at the top of every page', () => {
  it('treats the repeated title as a page break, not as an action', async () => {
    const csv = [
      'WRES action plan 2020-21,,,',
      ',Agreed Actions,By who,Action due date',
      '1.1,Publish the band report and share it with,Head of Workforce,31 March 2021',
      'WRES action plan 2020-21,,,',
      ',the BME staff network,,',
      '1.2,Review exit interviews,Megan Bowen,30 June 2020',
    ].join('\n');
    const result = mapDocument(await readDocument(Buffer.from(csv), 'csv'), { importedAt });
    expect(result.errors).toEqual([]);
    expect(result.actions.map((a) => [a.action.ref, a.action.title])).toEqual([
      ['1.1', 'Publish the band report and share it with the BME staff network'],
      ['1.2', 'Review exit interviews'],
    ]);
  });

  it('refuses a row with a reference but no action text, naming the row', async () => {
    const csv = ['Ref,Action,Lead', '1,Audit panels,HR team', '2,,HR team'].join('\n');
    const result = mapDocument(await readDocument(Buffer.from(csv), 'csv'), { importedAt });
    expect(result.errors).toEqual([{ row: 3, location: 'row 3', message: 'there is no action text' }]);
  });
});
