import { BANK_HOLIDAY_DIVISIONS, type BankHoliday, type BankHolidayDivision } from '../../domain/bank-holidays.js';
import type { StatementCache } from './statement-cache.js';

interface HolidayRow {
  division: string;
  date: string;
  title: string;
  notes: string;
}

const SELECT_HOLIDAYS = 'SELECT division, date, title, notes FROM bank_holidays ORDER BY division, date';
const DELETE_HOLIDAYS = 'DELETE FROM bank_holidays';
const INSERT_HOLIDAY = 'INSERT INTO bank_holidays (division, date, title, notes) VALUES (@division, @date, @title, @notes)';

const order = (h: BankHoliday) => BANK_HOLIDAY_DIVISIONS.indexOf(h.division);

/** The imported bank holidays on the `bank_holidays` table (migration 3); each function runs inside the store's transaction. */
export const sqliteHolidays = {
  list(sql: StatementCache): BankHoliday[] {
    return sql
      .get<[], HolidayRow>(SELECT_HOLIDAYS)
      .all()
      .filter((r) => (BANK_HOLIDAY_DIVISIONS as readonly string[]).includes(r.division))
      .map((r) => ({ division: r.division as BankHolidayDivision, date: r.date, title: r.title, notes: r.notes }))
      .sort((a, b) => order(a) - order(b) || a.date.localeCompare(b.date));
  },

  replace(sql: StatementCache, holidays: readonly BankHoliday[]): void {
    sql.get(DELETE_HOLIDAYS).run();
    const insert = sql.get<[HolidayRow]>(INSERT_HOLIDAY);
    for (const h of holidays) insert.run({ division: h.division, date: h.date, title: h.title, notes: h.notes });
  },
};
