import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProgressUpdate } from '../../bot/src/domain/model.js';
import { toCsv } from '../../bot/src/export/to-csv.js';
import { toJson } from '../../bot/src/export/to-json.js';
import { toXlsx } from '../../bot/src/export/to-xlsx.js';
import { mapDocument, readDocument, type PlanFormat } from '../../bot/src/importers/import-plan.js';
import { buildSamplePlan } from '../../bot/src/sample/sample-plan.js';
import type { PlanStore } from '../../bot/src/store/plan-store.js';
import { pagedPlanDocx } from '../fixtures/plan-fixtures.js';
import { makeRecordUpdate } from '../store/fixtures.js';
import { memoryStore, planView } from './store-helpers.js';

async function exported(store: PlanStore, format: 'csv' | 'xlsx' | 'json'): Promise<Buffer> {
  const actions = await store.listActions();
  const history = new Map<string, ProgressUpdate[]>();
  for (const a of actions) history.set(a.id, await store.listUpdates(a.id));
  if (format === 'json') return Buffer.from(toJson(actions, { history }));
  return format === 'csv' ? Buffer.from(toCsv(actions, { history })) : toXlsx(actions, { history });
}

async function importInto(store: PlanStore, file: Buffer, format: PlanFormat, importedAt: string) {
  const result = mapDocument(await readDocument(file, format), { importedAt });
  expect(result.errors).toEqual([]);
  return { summary: await store.importActions(result.actions, importedAt) };
}

describe('import → export → import', () => {
  let first: PlanStore;
  let second: PlanStore;
  beforeEach(async () => {
    first = await memoryStore();
    second = await memoryStore();
    await importInto(first, await pagedPlanDocx(), 'docx', '2017-01-10T09:30:00.000Z');
  });
  afterEach(async () => {
    await first.close();
    await second.close();
  });

  it.each(['csv', 'xlsx', 'json'] as const)('gives the same plan through %s', async (format) => {
    await importInto(second, await exported(first, format), format, '2017-02-01T09:00:00.000Z');
    expect(await planView(second)).toEqual(await planView(first));
  });

  it.each(['csv', 'xlsx', 'json'] as const)('changes nothing when the %s export is imported back into the same plan', async (format) => {
    const outcome = await importInto(first, await exported(first, format), format, '2017-02-01T09:00:00.000Z');
    expect(outcome.summary).toMatchObject({ created: 0, updated: 0, progressAdded: 0 });
  });

  it.each(['csv', 'xlsx', 'json'] as const)(
    "reads the plan year from the %s export's column, without a note about the title",
    async (format) => {
      const result = mapDocument(await readDocument(await exported(first, format), format), { importedAt: '2017-02-01T09:00:00.000Z' });
      expect(result).toMatchObject({ planYear: '2016/17', planYears: ['2016/17'], planYearSource: 'column' });
      expect(result.warnings.join(' ')).not.toContain('does not say which year');
    },
  );

  it('reports a JSON action of the wrong shape by its place in the file, and reads the rest', async () => {
    const body = JSON.parse((await exported(first, 'json')).toString()) as { actions: Record<string, unknown>[] };
    body.actions[1]!.dueDate = '31/4/2016';
    const result = mapDocument(await readDocument(Buffer.from(JSON.stringify(body)), 'json'), { importedAt: '2017-02-01T09:00:00.000Z' });
    expect(result.errors).toEqual([
      { row: 3, location: 'action 2', message: expect.stringContaining('"dueDate" is not as this app exports it') },
    ]);
    expect(result.actions).toHaveLength(4);
  });

  it('keeps the sample plan, owners and all, through an Excel round trip', async () => {
    const clockNow = new Date('2026-01-15T10:00:00.000Z');
    const sample = await memoryStore();
    await sample.importActions(buildSamplePlan(clockNow), clockNow.toISOString());
    const outcome = await importInto(sample, await exported(sample, 'xlsx'), 'xlsx', '2026-01-16T10:00:00.000Z');
    expect(outcome.summary).toMatchObject({ created: 0, updated: 0, progressAdded: 0 });
    await sample.close();
  });
});

describe('spreadsheet formula injection', () => {
  const risky = ['=HYPERLINK("http://evil.example","click")', '+44 20 7946 0000', '-2 posts', '@SUM(A1)', '\tTabbed'];

  async function riskyPlan(): Promise<PlanStore> {
    const store = await memoryStore();
    await store.importActions(
      risky.map((title, i) => ({
        action: {
          ref: String(i + 1),
          planYear: '2020/21',
          theme: '',
          indicators: [2],
          title,
          measure: '',
          owner: null,
          leadRole: '',
          dueDate: null,
          dueText: '',
          status: 'NotStarted',
          rag: 'None',
        },
        history: [],
      })),
      '2020-05-01T09:00:00.000Z',
    );
    return store;
  }

  it('puts an apostrophe before risky cells in CSV', async () => {
    const store = await riskyPlan();
    const rows = parse(toCsv(await store.listActions()), { bom: true });
    expect(rows.slice(1).map((r) => r[4])).toEqual(risky.map((t) => `'${t}`));
    await store.close();
  });

  it('puts an apostrophe before risky cells in XLSX, and imports them back as written', async () => {
    const store = await riskyPlan();
    const buffer = await toXlsx(await store.listActions());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    const titles = risky.map((_t, i) => wb.worksheets[0]!.getRow(i + 2).getCell(5).value);
    expect(titles).toEqual(risky.map((t) => `'${t}`));
    const back = mapDocument(await readDocument(buffer, 'xlsx'), { importedAt: '2020-05-02T09:00:00.000Z' });
    expect(back.actions.map((a) => a.action.title)).toEqual([
      '=HYPERLINK("http://evil.example","click")',
      '+44 20 7946 0000',
      '-2 posts',
      '@SUM(A1)',
      'Tabbed',
    ]);
    await store.close();
  });

  it('exports JSON with each action and its history', async () => {
    const store = await riskyPlan();
    const actions = await store.listActions();
    const json = JSON.parse(toJson(actions, { history: new Map([[actions[0]!.id, []]]) })) as {
      actions: { title: string; history: unknown[] }[];
    };
    expect(json.actions).toHaveLength(5);
    expect(json.actions[0]).toMatchObject({ title: risky[0], history: [] });
    await store.close();
  });
});

describe('evidence links through export and import', () => {
  const AUDIT = 'https://nhsuk.sharepoint.com/sites/edi/Shared%20Documents/panel-audit.xlsx';
  const PAPER = 'https://intranet.example.nhs.uk/board/wres-paper.pdf';
  let first: PlanStore;
  let second: PlanStore;
  beforeEach(async () => {
    first = await memoryStore();
    second = await memoryStore();
    await importInto(first, await pagedPlanDocx(), 'docx', '2017-01-10T09:30:00.000Z');
    const [a, b] = await first.listActions();
    for (const [action, links, at] of [
      [a!, [AUDIT, PAPER], '2017-01-20T14:32:00.000Z'],
      [b!, [PAPER], '2017-01-21T12:00:00.000Z'],
    ] as const) {
      const result = await first.recordUpdate(
        makeRecordUpdate(action, { text: `Evidence for ${action.ref}`, submittedAt: at, links: [...links] }),
      );
      expect(result.kind).toBe('recorded');
    }
  });
  afterEach(async () => {
    await first.close();
    await second.close();
  });

  /** Every note with its links, by action ref. */
  async function notesWithLinks(store: PlanStore): Promise<[string, string, string[] | undefined][]> {
    const out: [string, string, string[] | undefined][] = [];
    for (const a of await store.listActions()) for (const u of await store.listUpdates(a.id)) out.push([a.ref, u.text, u.links]);
    return out;
  }

  it.each(['csv', 'xlsx', 'json'] as const)(
    'carries each note’s links through %s into a new store, and back into the same one as no change',
    async (format) => {
      const file = await exported(first, format);
      if (format === 'csv') expect(file.toString()).toContain(`20.01.2017 14:32: Evidence for 1\nEvidence: ${AUDIT}\nEvidence: ${PAPER}`);
      await importInto(second, file, format, '2017-02-01T09:00:00.000Z');
      const copied = await notesWithLinks(second);
      expect(copied.filter(([, , links]) => links)).toEqual((await notesWithLinks(first)).filter(([, , links]) => links));
      expect(copied.filter(([, , links]) => links)).toHaveLength(2);
      expect((await second.listActions())[0]!.latestUpdate?.links).toEqual([AUDIT, PAPER]);

      const again = await importInto(first, file, format, '2017-02-01T09:00:00.000Z');
      expect(again.summary).toMatchObject({ created: 0, updated: 0, progressAdded: 0 });
    },
  );

  it('keeps an exported "Evidence:" line that fails the check as part of the note, with a warning naming why', async () => {
    const body = JSON.parse((await exported(first, 'json')).toString()) as { actions: { history: { links?: string[] }[] }[] };
    body.actions[0]!.history.at(-1)!.links = ['http://intranet.example.nhs.uk/audit.xlsx'];
    const result = mapDocument(await readDocument(Buffer.from(JSON.stringify(body)), 'json'), { importedAt: '2017-02-01T09:00:00.000Z' });
    expect(result.errors).toEqual([]);
    const note = result.actions[0]!.history.at(-1)!;
    expect(note).toMatchObject({ text: 'Evidence for 1\nEvidence: http://intranet.example.nhs.uk/audit.xlsx' });
    expect(note).not.toHaveProperty('links');
    expect(result.warnings.join(' ')).toContain('the evidence links of a progress note were kept as text: the link starts with http://');
  });
});
