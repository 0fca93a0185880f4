import { z } from 'zod';
import { BANK_HOLIDAY_DIVISIONS, type BankHoliday } from '../../domain/bank-holidays.js';
import { AppError } from '../../errors.js';
import type { BatchStep } from '../../graph/batch-steps.js';
import { line, parseFields, text, type ListItem } from './item-fields.js';
import { answerMessage, type ListAccess } from './list-access.js';

const LIST = 'WRES Bank Holidays';
const holidayFields = z.object({
  Division: z.enum(BANK_HOLIDAY_DIVISIONS),
  HolidayDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  HolidayTitle: text,
  HolidayNotes: text,
});

const keyOf = (h: Pick<BankHoliday, 'division' | 'date'>) => `${h.division}|${h.date}`;
const order = (a: BankHoliday, b: BankHoliday) =>
  BANK_HOLIDAY_DIVISIONS.indexOf(a.division) - BANK_HOLIDAY_DIVISIONS.indexOf(b.division) || a.date.localeCompare(b.date);

function fromItem(item: ListItem): BankHoliday {
  const f = parseFields(holidayFields, item, LIST);
  return { division: f.Division, date: f.HolidayDate, title: f.HolidayTitle, notes: f.HolidayNotes };
}

function fields(h: BankHoliday): Record<string, unknown> {
  return {
    Title: line(h.title),
    HolidayKey: keyOf(h),
    Division: h.division,
    HolidayDate: h.date,
    HolidayTitle: line(h.title),
    HolidayNotes: line(h.notes),
  };
}

/**
 * The imported bank holidays on the "WRES Bank Holidays" list, one item per
 * (nation, date) under the unique `HolidayKey`. A replacement reads the
 * list once and writes only the differences in `$batch`es; SharePoint has
 * no transaction, so an interrupted one is completed by running it again.
 */
export const graphHolidays = {
  async list(lists: ListAccess): Promise<BankHoliday[]> {
    return (await lists.readAll('holidays', 'reading the bank holidays')).map(fromItem).sort(order);
  },

  async replace(lists: ListAccess, holidays: readonly BankHoliday[]): Promise<void> {
    const existing = new Map((await lists.readAll('holidays', 'reading the bank holidays')).map((i) => [keyOf(fromItem(i)), i]));
    const wanted = new Map(holidays.map((h) => [keyOf(h), h]));
    const steps: BatchStep[] = [];
    for (const [key, item] of existing) {
      const next = wanted.get(key);
      if (!next) steps.push({ id: `d${steps.length}`, method: 'DELETE', url: lists.items('holidays', item.id) });
      else {
        const was = fromItem(item);
        if (was.title !== next.title || was.notes !== next.notes)
          steps.push({ id: `p${steps.length}`, method: 'PATCH', url: `${lists.items('holidays', item.id)}/fields`, body: fields(next) });
      }
    }
    for (const [key, h] of wanted) {
      if (!existing.has(key))
        steps.push({ id: `c${steps.length}`, method: 'POST', url: lists.items('holidays'), body: { fields: fields(h) } });
    }
    const failed = [...(await lists.writeAll(steps, 'saving the bank holidays')).values()].filter(
      (a) => a.status >= 300 && !(a.status === 404 && a.id.startsWith('d')) && !(a.status === 409 && a.id.startsWith('c')),
    );
    if (failed.length)
      throw new AppError(
        'unavailable',
        `SharePoint did not save ${failed.length} of the bank holidays (${answerMessage(failed[0]!)}). Run the import again to finish it.`,
      );
  },
};
