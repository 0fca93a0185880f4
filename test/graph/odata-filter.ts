// A small parser for the $filter subset the SharePoint store sends:
// `fields/Name op 'text' | number | datetime` joined by `and`. Anything else is refused,
// as Graph would refuse a filter it cannot run.

/** One comparison in a $filter. */
export interface Clause {
  field: string;
  op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
  value: string | number;
}

const CLAUSE = /^fields\/([A-Za-z_][A-Za-z0-9_]*)\s+(eq|ne|gt|ge|lt|le)\s+('(?:[^']|'')*'|-?\d+(?:\.\d+)?)$/;

/** Parses `$filter`; returns null when it is outside the supported subset. */
export function parseFilter(filter: string): Clause[] | null {
  const parts = splitAnd(filter.trim());
  const clauses: Clause[] = [];
  for (const p of parts) {
    const m = CLAUSE.exec(p.trim());
    if (!m) return null;
    const raw = m[3]!;
    const value = raw.startsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : Number(raw);
    clauses.push({ field: m[1]!, op: m[2] as Clause['op'], value });
  }
  return clauses;
}

function splitAnd(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === "'") quoted = !quoted;
    if (!quoted && s.slice(i, i + 5).toLowerCase() === ' and ') {
      out.push(cur);
      cur = '';
      i += 4;
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

/** True when `v` satisfies the clause (strings compare as SharePoint text does, ordinally). */
export function matches(c: Clause, v: unknown): boolean {
  if (v === undefined || v === null) return c.op === 'ne';
  // SharePoint compares text without regard to case.
  const a = typeof c.value === 'number' ? Number(v) : String(v).toLowerCase();
  const b = typeof c.value === 'number' ? c.value : c.value.toLowerCase();
  switch (c.op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
  }
}
