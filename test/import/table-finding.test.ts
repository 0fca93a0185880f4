import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapDocument, readDocument } from '../../bot/src/importers/import-plan.js';
import type { ImportResult } from '../../bot/src/importers/types.js';

const importedAt = '2026-03-02T10:00:00.000Z';
const read = async (text: string): Promise<ImportResult> => mapDocument(await readDocument(Buffer.from(text), 'csv'), { importedAt });
const refs = (r: ImportResult) => r.actions.map((a) => [a.row, a.action.ref, a.action.title]);

describe('a data row that reads like a header', () => {
  it('imports a row whose lead cell reads "Lead" and whose action starts with "Action"', async () => {
    const r = await read(
      [
        'Ref,Action,Lead,Due by',
        '1,Audit panels,Head of HR,31/3/2026',
        '2,Action plan review with the network,Lead,30/4/2026',
        '3,Publish report,Comms,30/5/2026',
      ].join('\n'),
    );
    expect(refs(r)).toEqual([
      [2, '1', 'Audit panels'],
      [3, '2', 'Action plan review with the network'],
      [4, '3', 'Publish report'],
    ]);
    expect(r.actions[1]!.action.leadRole).toBe('Lead');
  });

  it('does not renumber the rows after it when the plan has no reference column', async () => {
    const r = await read(
      [
        'Action,Lead,Due by',
        'Audit panels,Head of HR,31/3/2026',
        'Actions from the staff survey,Owner,30/4/2026',
        'Publish report,Comms,30/5/2026',
      ].join('\n'),
    );
    expect(r.actions.map((a) => a.action.ref)).toEqual(['1', '2', '3']);
    expect(r.actions[2]!.action.title).toBe('Publish report');
  });

  it('imports a row whose theme cell reads like a sub-heading ("Summary") when it has a lead and a date', async () => {
    const r = await read(
      [
        'Ref,Theme,Action,Lead,Due by',
        '1,Summary,Publish the WRES summary,Head of HR,31/3/2026',
        '2,Recruitment,Audit panels,HR team,30/4/2026',
      ].join('\n'),
    );
    expect(r.actions.map((a) => [a.action.ref, a.action.theme])).toEqual([
      ['1', 'Summary'],
      ['2', 'Recruitment'],
    ]);
  });

  it('skips a header repeated exactly, and re-maps below a genuinely new header', async () => {
    const r = await read(
      [
        'Ref,Action,Lead,Due by',
        '1,Audit panels,Head of HR,31/3/2026',
        'Ref,Action,Lead,Due by',
        '2,Publish report,Comms,30/5/2026',
        'Ref,Due by,Action,Owner',
        '3,30/6/2026,Mentoring scheme,Megan Bowen',
      ].join('\n'),
    );
    expect(r.errors).toEqual([]);
    expect(r.actions.map((a) => [a.action.ref, a.action.title, a.action.dueDate])).toEqual([
      ['1', 'Audit panels', '2026-03-31'],
      ['2', 'Publish report', '2026-05-30'],
      ['3', 'Mentoring scheme', '2026-06-30'],
    ]);
  });
});

describe('prose before the table', () => {
  const intro = [
    'Workforce Race Equality Standard (WRES) 2024-25',
    '',
    'Introduction',
    'Our WRES report was published in July. Whilst we did well on some indicators, actions, leads and dates below were agreed, in full, by the board.',
    'The actions will be folded into the equality, diversity and inclusion plan; progress is reviewed quarterly.',
    '',
    'How to read this plan',
    'Each action names a lead, a date and, where known, the progress so far.',
    'RAG ratings follow the board paper: red, amber, green and blue for complete.',
    '',
  ];

  it('finds a tab-separated table below paragraphs full of commas', async () => {
    const r = await read(
      [
        ...intro,
        'Action\tOutcome\tDue by\tLead',
        'Adopt the plan\tConsistent approach\t14/9/2024\tCorporate lead',
        'Name a board lead\tCommitment\t28/12/2024\tChair',
      ].join('\n'),
    );
    expect(r.planYear).toBe('2024/25');
    expect(r.actions.map((a) => [a.action.title, a.action.dueDate, a.action.leadRole])).toEqual([
      ['Adopt the plan', '2024-09-14', 'Corporate lead'],
      ['Name a board lead', '2024-12-28', 'Chair'],
    ]);
  });

  it('finds a semicolon CSV table below prose (European Excel)', async () => {
    const r = await read(
      [...intro.map((l) => (l.includes(',') ? `"${l}"` : l)), 'Ref;Action;Lead', '1;Adopt the plan;Corporate lead'].join('\n'),
    );
    expect(r.actions.map((a) => [a.action.ref, a.action.title])).toEqual([['1', 'Adopt the plan']]);
  });

  it('still refuses a file with prose and no table', async () => {
    await expect(read(intro.join('\n'))).rejects.toThrow('No action table was found');
  });
});

// The published plans in ../shared/samples (text extracted from real trusts' plans), when the checkout has them beside it.
const SAMPLES = new URL('../../../shared/samples/', import.meta.url);
describe.skipIf(!existsSync(SAMPLES))('the seed plans', () => {
  const sample = async (name: string) => read(readFileSync(new URL(name, SAMPLES), 'utf8'));

  it('imports the plan with an introduction above its tables: 7 actions, two impossible dates refused', async () => {
    const r = await sample('000_4967231dccda9622.txt');
    expect(r.actions).toHaveLength(7);
    expect(r.planYear).toBe('2015/16');
    expect(r.errors.map((e) => e.row)).toEqual([19, 21]);
    expect(r.actions.map((a) => a.action.indicators)).toEqual([[], [], [], [], [5, 6, 7], [], []]);
  });

  it('imports the plan indexed by indicator: 9 actions, one indicator each', async () => {
    const r = await sample('002_12b6b32ffba23343.txt');
    expect(r.actions.map((a) => a.action.indicators)).toEqual([[1], [2], [3], [4], [5], [6], [7], [8], [9]]);
  });

  it('imports the plan grouped by issue: 22 actions', async () => {
    const r = await sample('003_315a473815ae50e0.txt');
    expect(r.actions).toHaveLength(22);
    expect(r.actions.every((a) => a.action.indicators.length === 0)).toBe(true);
  });
});
