import { createHash } from 'node:crypto';
import { diffImport, type ImportBase, type ImportDiff, type ImportedAction } from '../domain/plan-import.js';
import { AppError } from '../errors.js';

/**
 * The idempotency key of an imported history entry: its plan year, ref,
 * calendar date (UTC) and text. Re-importing the same plan produces the
 * same keys, and both stores keep them unique.
 */
export function importRequestId(planYear: string, ref: string, submittedAt: string, text: string): string {
  const day = new Date(submittedAt).toISOString().slice(0, 10);
  const digest = createHash('sha256').update(`${planYear}|${ref}|${day}|${text}`).digest('hex');
  return `import:${digest}`;
}

/** `diffImport`, refusing with `bad_input` a plan that lists a (plan year, ref) twice. */
export function checkedImportDiff(base: ImportBase, items: readonly ImportedAction[], importedAt: string): ImportDiff {
  const diff = diffImport(base, items, importedAt);
  if (diff.duplicates.length > 0) {
    const refs = diff.duplicates.map((d) => `${d.ref} (${d.planYear})`).join(', ');
    throw new AppError('bad_input', `The plan lists these action references more than once: ${refs}.`, {
      details: { duplicates: diff.duplicates },
    });
  }
  return diff;
}
