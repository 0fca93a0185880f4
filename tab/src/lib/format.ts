/** UK date and time formatting for the tab. Dates are `YYYY-MM-DD`; instants are ISO strings shown in the organisation's time zone. */

/** An Intl formatter made on first use: each costs milliseconds to build, and start-up needs few of them. */
function lazy(make: () => Intl.DateTimeFormat): () => Intl.DateTimeFormat {
  let made: Intl.DateTimeFormat | undefined;
  return () => (made ??= make());
}

const dayFormat = lazy(() => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }));
const longDayFormat = lazy(
  () => new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
);

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

// Until /api/me says otherwise (it is read before any page is shown): the default TIMEZONE.
// Nothing is built here: the first Intl formatter loads the browser's locale data (tens of milliseconds),
// which the start-up script does while its data requests are on the wire (warmFormats), not before sending them.
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
  return dayFormat().format(dateOnly(date));
}

/** "Tue 17 Mar 2026". */
export function formatLongDate(date: string): string {
  return longDayFormat().format(dateOnly(date));
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

/**
 * Builds the formatters the plan's first screen uses (dates, long dates,
 * numbers), so that the cost of loading the locale data is paid while the
 * page waits for its data rather than after it has come.
 */
export function warmFormats(): void {
  formatDate('2000-01-01');
  formatLongDate('2000-01-01');
  plural(1000, 'action');
}

// One number formatter for the page: `toLocaleString('en-GB')` builds a new one on every call.
let numbers: Intl.NumberFormat | undefined;

/** "5,000": a whole number as UK English writes it. */
export function formatNumber(n: number): string {
  return (numbers ??= new Intl.NumberFormat('en-GB')).format(n);
}

/** "1 action", "3 actions". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}
