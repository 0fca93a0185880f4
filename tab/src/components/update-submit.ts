import { ApiError, type ApiClient } from '../api/client.js';
import type { ActionView, ConflictBody, FieldErrors, SubmitUpdateRequest, SubmitUpdateResponse } from '../api/types.js';
import { checkEvidenceLinks } from '../lib/domain.js';

/** The longest note the service accepts (bot/src/service/plan-service.ts MAX_NOTE_LENGTH). */
export const MAX_NOTE = 2000;

/** What became of one submission, in terms the form can show. */
export type SubmitResult =
  | { kind: 'recorded' | 'duplicate'; response: SubmitUpdateResponse }
  | { kind: 'invalid'; errors: FieldErrors }
  | { kind: 'conflict'; current: ActionView; message: string }
  | { kind: 'failed'; message: string; retryable: boolean };

/** The same checks the service makes, so most mistakes are caught before a round trip. */
export function checkNote(text: string, rag: string): FieldErrors {
  const errors: FieldErrors = {};
  const trimmed = text.trim();
  if (!trimmed) errors.text = 'Please write what has happened since the last update.';
  else if (trimmed.length > MAX_NOTE) errors.text = `Please keep the note under ${MAX_NOTE.toLocaleString('en-GB')} characters.`;
  if (!rag) errors.rag = 'Please choose a RAG rating.';
  return errors;
}

/**
 * The service's link rule (domain/evidence-links.ts) applied to each box on
 * its own, so a message shows beside the box it is about; blank boxes are
 * fine. `links` are the boxes' non-blank contents, to send.
 */
export function checkLinkBoxes(boxes: readonly string[]): { errors: (string | undefined)[]; links: string[] } {
  const errors = boxes.map((box) => {
    const checked = checkEvidenceLinks([box]);
    return checked.ok ? undefined : checked.message;
  });
  return { errors, links: boxes.map((b) => b.trim()).filter(Boolean) };
}

/** A fresh idempotency key for one submission (reused when retrying that same submission). */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/** Posts an update and sorts every answer (201, 200, 400, 409, 403, network) into a `SubmitResult`. */
export async function submitUpdate(api: ApiClient, actionId: string, body: SubmitUpdateRequest): Promise<SubmitResult> {
  try {
    const res = await api.post<SubmitUpdateResponse>(`/actions/${encodeURIComponent(actionId)}/updates`, body);
    return { kind: res.body.outcome === 'duplicate' || res.status === 200 ? 'duplicate' : 'recorded', response: res.body };
  } catch (e) {
    if (!(e instanceof ApiError)) return { kind: 'failed', message: 'The update could not be sent. Please try again.', retryable: true };
    if (e.status === 400) {
      const details = (e.details ?? {}) as FieldErrors;
      return { kind: 'invalid', errors: Object.keys(details).length ? details : { form: e.message } };
    }
    if (e.status === 409) {
      const current = (e.body as Partial<ConflictBody> | undefined)?.action;
      if (current) return { kind: 'conflict', current, message: e.message };
    }
    return { kind: 'failed', message: e.message, retryable: e.status === 0 || e.status >= 500 };
  }
}
