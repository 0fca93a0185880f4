import type { ImportedAction } from '../domain/plan-import.js';

/** The text encodings a CSV or text plan is read in. */
export type TextEncoding = 'UTF-8' | 'UTF-16 LE' | 'UTF-16 BE' | 'Windows-1252';

/** One row of a table as read from the file: cell texts, and where the user finds the row. */
export interface RawRow {
  /** The row number the user sees: spreadsheet row, CSV record, or running table row in a Word document (1-based, headers counted). */
  rowNumber: number;
  /** Human location for messages, e.g. "row 7" or "table 2, row 3". */
  location: string;
  cells: string[];
}

/**
 * A run of rows read from one file. `breakBefore` marks rows that start a new
 * page-split piece (a new Word table), where a continuation row may follow.
 */
export interface RawTable {
  rows: RawRow[];
  /** Text outside any table (Word paragraphs), searched for the plan year. */
  preamble: string;
  /** Whether rows carry on from the previous table (Word: one plan split across tables). */
  continuesPrevious: boolean;
}

/** A readable document: its tables in order, and the text encoding it was read in (text files). */
export interface RawDocument {
  tables: RawTable[];
  encoding?: TextEncoding;
  /** Rows the reader itself could not read (e.g. a JSON action of the wrong shape), reported with the rest. */
  rejected?: ImportRowError[];
}

/** A rejected row, numbered as the user sees it. */
export interface ImportRowError {
  row: number;
  message: string;
  /** "row 12 (table 3, row 2)" where a plain row number would not be enough to find it. */
  location: string;
}

/** An imported action with the row it came from (for messages). Assignable to ImportedAction. */
export interface ParsedAction extends ImportedAction {
  row: number;
}

/** What an importer returns: good rows, rejected rows (with reasons) and notes for the user. */
export interface ImportResult {
  actions: ParsedAction[];
  errors: ImportRowError[];
  warnings: string[];
  /** The plan year used for rows that do not name one, and where it came from. */
  planYear: string;
  planYearSource: 'option' | 'title' | 'column' | 'current';
  /** The plan years the actions belong to, sorted. */
  planYears: string[];
  /** The text encoding of a CSV or text file (see `encodingNote`). */
  encoding?: TextEncoding;
}

/** Options for reading a plan. */
export interface ImportOptions {
  /** "2019/20", "2019-20" or "2019-2020"; wins over the title. */
  planYear?: string;
  /** ISO instant of the import: undated progress text is stamped with it. */
  importedAt: string;
  /** IANA time zone the plan's dates are in (default Europe/London). */
  timeZone?: string;
  /** Author name recorded on imported progress notes. */
  authorName?: string;
}
