import { describe, expect, it } from 'vitest';
import type { BankHoliday } from '../../../bot/src/domain/bank-holidays.js';
import { useStore, type MakeStore } from './harness.js';

const ew = (date: string, title: string, notes = ''): BankHoliday => ({ division: 'england-and-wales', date, title, notes });
const scot = (date: string, title: string, notes = ''): BankHoliday => ({ division: 'scotland', date, title, notes });

/** The bank holidays an admin imported: kept in the store so that every instance of the service uses them. */
export function describeHolidaysContract(makeStore: MakeStore): void {
  describe('imported bank holidays', () => {
    const store = useStore(makeStore);

    it('has none until an import, then lists exactly what was saved, by nation then date', async () => {
      expect(await store().listBankHolidays()).toEqual([]);
      const saved = [scot('2029-01-02', '2nd January'), ew('2029-03-30', 'Good Friday'), ew('2029-01-01', 'New Year’s Day')];
      await store().replaceBankHolidays(saved);
      expect(await store().listBankHolidays()).toEqual([
        ew('2029-01-01', 'New Year’s Day'),
        ew('2029-03-30', 'Good Friday'),
        scot('2029-01-02', '2nd January'),
      ]);
    });

    it('replaces the whole set: dates dropped, renamed and added, the rest kept', async () => {
      await store().replaceBankHolidays([
        ew('2029-01-01', 'New Year’s Day'),
        ew('2029-04-02', 'Easter Monday'),
        scot('2029-01-02', '2nd January'),
      ]);
      const next = [
        ew('2029-01-01', 'New Year’s Day'),
        ew('2029-06-04', 'Extra bank holiday', 'Coronation'),
        scot('2029-01-02', '2nd January', 'Substitute day'),
      ];
      await store().replaceBankHolidays(next);
      expect(await store().listBankHolidays()).toEqual(next);
      await store().replaceBankHolidays([]);
      expect(await store().listBankHolidays()).toEqual([]);
    });
  });
}
