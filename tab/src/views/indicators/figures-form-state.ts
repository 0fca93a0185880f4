import { figureProblem } from './evidence-text.js';

/** What the person typed in each figure box, by measure key. */
export type Drafts = Record<string, string>;

/** The drafts for `measures` from the stored figures of one year (blank where none). */
export function draftsFrom(measures: readonly string[], stored: Record<string, number> | undefined): Drafts {
  return Object.fromEntries(measures.map((m) => [m, stored?.[m] === undefined ? '' : String(stored[m])]));
}

/** A typed figure: "1,234" → 1234, "25%" → 25, "" → null; NaN when it is not a number. */
function readDraft(text: string): number | null {
  const t = text
    .trim()
    .replace(/[−–]/g, '-')
    .replace(/%$/, '')
    .replace(/,(?=\d{3}(\D|$))/g, '');
  if (!t) return null;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

/**
 * The figures to send (only boxes that differ from what is stored; a cleared
 * box sends null) and the problems to show, by measure, before any round trip.
 */
export function figuresToSend(
  drafts: Drafts,
  stored: Record<string, number> | undefined,
): { figures: Record<string, number | null>; errors: Record<string, string> } {
  const figures: Record<string, number | null> = {};
  const errors: Record<string, string> = {};
  for (const [measure, text] of Object.entries(drafts)) {
    const value = readDraft(text);
    if (value !== null && Number.isNaN(value)) {
      errors[measure] = 'Please enter a number, for example 1250 or 27.5';
      continue;
    }
    const problem = figureProblem(measure, value);
    if (problem) errors[measure] = `This figure ${problem}`;
    else if ((stored?.[measure] ?? null) !== value) figures[measure] = value;
  }
  return { figures, errors };
}
