import { sameLinks } from './evidence-links.js';
import type { ProgressUpdate } from './model.js';

/** What makes two submissions of a progress update the same one: the action, who wrote it and what they said (evidence included). */
export type Submission = Pick<ProgressUpdate, 'actionId' | 'author' | 'text' | 'ragTo' | 'links'>;

/**
 * The rule for a requestId that is already stored. A submission carrying the
 * requestId of `stored` is a retry of it only when it is for the same action,
 * by the same author, with the same note, RAG and evidence links (in any
 * order; Blue is "complete"; the status an update leaves follows from the
 * action, so it is not compared):
 * then the answer is
 * null and the stored update stands for both. Anything else reuses the key
 * for a different update and must be refused, never acknowledged as saved:
 * the answer says why, in words for the person who sent it.
 */
export function requestIdReuse(stored: Submission, again: Submission): string | null {
  if (stored.actionId !== again.actionId) {
    return 'Nothing was saved: this form’s submission id was already used for an update on another action. Send it again to save your note as a new update.';
  }
  if (!sameAuthor(stored.author, again.author)) {
    return 'Nothing was saved: this form’s submission id was already used by someone else. Send it again to save your note as a new update.';
  }
  if (stored.text !== again.text || stored.ragTo !== again.ragTo || !sameLinks(stored.links, again.links)) {
    return 'Nothing new was saved: an earlier submission from this form was already saved with a different note, rating or links. Check the latest update, then send again to add yours as a further update.';
  }
  return null;
}

function sameAuthor(a: ProgressUpdate['author'], b: ProgressUpdate['author']): boolean {
  if (a.aadObjectId && b.aadObjectId) return a.aadObjectId.toLowerCase() === b.aadObjectId.toLowerCase();
  return !a.aadObjectId && !b.aadObjectId && a.name === b.name;
}
