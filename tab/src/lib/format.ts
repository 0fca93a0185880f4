/** UK date and time formatting for the tab. Dates are `YYYY-MM-DD`; instants are ISO strings shown in the organisation's time zone. */

/** An Intl formatter made on first use: each costs milliseconds to build, and start-up needs few of them. */
function lazy(make: () => Intl.DateTimeFormat): () => Intl.DateTimeFormat {
  let made: Intl.DateTimeFormat | undefined;
  return () => (made ??= make());
}

// Dates and whole numbers are written without Intl: the first Intl object a page makes loads the browser's
// locale data (40–90 ms on this machine, several times that under load), which the plan's first screen would
// otherwise wait for. The words are en-GB's as Intl writes them (test/tab/format.test.ts holds them to it).
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function instantFormats(timeZone: string) {
  return {
    instant: lazy(
      () =>
        new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone }),
    ),
    day: lazy(() => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone })),
    isoDay: lazy(() => new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone })),
  };
}

// Until /api/me says otherwise (it is read before any page is shown): the default TIMEZONE. Built on first use.
let instants = instantFormats('Europe/London');

/**
 * Shows instants in the organisation's time zone (TIMEZONE, from /api/me)
 * rather than the device's. An unknown zone keeps the current one.
 */
export function setTimeZone(timeZone: string): void {
  try {
    // Throws now for a zone this browser does not know, rather than at first use.
    new Intl.DateTimeFormat('en-GB', { timeZone });
    instants = instantFormats(timeZone);
  } catch {
    // A zone this browser does not know: keep the one in use.
  }
}

function dateOnly(date: string): Date {
  return new Date(`${date.slice(0, 10)}T00:00:00Z`);
}

/** "17 Mar 2026". */
export function formatDate(date: string): string {
  const day = dateOnly(date);
  return `${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
}

/** "Tue, 17 Mar 2026". */
export function formatLongDate(date: string): string {
  return `${WEEKDAYS[dateOnly(date).getUTCDay()]}, ${formatDate(date)}`;
}

/** "10 Mar 2026, 09:14" in the organisation's time zone. */
export function formatInstant(iso: string): string {
  return instants.instant().format(new Date(iso));
}

/** "10 Mar 2026" in the organisation's time zone. */
export function formatInstantDay(iso: string): string {
  return instants.day().format(new Date(iso));
}

/** The `YYYY-MM-DD` date of an instant in the organisation's time zone. */
export function dayOf(iso: string): string {
  const parts = Object.fromEntries(
    instants
      .isoDay()
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

let numbers: Intl.NumberFormat | undefined;

/** "5,000": a number as UK English writes it (whole numbers, which are all the tab counts, without Intl). */
export function formatNumber(n: number): string {
  if (!Number.isSafeInteger(n)) return (numbers ??= new Intl.NumberFormat('en-GB')).format(n);
  return (n < 0 ? '-' : '') + String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** "1 action", "3 actions". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}
