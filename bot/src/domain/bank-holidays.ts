/**
 * UK bank holidays as data, and the one rule for which dates are in force.
 * Pure: the shipped calendar, the admin's imported file and the store are
 * read elsewhere and passed in.
 */

/** The nations of the official UK calendar (the keys of gov.uk's bank-holidays.json). */
export const BANK_HOLIDAY_DIVISIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type BankHolidayDivision = (typeof BANK_HOLIDAY_DIVISIONS)[number];

/** Each nation as people name it. */
export const DIVISION_NAMES: Record<BankHolidayDivision, string> = {
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};

/** One bank holiday in one nation. */
export interface BankHoliday {
  division: BankHolidayDivision;
  /** `YYYY-MM-DD`. */
  date: string;
  /** As the official file words it, e.g. "Easter Monday". */
  title: string;
  /** e.g. "Substitute day"; '' when none. */
  notes: string;
}

const yearOf = (h: BankHoliday) => h.date.slice(0, 4);
const yearKey = (h: BankHoliday) => `${h.division}|${yearOf(h)}`;
const byDivisionThenDate = (a: BankHoliday, b: BankHoliday) =>
  BANK_HOLIDAY_DIVISIONS.indexOf(a.division) - BANK_HOLIDAY_DIVISIONS.indexOf(b.division) || a.date.localeCompare(b.date);

/**
 * `base` with `overlay` laid over it one (nation, year) at a time: for each
 * nation and year that `overlay` has dates in, its dates replace `base`'s
 * for that year entirely; other years keep `base`'s. This is how an imported
 * file replaces what was known (shipped or imported before) for the years it
 * covers, and only those. Sorted by nation, then date.
 */
export function overlayByYear(base: readonly BankHoliday[], overlay: readonly BankHoliday[]): BankHoliday[] {
  const covered = new Set(overlay.map(yearKey));
  return [...base.filter((h) => !covered.has(yearKey(h))), ...overlay].sort(byDivisionThenDate);
}

/** The dates (`YYYY-MM-DD`) of one nation's bank holidays: what working-day rules take. */
export function holidayDates(holidays: readonly BankHoliday[], division: BankHolidayDivision): ReadonlySet<string> {
  return new Set(holidays.filter((h) => h.division === division).map((h) => h.date));
}

/** The years (ascending) for which a nation's bank holidays are known. */
export function yearsCovered(holidays: readonly BankHoliday[], division: BankHolidayDivision): number[] {
  return [...new Set(holidays.filter((h) => h.division === division).map((h) => Number(yearOf(h))))].sort((a, b) => a - b);
}

/** How one nation's calendar differs between two versions. */
export interface HolidayChanges {
  division: BankHolidayDivision;
  /** Years known now that were not known before. */
  newYears: number[];
  /** Dates added in years that were known before. */
  added: BankHoliday[];
  /** Dates no longer in force in years that are still known. */
  removed: BankHoliday[];
  /** Same date, different name or note. */
  renamed: { before: BankHoliday; after: BankHoliday }[];
}

/** What changes, nation by nation, when `after` replaces `before`; nations with no change are left out. */
export function holidayChanges(before: readonly BankHoliday[], after: readonly BankHoliday[]): HolidayChanges[] {
  const changes: HolidayChanges[] = [];
  for (const division of BANK_HOLIDAY_DIVISIONS) {
    const was = new Map(before.filter((h) => h.division === division).map((h) => [h.date, h]));
    const now = new Map(after.filter((h) => h.division === division).map((h) => [h.date, h]));
    const knownBefore = new Set(yearsCovered(before, division));
    const newYears = yearsCovered(after, division).filter((y) => !knownBefore.has(y));
    const inNewYear = (h: BankHoliday) => newYears.includes(Number(yearOf(h)));
    const added = [...now.values()].filter((h) => !was.has(h.date) && !inNewYear(h));
    const removed = [...was.values()].filter((h) => !now.has(h.date));
    const renamed = [...now.values()].flatMap((h) => {
      const old = was.get(h.date);
      return old && (old.title !== h.title || old.notes !== h.notes) ? [{ before: old, after: h }] : [];
    });
    if (newYears.length || added.length || removed.length || renamed.length) changes.push({ division, newYears, added, removed, renamed });
  }
  return changes;
}
