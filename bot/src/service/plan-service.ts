import { z } from 'zod';
import type { Clock } from '../domain/clock.js';
import type { Action, ProgressUpdate } from '../domain/model.js';
import { canUpdate, type Actor } from '../domain/people.js';
import { nextState } from '../domain/rules.js';
import { AppError } from '../errors.js';
import type { PlanStore } from '../store/plan-store.js';

/** The longest progress note accepted, on the card and in the tab. */
export const MAX_NOTE_LENGTH = 2000;

/**
 * A progress update as the card or the tab submits it. The same schema
 * validates both edges so their rules never drift apart.
 */
export const updateInputSchema = z.object({
  actionId: z.string().min(1),
  /** Client-chosen idempotency key; a retried submission reuses it. */
  requestId: z.string().min(8).max(200),
  /** The action version the author was looking at. */
  expectedVersion: z.number().int().nonnegative(),
  text: z
    .string()
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1, 'Please write what has happened since the last update.')
        .max(MAX_NOTE_LENGTH, `Please keep the note under ${MAX_NOTE_LENGTH.toLocaleString('en-GB')} characters.`),
    ),
  rag: z.enum(['Red', 'Amber', 'Green', 'Blue'], { message: 'Please choose a RAG rating.' }),
  markComplete: z.boolean().default(false),
});
export type UpdateInput = z.input<typeof updateInputSchema>;

/** Field-level messages for a rejected submission, shown next to the inputs. */
export type FieldErrors = Partial<Record<'text' | 'rag' | 'form', string>>;

export type SubmitOutcome =
  /** `pending: true`: SharePoint was unreachable; the update is safe in the outbox and syncs later ("saved — syncing"). */
  | { kind: 'recorded'; action: Action; update: ProgressUpdate; pending?: boolean }
  | { kind: 'duplicate'; action: Action; update: ProgressUpdate }
  /** The action changed after the author loaded it; nothing stored. Show `action` and ask again. */
  | { kind: 'conflict'; action: Action };

/**
 * Application service shared by the bot and the tab's API: validates a
 * progress update, checks the actor may touch the action, and stores it
 * exactly once.
 */
export class PlanService {
  constructor(
    private readonly store: PlanStore,
    private readonly clock: Clock,
  ) {}

  /** Validates raw input; rejects with `bad_input` whose `details` are `FieldErrors`. */
  parseUpdate(raw: unknown): z.output<typeof updateInputSchema> {
    const parsed = updateInputSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      const key = field === 'text' || field === 'rag' ? field : 'form';
      errors[key] ??= key === 'form' ? 'This update could not be read. Please try again.' : issue.message;
    }
    throw new AppError('bad_input', Object.values(errors).join(' '), { details: errors });
  }

  /**
   * Records a progress update for `actor`. Rejects with `forbidden` when the
   * actor neither owns the action nor is an E&D lead, `not_found` for an
   * unknown action, `bad_input` for invalid input (nothing is stored in any
   * of these cases).
   */
  async submitUpdate(actor: Actor, raw: UpdateInput, source: ProgressUpdate['source']): Promise<SubmitOutcome> {
    const input = this.parseUpdate(raw);
    const action = await this.store.getAction(input.actionId);
    if (!action) throw new AppError('not_found', 'That action is no longer in the plan.');
    if (!canUpdate(actor, action)) {
      throw new AppError(
        'forbidden',
        `Only ${action.owner?.displayName ?? 'the action owner'} or an E&D lead can update action ${action.ref}.`,
      );
    }
    const now = this.clock.now().toISOString();
    const next = nextState(action, { rag: input.rag, markComplete: input.markComplete });
    const author = { name: actor.displayName, ...(actor.aadObjectId ? { aadObjectId: actor.aadObjectId } : {}) };
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
      },
      next: { ...next, latestUpdate: { text: input.text, authorName: actor.displayName, submittedAt: now }, updatedAt: now },
    });
  }
}
