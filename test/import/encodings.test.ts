import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toCsv } from '../../bot/src/export/to-csv.js';
import { toXlsx } from '../../bot/src/export/to-xlsx.js';
import { mapDocument, readDocument } from '../../bot/src/importers/import-plan.js';
import { readFigures } from '../../bot/src/importers/figures-import.js';
import type { PlanStore } from '../../bot/src/store/plan-store.js';
import { tempDir, writeFixture } from '../fixtures/plan-fixtures.js';
import { cliEnv, runCli } from '../cli/run-cli.js';
import { memoryStore } from './store-helpers.js';

const importedAt = '2026-03-02T10:00:00.000Z';
const PLAN = [
  'WRES action plan 2025-26',
  'Ref,Action,Lead,Due by,Progress update',
  '1,“Reverse mentoring” – pilot with €5k budget…,Head of OD,31/3/2026,10.02.2026: Mentors’ briefing held.',
  '2,Café sessions for BME staff — all sites,Megan Bowen,30/6/2026,',
].join('\r\n');
const TITLES = ['“Reverse mentoring” – pilot with €5k budget…', 'Café sessions for BME staff — all sites'];

const read = async (bytes: Buffer) => mapDocument(await readDocument(bytes, 'csv'), { importedAt });
const withBom = (bom: number[], body: Buffer) => Buffer.concat([Buffer.from(bom), body]);

describe('text encodings of CSV and text plans', () => {
  it('reads Windows-1252 (Excel\'s "CSV" on Windows) with its quotes, dashes, ellipsis and euro, and says so', async () => {
    const result = await read(iconv.encode(PLAN, 'windows-1252'));
    expect(result.actions.map((a) => a.action.title)).toEqual(TITLES);
    expect(result.actions[0]!.history[0]!.text).toBe('Mentors’ briefing held.');
    expect(result.encoding).toBe('Windows-1252');
    expect(result.warnings[0]).toContain('read as Windows-1252');
  });

  it.each([
    ['UTF-8 without a BOM', Buffer.from(PLAN, 'utf8')],
    ['UTF-8 with a BOM', withBom([0xef, 0xbb, 0xbf], Buffer.from(PLAN, 'utf8'))],
  ])('reads %s without a note', async (_name, bytes) => {
    const result = await read(bytes);
    expect(result.actions.map((a) => a.action.title)).toEqual(TITLES);
    expect(result.encoding).toBe('UTF-8');
    expect(result.warnings.join(' ')).not.toContain('read as');
  });

  it.each([
    ['UTF-16 LE', withBom([0xff, 0xfe], iconv.encode(PLAN, 'utf-16le'))],
    ['UTF-16 BE', withBom([0xfe, 0xff], iconv.encode(PLAN, 'utf-16be'))],
    ['UTF-16 LE', iconv.encode(PLAN, 'utf-16le')],
  ])('reads %s ("Unicode text") and says which', async (encoding, bytes) => {
    const result = await read(bytes);
    expect(result.errors).toEqual([]);
    expect(result.actions.map((a) => a.action.title)).toEqual(TITLES);
    expect(result.warnings[0]).toContain(`read as ${encoding}`);
  });

  it('reads a Windows-1252 figures file and says so', async () => {
    const csv = iconv.encode('Year,Measure,Value\r\n2024/25,shortlisted.bme,120\r\n', 'windows-1252');
    const figures = readFigures(await readDocument(Buffer.concat([csv, Buffer.from([0x96, 0x0d, 0x0a])]), 'csv'), importedAt);
    expect(figures.metrics).toHaveLength(1);
    expect(figures.warnings.join(' ')).toContain('Windows-1252');
  });

  it('tells the user on the command line which encoding was used', async () => {
    const tmp = tempDir();
    try {
      const file = writeFixture(tmp, 'plan.csv', iconv.encode(PLAN, 'windows-1252'));
      const run = await runCli(['import', file], cliEnv(tmp.path('wres.db')));
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('read as Windows-1252');
      const exported = await runCli(['export', '--format', 'json'], cliEnv(tmp.path('wres.db')));
      expect(exported.stdout).toContain('Café sessions for BME staff — all sites');
    } finally {
      tmp.remove();
    }
  });
});

describe('control characters in imported text', () => {
  let store: PlanStore;
  beforeEach(async () => {
    store = await memoryStore();
  });
  afterEach(async () => {
    await store.close();
  });

  const hostile = [
    'Ref,Action,Lead,Progress update',
    '1,"Audit\u0000 panels\u001b[31m now",Head of HR,"01.02.2026: Line one\u000bLine two\u0085Line three\u009b"',
    '2,Clean row,Head of HR,',
  ].join('\n');

  it('takes NUL, escape, vertical tab and C1 controls out, keeping line breaks, and names the row', async () => {
    const result = await read(Buffer.from(hostile, 'utf8'));
    const [first] = result.actions;
    expect(first!.action.title).toBe('Audit panels[31m now');
    expect(first!.history[0]!.text).toBe('Line one\nLine two\nLine three');
    expect(result.warnings.filter((w) => w.includes('control characters'))).toEqual([
      'Row 2: control characters (such as NUL or vertical tab) were taken out of its text.',
    ]);
  });

  it('never writes them to a CSV or Excel export, even when the store holds them', async () => {
    await store.importActions(
      [
        {
          action: {
            ref: '1',
            planYear: '2025/26',
            theme: 'T\u0007heme',
            indicators: [1],
            title: 'Bell\u0007 and NUL\u0000',
            measure: '',
            owner: null,
            leadRole: 'Head\u000b of HR',
            dueDate: null,
            dueText: '',
            status: 'NotStarted',
            rag: 'None',
          },
          history: [{ text: 'Note\u0000 with NUL', submittedAt: importedAt, authorName: 'Teams' }],
        },
      ],
      importedAt,
    );
    const actions = await store.listActions();
    const history = new Map([[actions[0]!.id, await store.listUpdates(actions[0]!.id)]]);
    const csv = toCsv(actions, { history });
    expect(csv).toContain('Bell and NUL');
    // eslint-disable-next-line no-control-regex -- no control character may survive into the export
    expect(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(csv)).toBe(false);
    const back = mapDocument(await readDocument(await toXlsx(actions, { history }), 'xlsx'), { importedAt });
    expect(back.warnings.join(' ')).not.toContain('control characters');
    expect(back.actions[0]!.action.title).toBe('Bell and NUL');
  });
});
