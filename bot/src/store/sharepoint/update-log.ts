import type { ProgressUpdate } from '../../domain/model.js';
import { AppError } from '../../errors.js';
import type { BatchAnswer, BatchStep } from '../../graph/batch-steps.js';
import { itemSchema, updateFromItem } from './item-fields.js';
import { eq, type ListAccess } from './list-access.js';

/**
 * The update writer's reads of the Progress Updates list, shaped for
 * `$batch`: an action's log as a step of the write's own batch, and "is this
 * requestId stored?" together with the log in one round trip.
 */
export class UpdateLog {
  constructor(private readonly lists: ListAccess) {}

  /** A batch step reading every update of `actionId` (RequestId and ActionId are indexed). */
  read(actionId: string): BatchStep {
    return { id: 'log', method: 'GET', url: this.lists.query('updates', eq('ActionId', actionId)) };
  }

  /** The stored update with `update`'s requestId, if any, and its action's progress log, in one round trip. */
  async lookUp(
    update: Pick<ProgressUpdate, 'requestId' | 'actionId'>,
  ): Promise<{ earlier: ProgressUpdate | null; history: ProgressUpdate[] }> {
    const doing = 'looking for an earlier submission';
    const answers = await this.lists.graph.batch(
      [
        { id: 'earlier', method: 'GET', url: this.lists.query('updates', eq('RequestId', update.requestId), 1) },
        this.read(update.actionId),
      ],
      doing,
    );
    const earlier = await this.from(answers.get('earlier')!);
    const history = await this.from(answers.get('log')!);
    if (!earlier || !history) throw new AppError('unavailable', `SharePoint stayed busy while ${doing}.`);
    return { earlier: earlier[0] ?? null, history };
  }

  /** The updates a read answered (following further pages), oldest first; null when the read failed. */
  async from(answer: BatchAnswer): Promise<ProgressUpdate[] | null> {
    if (answer.status !== 200) return null;
    const page = answer.body as { value?: unknown[]; '@odata.nextLink'?: string };
    const items = [...(page.value ?? [])];
    if (page['@odata.nextLink']) items.push(...(await this.lists.graph.getAll(page['@odata.nextLink'], 'reading the progress log')));
    return sortedLog(items.map((i) => updateFromItem(itemSchema.parse(i))));
  }
}

/** A progress log oldest first; updates of the same instant in the order SharePoint numbered them. */
export function sortedLog(updates: ProgressUpdate[]): ProgressUpdate[] {
  return [...updates].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || Number(a.id) - Number(b.id));
}
