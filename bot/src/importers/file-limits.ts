import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { AppError } from '../errors.js';

/** The default limits (`IMPORT_MAX_FILE_MB`, `IMPORT_MAX_ROWS` in config.ts). */
export const DEFAULT_MAX_FILE_MB = 20;
export const DEFAULT_MAX_ROWS = 50_000;

/** How big a file any import accepts (plans and figures alike). */
export interface FileLimits {
  maxFileMb: number;
  maxRows: number;
}

export const DEFAULT_FILE_LIMITS: FileLimits = { maxFileMb: DEFAULT_MAX_FILE_MB, maxRows: DEFAULT_MAX_ROWS };

const MB = 1024 * 1024;
/** An Office file's parts together may unpack to this many times the file limit (100 MB by default). */
const UNPACKED_FACTOR = 5;
/** Parts over 1 MB may not unpack to more than this many times their packed size (Office XML packs 5–20 times). */
const MAX_RATIO = 200;
const MAX_ENTRIES = 5_000;

const megabytes = (bytes: number) => `${(bytes / MB).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;

/** Refuses (bad_input) a file over `maxFileMb`, before it is read. */
export function checkFileSize(bytes: number, name: string, limits: FileLimits): void {
  if (bytes <= limits.maxFileMb * MB) return;
  throw new AppError(
    'bad_input',
    `${name} is ${megabytes(bytes)}, over the ${limits.maxFileMb} MB limit for an import (IMPORT_MAX_FILE_MB), so it was not read. A WRES plan is usually well under 1 MB: check it is the right file.`,
  );
}

/** Refuses (bad_input) a document with more than `maxRows` rows. */
export function checkRowCount(rows: number, name: string, limits: FileLimits): void {
  if (rows <= limits.maxRows) return;
  throw new AppError(
    'bad_input',
    `${name} has more than ${limits.maxRows.toLocaleString('en-GB')} rows, the limit for an import (IMPORT_MAX_ROWS), so it was not imported.`,
  );
}

/**
 * Checks an Office file (a zip) before any parser unpacks it: reads the
 * central directory with yauzl and refuses (bad_input) too many parts, a
 * part whose unpacked size or packing ratio is absurd, or parts that
 * together unpack to more than five times the file limit. Then unpacks the
 * XML parts as a stream, holding one chunk at a time: a part that unpacks
 * to more than its directory entry claims is refused, and the rows of the
 * sheets (xlsx) or tables (docx) are counted against `maxRows`.
 */
export async function checkArchive(buffer: Buffer, name: string, limits: FileLimits): Promise<void> {
  const zip = await openZip(buffer, name);
  try {
    const budget = limits.maxFileMb * MB * UNPACKED_FACTOR;
    let unpacked = 0;
    let rows = 0;
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      if (zip.entriesRead > MAX_ENTRIES) throw refused(name, `it holds more than ${MAX_ENTRIES.toLocaleString('en-GB')} parts`);
      unpacked += entry.uncompressedSize;
      if (unpacked > budget) throw refused(name, `it would unpack to more than ${megabytes(budget)}`);
      if (entry.uncompressedSize > MB && entry.uncompressedSize > entry.compressedSize * MAX_RATIO)
        throw refused(
          name,
          `its part ${entry.fileName} would unpack ${Math.round(entry.uncompressedSize / entry.compressedSize)} times over`,
        );
      if (!/\.(xml|rels)$/i.test(entry.fileName)) continue;
      rows += await countRows(zip, entry, name);
      checkRowCount(rows, name, limits);
    }
  } finally {
    zip.close();
  }
}

function refused(name: string, why: string): AppError {
  return new AppError(
    'bad_input',
    `${name} was refused before it was read: ${why}, far beyond any real action plan. It may be damaged or built to exhaust the server.`,
  );
}

function openZip(buffer: Buffer, name: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) reject(new AppError('bad_input', `${name} is not a readable Office file (it may be damaged).`, { cause: err }));
      else resolve(zip);
    });
  });
}

function nextEntry(zip: ZipFile): Promise<Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanup = () => zip.removeAllListeners('entry').removeAllListeners('end').removeAllListeners('error');
    zip.once('entry', (e: Entry) => (cleanup(), resolve(e)));
    zip.once('end', () => (cleanup(), resolve(undefined)));
    zip.once('error', (e: Error) => (cleanup(), reject(e)));
    zip.readEntry();
  });
}

/** Rows of an Excel sheet (`<row>`) or Word table (`<w:tr>`); 0 for other parts, which are still unpacked to check their size. */
async function countRows(zip: ZipFile, entry: Entry, name: string): Promise<number> {
  const pattern = /^xl\/worksheets\//i.test(entry.fileName)
    ? /<row[\s>]/g
    : /^word\/document\.xml$/i.test(entry.fileName)
      ? /<w:tr[\s>]/g
      : null;
  let stream: Readable;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch (e) {
    throw new AppError('bad_input', `${name} is not a readable Office file (it may be damaged).`, { cause: e });
  }
  const count = (text: string) => (pattern ? (text.match(pattern)?.length ?? 0) : 0);
  let rows = 0;
  let tail = '';
  try {
    for await (const chunk of stream) {
      if (!pattern) continue;
      // Keep the end of the last chunk: a tag may be split across two.
      const text = tail + (chunk as Buffer).toString('latin1');
      rows += count(text) - count(tail);
      tail = text.slice(-6);
    }
  } catch (e) {
    if (e instanceof Error && /too many bytes/i.test(e.message))
      throw refused(name, `its part ${entry.fileName} unpacks to more than its directory says`);
    throw new AppError('bad_input', `${name} is not a readable Office file (it may be damaged).`, { cause: e });
  }
  return rows;
}
