import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { BANK_HOLIDAY_DIVISIONS, DIVISION_NAMES, type BankHoliday, type BankHolidayDivision } from '../domain/bank-holidays.js';
import { AppError } from '../errors.js';

/** The official file is about 20 KB; anything near this is not it, and is refused before it is read. */
const MAX_HOLIDAY_FILE_BYTES = 1024 * 1024;
/** A nation has about ten bank holidays a year; a file with more events than this is not the official one. */
const MAX_EVENTS_PER_DIVISION = 2_000;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((d) => {
    const parsed = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(d);
  }, 'is not a real date')
  .refine((d) => d >= '1900-01-01' && d <= '2199-12-31', 'is outside 1900–2199');

const eventSchema = z.object({
  title: z.string().trim().min(1, 'has no title').max(200),
  date: isoDate,
  notes: z.string().max(200).default(''),
  bunting: z.boolean().optional(),
});

const divisionSchema = (division: BankHolidayDivision) =>
  z.object(
    {
      division: z.literal(division, { error: `must say "${division}"` }),
      events: z.array(eventSchema).min(1, 'has no bank holidays').max(MAX_EVENTS_PER_DIVISION),
    },
    { error: (issue) => (issue.input === undefined ? 'is missing' : 'must be an object with "division" and "events"') },
  );

/** The shape of gov.uk's bank-holidays.json: one entry per nation, each with its events. */
const fileSchema = z.object({
  'england-and-wales': divisionSchema('england-and-wales'),
  scotland: divisionSchema('scotland'),
  'northern-ireland': divisionSchema('northern-ireland'),
});

/**
 * The bank holidays in a file shaped like gov.uk's bank-holidays.json
 * (`{ "england-and-wales": { division, events: [{ title, date, notes,
 * bunting }] }, "scotland": …, "northern-ireland": … }`), every nation.
 * Anything else — a missing nation, an impossible date, the same date
 * twice in one nation — is refused (`bad_input`) with each problem named.
 */
export function parseBankHolidays(raw: unknown, name: string): BankHoliday[] {
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 10).map((i) => `  ${where(i.path)}: ${i.message}`);
    throw refused(name, problems);
  }
  const holidays: BankHoliday[] = [];
  const problems: string[] = [];
  for (const division of BANK_HOLIDAY_DIVISIONS) {
    const seen = new Set<string>();
    for (const e of parsed.data[division].events) {
      if (seen.has(e.date)) problems.push(`  ${DIVISION_NAMES[division]}: ${e.date} appears more than once`);
      seen.add(e.date);
      holidays.push({ division, date: e.date, title: e.title, notes: e.notes.trim() });
    }
  }
  if (problems.length) throw refused(name, problems.slice(0, 10));
  return holidays;
}

/**
 * Reads and checks a bank holiday file (see `parseBankHolidays`). A file
 * over 1 MB is refused before it is read; so is anything that is not JSON.
 */
export async function readBankHolidayFile(path: string): Promise<BankHoliday[]> {
  const name = basename(path);
  const text = await readBounded(path, name);
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw refused(name, ['  it is not JSON (download the file itself, not the web page)']);
  }
  return parseBankHolidays(raw, name);
}

/** Reads at most the limit plus one byte, so a huge or endless file is refused without being held in memory. */
async function readBounded(path: string, name: string): Promise<string> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AppError('bad_input', code === 'ENOENT' ? `${name} does not exist.` : `${name} could not be opened (${code ?? 'error'}).`);
  }
  try {
    const buffer = Buffer.alloc(MAX_HOLIDAY_FILE_BYTES + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await file.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > MAX_HOLIDAY_FILE_BYTES) {
        throw new AppError(
          'bad_input',
          `${name} is over 1 MB, so it was not read: the official bank holidays file is about 20 KB. Download it again from https://www.gov.uk/bank-holidays.json.`,
        );
      }
    }
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    await file.close();
  }
}

function where(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the file';
  const [division, , index, field] = path;
  const nation = DIVISION_NAMES[division as BankHolidayDivision] ?? String(division);
  if (path.length === 1) return `"${String(division)}" (${nation})`;
  if (index === undefined) return `${nation}, "${String(path[1])}"`;
  return `${nation}, event ${Number(index) + 1}${field === undefined ? '' : ` "${String(field)}"`}`;
}

function refused(name: string, problems: string[]): AppError {
  return new AppError(
    'bad_input',
    `${name} is not a UK bank holidays file like https://www.gov.uk/bank-holidays.json, so nothing was imported:\n${problems.join('\n')}`,
  );
}
