import { describe, expect, it } from 'vitest';
import { parseIndicatorCell, parseIndicatorRefs } from '../../bot/src/domain/indicators.js';
import { mapDocument, readDocument } from '../../bot/src/importers/import-plan.js';

describe('indicator numbers are read only from explicit mentions', () => {
  it.each([
    ['Indicator 3', [3]],
    ['Indicators 5, 6 and 8', [5, 6, 8]],
    ['WRES 2', [2]],
    ['WRES1', [1]],
    ['Ind. 4', [4]],
    ['indicators 5-8', [5, 6, 7, 8]],
    ['Indicators 1 to 3', [1, 2, 3]],
    ['Indicator(s) 2 & 4', [2, 4]],
    ['WRES indicator no. 7', [7]],
    ['the 5,6,and 7 indicators of the WRES', [5, 6, 7]],
    ['2', [2]],
    ['1, 2, 7', [1, 2, 7]],
    ['KF 18', [5]],
  ])('%s → %j', (text, expected) => {
    expect(parseIndicatorRefs(text)).toEqual(expected);
  });

  it.each([
    ['Indicator 1 Percentage of staff in AfC bands 1-9 and VSM compared with … Indicator 9 board membership', [1, 9]],
    ['Percentage of staff in each of the AfC bands 1-9 and VSM', []],
    ['Band 8a-9 posts and 8c–VSM', []],
    ['Increase BME staff at band 7 and above by 2 posts in 2020', []],
    ['WRES 2019 report: 12% of staff are BME, up 3%', []],
    ['Recruit 10 mentors by 2020', []],
    ['Ratio is 1.72 against a parity of 1.00 (indicator 2)', [2]],
    ['Train 5 managers', []],
    ['Progress on all 9 indicators', []],
    ['Indicators 0, 10, 4', [4]],
    ['Report the 2019-20 indicators to the board', []],
  ])('%s → %j', (text, expected) => {
    expect(parseIndicatorRefs(text)).toEqual(expected);
  });

  it.each([
    ['All', [1, 2, 3, 4, 5, 6, 7, 8, 9]],
    ['1-9', [1, 2, 3, 4, 5, 6, 7, 8, 9]],
    ['2 Relative likelihood of staff being appointed from shortlisting', [2]],
    ['1. Percentage of staff in each of the AfC bands 1-9 and VSM', [1]],
    ['5, 6 and 7 – staff survey', [5, 6, 7]],
    ['Indicator 1 Percentage of staff in AfC bands 1-9 … Indicator 9', [1, 9]],
    ['Percentage of staff in AfC bands 1-9', []],
    ['8c–VSM', []],
  ])('an Indicator column reading %s → %j', (cell, expected) => {
    expect(parseIndicatorCell(cell)).toEqual(expected);
  });

  it('imports the row with a long indicator cell as indicators 1 and 9, not 1–9', async () => {
    const csv = [
      'Ref,Indicator,Action,Lead',
      '1,"Indicator 1 Percentage of staff in AfC bands 1-9 and VSM compared with the workforce. Indicator 9 Board membership",Publish the band report,Head of HR',
      '2,,Mentor staff at Band 8a-9 and 8c–VSM,Head of OD',
      '3,,Review shortlisting (WRES 2) for 12 posts in 2020,Head of Resourcing',
    ].join('\n');
    const result = mapDocument(await readDocument(Buffer.from(csv), 'csv'), { importedAt: '2026-03-02T10:00:00.000Z' });
    expect(result.actions.map((a) => a.action.indicators)).toEqual([[1, 9], [], [2]]);
  });
});
