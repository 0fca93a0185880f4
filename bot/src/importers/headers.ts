import { headerKey } from './cell-text.js';

/** The meanings a plan column can have (see the header table in shared/DESIGN.md). */
export type Meaning =
  'ref' | 'planYear' | 'indicators' | 'theme' | 'action' | 'measure' | 'lead' | 'ownerEmail' | 'due' | 'progress' | 'state';

const SYNONYMS: Record<Meaning, string[]> = {
  ref: ['Ref', 'Ref.', 'Reference', 'No.', 'No', 'Number', '#', 'Action no', 'Action ref', 'Item', 'ID'],
  planYear: ['Plan year', 'Financial year'],
  indicators: [
    'Indicator',
    'Indicators',
    'Indicator(s)',
    'WRES Indicator',
    'WRES Indicators',
    'WRES Indicator(s)',
    'WRES',
    'Indicator number',
    'WRES ref',
  ],
  theme: [
    'Issue',
    'Issues',
    'Equality Objective',
    'Objective',
    'Summary',
    'Theme',
    'Area',
    'Area of focus',
    'Key issue',
    'Gap',
    'Finding',
    'Issue identified',
  ],
  action: [
    'Action',
    'Actions',
    'Agreed Actions',
    'Agreed Action',
    'Suggested Actions',
    'Proposed Actions',
    'CCS Action & Lead',
    'Action required',
    'Actions required',
    'What we will do',
    'Action description',
  ],
  measure: [
    'Outcome',
    'Outcomes',
    'Measure',
    'Measures',
    'Measure of success',
    'Measures of success',
    'Expected outcome',
    'Expected outcomes',
    'Success measure',
    'Intended outcome',
    'Evidence',
  ],
  lead: [
    'Lead',
    'Leads',
    'Lead(s)',
    'Owner',
    'By who',
    'By whom',
    'Action owner',
    'Responsible',
    'Responsible lead',
    'Lead officer',
    'Who',
    'Accountable lead',
    'Lead role',
  ],
  ownerEmail: ['Owner email', 'Lead email', 'Email', 'Owner e-mail'],
  due: [
    'Due by',
    'Due',
    'Due date',
    'Deadline',
    'Action due date',
    'By when',
    'Target date',
    'Timescale',
    'Timescales',
    'Completion date',
    'Date due',
    'When',
  ],
  progress: [
    'Progress review',
    'Progress',
    'Update',
    'Updates',
    'Action Updates',
    'Progress Update',
    'Progress Updates',
    'Progress to date',
    'Latest update',
    'Comments',
  ],
  state: ['RAG rating', 'RAG', 'Status', 'RAG status', 'BRAG', 'BRAG rating', 'Rating'],
};

const EXACT = new Map<string, Meaning>();
for (const [meaning, names] of Object.entries(SYNONYMS) as [Meaning, string[]][]) {
  for (const name of names) EXACT.set(headerKey(name), meaning);
}

// For headers no synonym covers ("CCS Gap", "Lead for action"): the first telling word decides.
const KEYWORDS: [RegExp, Meaning][] = [
  [/^actions?$/, 'action'],
  [/^(gaps?|issues?|themes?|objectives?)$/, 'theme'],
  [/^(outcomes?|measures?|success)$/, 'measure'],
  [/^(leads?|owners?|responsible)$/, 'lead'],
  [/^(due|deadlines?|timescales?)$/, 'due'],
  [/^(progress|updates?)$/, 'progress'],
  [/^(rag|brag|status)$/, 'state'],
  [/^(indicators?)$/, 'indicators'],
];

/** Column positions by meaning; `lead` ("Lead" and "Owner") and `state` ("Status" and "RAG") may span several columns. */
export type ColumnMap = Partial<Record<Exclude<Meaning, 'lead' | 'state'>, number>> & { lead: number[]; state: number[] };

/** The meaning a header label names exactly, if any. */
export function exactMeaning(label: string): Meaning | undefined {
  return EXACT.get(headerKey(label));
}

/**
 * Recognises a header row: its cells must name at least two different
 * columns, one of them the action column, and at least one exactly (so a
 * trust's own prefix such as "Trust Action & Lead" still reads as Action).
 * Cells no synonym covers are matched by keyword when they are short labels
 * (five words at most, no sentence punctuation); a blank first header over
 * a column of references is taken as the reference column.
 */
export function detectHeader(cells: string[]): ColumnMap | null {
  const exact = cells.map((c) => (c.length <= 60 ? exactMeaning(c) : undefined));
  if (!exact.some(Boolean)) return null;
  const map: ColumnMap = { lead: [], state: [] };
  exact.forEach((m, i) => m && assign(map, m, i));
  cells.forEach((cell, i) => {
    if (exact[i] || !cell) return;
    const words = cell
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter(Boolean);
    // A label is short and no sentence: prose above a table ("actions, leads and dates below were agreed.") is not a header.
    if (words.length > 5 || /[,;]|[.!](\s|$)/.test(cell)) return;
    for (const word of words) {
      const hit = KEYWORDS.find(([re]) => re.test(word));
      if (hit && assign(map, hit[1], i)) return;
    }
  });
  const meanings = Object.entries(map).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : v !== undefined)).length;
  if (map.action === undefined || meanings < 2) return null;
  if (map.ref === undefined && cells[0] === '' && map.action !== 0) map.ref = 0;
  return map;
}

/** A header row's labels, to recognise it when a page repeats it. */
export function headerSignature(cells: string[]): string {
  const keys = cells.map(headerKey);
  while (keys.length > 0 && !keys.at(-1)) keys.pop();
  return keys.join('|');
}

/**
 * A header row below the one in force (`signature`): the same labels again
 * (a header repeated on each page, skipped) or, to re-map the rows below, a
 * row whose every filled cell is exactly a known header label. A data row
 * that merely holds header words ("Lead", "Action plan review") is data.
 */
export function laterHeader(cells: string[], signature: string): 'repeat' | ColumnMap | null {
  if (headerSignature(cells) === signature) return 'repeat';
  const filled = cells.filter(Boolean);
  if (filled.length < 2 || !filled.every((c) => exactMeaning(c))) return null;
  return detectHeader(cells);
}

function assign(map: ColumnMap, meaning: Meaning, column: number): boolean {
  if (meaning === 'lead' || meaning === 'state') {
    map[meaning].push(column);
    return true;
  }
  if (map[meaning] !== undefined) return false;
  map[meaning] = column;
  return true;
}

/** Labels of the sub-heading rows some plans put above each block ("Issue", "What's already in place?"). */
const THEME_LABELS = new Set(['issue', 'theme', 'equalityobjective', 'objective', 'summary', 'area', 'keyissue'].map(headerKey));
const CONTEXT_LABELS = new Set(
  ["What's already in place?", 'What is already in place', 'Already in place', 'Current position', 'Background', 'Context', 'Baseline'].map(
    headerKey,
  ),
);

/**
 * A sub-heading row: `theme` sets the theme of the rows below; `context` is
 * background text to skip. A row with a lead, due date or status under the
 * header in force (`map`) is an action, whatever its first cells say.
 */
export function sectionLabel(cells: string[], map: ColumnMap | null): { kind: 'theme'; text: string } | { kind: 'context' } | null {
  if (map && [...map.lead, ...map.state, map.due].some((i) => i !== undefined && cells[i])) return null;
  for (let i = 0; i < Math.min(cells.length, 3); i++) {
    const key = headerKey(cells[i] ?? '');
    if (!key) continue;
    const rest = cells.slice(i + 1).filter(Boolean);
    if (THEME_LABELS.has(key) && rest.length > 0) return { kind: 'theme', text: rest.join('\n') };
    if (CONTEXT_LABELS.has(key)) return { kind: 'context' };
  }
  return null;
}
