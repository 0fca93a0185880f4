import type { Rag, Status } from '../domain/model.js';

/** What the status / RAG cells of a row said; undefined where they said nothing about it. */
export interface StateWords {
  rag?: Rag;
  status?: Status;
  /** Text that was neither a RAG colour nor a status word. */
  unknown: string[];
}

// Longest phrases first so "not started" wins over "started" and "green - complete" reads as complete.
const PHRASES: [RegExp, Partial<Pick<StateWords, 'rag' | 'status'>>][] = [
  [/^(not yet started|not started|yet to start|not begun)$/, { status: 'NotStarted' }],
  [/^(not rated|unrated|none|n\/?a|no rag|-)$/, { rag: 'None' }],
  [/^(complete|completed|done|achieved|closed|finished|met|delivered)$/, { status: 'Complete' }],
  [/^(b|blue|bl)$/, { rag: 'Blue' }],
  [/^(on track|on target|g|green)$/, { rag: 'Green' }],
  [/^(a|amber|at risk|delayed|behind|slipping|partially met|partially achieved)$/, { rag: 'Amber' }],
  [/^(r|red|off track|overdue|not met|not achieved)$/, { rag: 'Red' }],
  [/^(in progress|inprogress|started|underway|under way|progressing|open|active)$/, { status: 'InProgress' }],
  [/^(ongoing|on-going|continuous|business as usual|bau)$/, { status: 'Ongoing' }],
  [/^(carried over|carried forward|rolled over|rolled forward|carriedover)$/, { status: 'CarriedOver' }],
];

/**
 * Reads the words a plan uses for RAG and status: "Red", "R", "Amber",
 * "Green", "Blue", "Complete", "Completed", "Green - complete", "On track",
 * "In progress", "Not started", "Ongoing". Each cell may hold several words
 * joined by "-", "/", "," or "and"; anything unrecognised is returned in `unknown`.
 */
export function readStateWords(cells: string[]): StateWords {
  const result: StateWords = { unknown: [] };
  for (const cell of cells) {
    const text = cell.toLowerCase().replace(/\s+/g, ' ').trim();
    if (!text) continue;
    if (applyPhrase(text, result)) continue;
    const parts = text.split(/\s*(?:[-–—/,;:()]|\band\b|\s-\s)\s*/).filter(Boolean);
    for (const part of parts) {
      if (!applyPhrase(part, result)) result.unknown.push(part);
    }
  }
  return result;
}

function applyPhrase(text: string, into: StateWords): boolean {
  const hit = PHRASES.find(([re]) => re.test(text));
  if (!hit) return false;
  const { rag, status } = hit[1];
  // A colour or a status already given by an earlier word is not overwritten by a vaguer one.
  if (rag && (into.rag === undefined || into.rag === 'None')) into.rag = rag;
  if (status && (into.status === undefined || status === 'Complete')) into.status = status;
  return true;
}

/**
 * The status an imported row starts with, before "Complete implies Blue" is
 * applied: what the plan said, else Ongoing for an ongoing due date, else In
 * progress when the row is rated or has progress notes, else Not started.
 */
export function initialStatus(words: StateWords, dueOngoing: boolean, hasProgress: boolean): Status {
  if (words.status === 'Complete' || words.rag === 'Blue') return 'Complete';
  if (words.status) return words.status;
  if (dueOngoing) return 'Ongoing';
  if ((words.rag && words.rag !== 'None') || hasProgress) return 'InProgress';
  return 'NotStarted';
}
