import { z } from 'zod';
import type { Clock } from '../domain/clock.js';
import type { FieldErrors } from '../domain/field-errors.js';
import { checkEvidenceLinks, splitLinkText } from '../domain/evidence-links.js';
import type { ProgressUpdate } from '../domain/model.js';
import { movedOnMessage } from '../domain/carry-over.js';
import { canUpdate, type Actor } from '../domain/people.js';
import { isCarriedOver, nextState } from '../domain/rules.js';
import { withoutControlCharacters } from '../domain/text-hygiene.js';
import { AppError } from '../errors.js';
import type { PlanStore, RecordUpdateResult } from '../store/plan-store.js';

/** The longest progress note accepted, on the card and in the tab. */
export const MAX_NOTE_LENGTH = 2000;

const NOTE_MISSING = 'Please write what has happened since the last update.';
const TOO_MANY_LINKS = 'Please add at most three links.';
const LINKS_UNREADABLE = 'The links could not be read. Please give each link as text.';

/** The links given, as texts, or why they cannot be read; bounded before anything is parsed. */
function linkEntries(given: unknown): string[] | { refused: string } {
  if (given === undefined || given === null) return [];
  if (typeof given === 'string') return given.length > 20_000 ? { refused: TOO_MANY_LINKS } : splitLinkText(given);
  if (!Array.isArray(given)) return { refused: LINKS_UNREADABLE };
  if (given.length > 20) return { refused: TOO_MANY_LINKS };
  if (!given.every((g): g is string => typeof g === 'string')) return { refused: LINKS_UNREADABLE };
  return given.some((g) => g.length > 20_000) ? { refused: TOO_MANY_LINKS } : given;
}

/**
 * Evidence links: a list (the API, the tab) or the text of one box (the
 * card: links separated by spaces or line breaks), checked by the domain's
 * one rule (`checkEvidenceLinks`). The result is the normalised links, or
 * undefined when there are none.
 */
const linksSchema = z
  .unknown()
  .optional()
  .transform((given, ctx) => {
    const entries = linkEntries(given);
    const checked = Array.isArray(entries) ? checkEvidenceLinks(entries) : { ok: false as const, message: entries.refused };
    if (checked.ok) return checked.links.length > 0 ? checked.links : undefined;
    ctx.addIssue({ code: 'custom', message: checked.message });
    return z.NEVER;
  });

/**
 * A progress update as the card or the tab submits it: the one schema both
 * edges validate with, so their rules never drift apart. It takes the forms
 * Teams sends card inputs in (numbers and booleans as strings) as well as
 * JSON's. The note loses control characters (see `withoutControlCharacters`)
 * and surrounding space before it is checked.
 */
const updateInputSchema = z.object({
  actionId: z.string().min(1).max(200),
  /** Client-chosen idempotency key; a retried submission reuses it. */
  requestId: z.string().min(8).max(200),
  /** The action version the author was looking at. */
  expectedVersion: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).pipe(z.number().int().nonnegative()),
  text: z
    .string({ message: NOTE_MISSING })
    .max(200_000)
    .transform((s) => withoutControlCharacters(s).trim())
    .pipe(
      z
        .string()
        .min(1, NOTE_MISSING)
        .max(MAX_NOTE_LENGTH, `Please keep the note under ${MAX_NOTE_LENGTH.toLocaleString('en-GB')} characters.`),
    ),
  rag: z.enum(['Red', 'Amber', 'Green', 'Blue'], { message: 'Please choose a RAG rating.' }),
  markComplete: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).optional(),
  links: linksSchema,
});

/** A validated progress update (see `parseUpdateInput`). */
export type UpdateInput = Omit<z.output<typeof updateInputSchema>, 'links'> & { links?: string[] };

/**
 * Validates a submission at the edge (card or API), once. Rejects with
 * `bad_input` whose `details` are `FieldErrors`; `form` is set when the
 * submission itself is unreadable (no action, request id or version).
 */
export function parseUpdateInput(raw: unknown): UpdateInput {
  const parsed = updateInputSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    const key = field === 'text' || field === 'rag' || field === 'links' ? field : 'form';
    errors[key] ??= key === 'form' ? 'This update could not be read. Please try again.' : issue.message;
  }
  throw new AppError('bad_input', Object.values(errors).join(' '), { details: errors });
}

/**
 * What became of a submission, with everything its answer shows: the action
 * as it now stands, and for a stored update the update and the action's
 * progress log (`pending`: saved locally, syncing to SharePoint).
 */
export type SubmitOutcome = RecordUpdateResult;

/**
 * Application service shared by the bot and the tab's API: checks the actor
 * may touch the action, works out the state the update leaves, and stores it
 * exactly once. Input arrives validated (`parseUpdateInput`).
 */
export class PlanService {
  constructor(
    private readonly store: PlanStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Records a progress update for `actor`. Rejects with `forbidden` when the
   * actor neither owns the action nor is an E&D lead, `not_found` for an
   * unknown action, `conflict` for one carried over into the next plan year
   * (nothing is stored in any case). A stale version comes
   * back as `conflict`, a reused request id as `refused`.
   */
  async submitUpdate(actor: Actor, input: UpdateInput, source: ProgressUpdate['source']): Promise<SubmitOutcome> {
    const action = await this.store.getAction(input.actionId);
    if (!action) throw new AppError('not_found', 'That action is no longer in the plan.');
    if (!canUpdate(actor, action)) {
      throw new AppError(
        'forbidden',
        `Only ${action.owner?.displayName ?? 'the action owner'} or an E&D lead can update action ${action.ref}.`,
      );
    }
    if (isCarriedOver(action)) throw new AppError('conflict', movedOnMessage(action));
    const now = this.clock.now().toISOString();
    const next = nextState(action, { rag: input.rag, markComplete: input.markComplete });
    const author = { name: actor.displayName, ...(actor.aadObjectId ? { aadObjectId: actor.aadObjectId } : {}) };
    const links = input.links ? { links: input.links } : {};
    return this.store.recordUpdate({
      expectedVersion: input.expectedVersion,
      update: {
        actionId: action.id,
        text: input.text,
        ragFrom: action.rag,
        ragTo: next.rag,
        statusFrom: action.status,
        statusTo: next.status,
        author,
        submittedAt: now,
        source,
        requestId: input.requestId,
        ...links,
      },
      next: { ...next, latestUpdate: { text: input.text, authorName: actor.displayName, submittedAt: now, ...links }, updatedAt: now },
    });
  }
}
