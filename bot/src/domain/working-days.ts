import { addDays, weekday } from './dates.js';

/** True for Monday to Friday. Bank holidays are not known here and count as working days. */
export function isWorkingDay(date: string): boolean {
  return weekday(date) <= 5;
}

/** `date` itself on a weekday; the Friday before when `date` is a Saturday or Sunday. */
export function workingDayOnOrBefore(date: string): string {
  const day = weekday(date);
  return day <= 5 ? date : addDays(date, 5 - day);
}
