import type { ConversationRef, IndicatorMetric } from '../../domain/model.js';
import { graphFailure } from '../../graph/graph-errors.js';
import { conversationFromItem, conversationItemFields, metricFromItem, metricItemFields, metricKey, type ListItem } from './item-fields.js';
import { answerMessage, eq, type ListAccess } from './list-access.js';
import { AppError } from '../../errors.js';

/**
 * Conversation references and indicator metrics on their SharePoint lists.
 * References found by object id are kept for `conversationTtlMs` (the bot
 * looks the sender up on every turn; a reference changes only when the app
 * is installed again), and this instance's own changes update the cache.
 */
export class GraphDirectory {
  private readonly conversations = new Map<string, { ref: ConversationRef; at: number }>();

  constructor(
    private readonly lists: ListAccess,
    private readonly now: () => number,
    private readonly conversationTtlMs: number,
  ) {}

  /** Creates or replaces the user's reference (unique AadObjectId); a fresh reference makes the user reachable again. */
  async saveConversation(ref: ConversationRef): Promise<void> {
    const fields = conversationItemFields({ ...ref, unreachableReason: undefined });
    this.conversations.delete(ref.aadObjectId.toLowerCase());
    for (let attempt = 0; attempt < 2; attempt++) {
      const item = await this.findConversation(ref.aadObjectId);
      if (item) {
        await this.lists.graph.patch(`${this.lists.items('conversations', item.id)}/fields`, fields, 'saving a conversation reference');
        return this.remember({ ...ref, unreachableReason: undefined });
      }
      try {
        await this.lists.graph.post(this.lists.items('conversations'), { fields }, 'saving a conversation reference');
        return this.remember({ ...ref, unreachableReason: undefined });
      } catch (e) {
        // Another instance created it first: update theirs.
        if (graphFailure(e)?.status !== 409) throw e;
      }
    }
  }

  /** By Entra object id; an argument with "@" is also tried as an email (SharePoint ignores case in both). */
  async getConversation(aadObjectId: string): Promise<ConversationRef | null> {
    const cached = this.conversations.get(aadObjectId.toLowerCase());
    if (cached && this.now() - cached.at <= this.conversationTtlMs) return cached.ref;
    let item = await this.findConversation(aadObjectId);
    if (!item && aadObjectId.includes('@'))
      item = await this.lists.findOne('conversations', eq('Email', aadObjectId.trim()), 'finding a conversation');
    const ref = item ? conversationFromItem(item) : null;
    if (ref) this.remember(ref);
    return ref;
  }

  async listConversations(): Promise<ConversationRef[]> {
    const all = (await this.lists.readAll('conversations', 'reading conversation references')).map(conversationFromItem);
    return all.sort((a, b) => a.displayName.localeCompare(b.displayName) || a.aadObjectId.localeCompare(b.aadObjectId));
  }

  /** Sets or clears the reason; an unknown user is ignored. */
  async setUnreachable(aadObjectId: string, reason: string | null): Promise<void> {
    this.conversations.delete(aadObjectId.toLowerCase());
    const item = await this.findConversation(aadObjectId);
    if (!item) return;
    await this.lists.graph.patch(
      `${this.lists.items('conversations', item.id)}/fields`,
      { UnreachableReason: reason ? reason.slice(0, 255) : null },
      'marking a user unreachable',
    );
  }

  async listMetrics(): Promise<IndicatorMetric[]> {
    const all = (await this.lists.readAll('metrics', 'reading indicator figures')).map(metricFromItem);
    return all.sort((a, b) => a.year.localeCompare(b.year) || a.measure.localeCompare(b.measure));
  }

  /** Upserts by (year, measure): one read, then `$batch`es of PATCH/POST. */
  async saveMetrics(metrics: IndicatorMetric[]): Promise<void> {
    const existing = new Map(
      (await this.lists.readAll('metrics', 'reading indicator figures')).map((i) => [metricKey(metricFromItem(i)), i.id]),
    );
    const latest = new Map(metrics.map((m) => [metricKey(m), m]));
    const steps = [...latest.values()].map((m, n) => {
      const id = existing.get(metricKey(m));
      return id
        ? { id: `m${n}`, method: 'PATCH' as const, url: `${this.lists.items('metrics', id)}/fields`, body: metricItemFields(m) }
        : { id: `m${n}`, method: 'POST' as const, url: this.lists.items('metrics'), body: { fields: metricItemFields(m) } };
    });
    for (const answer of (await this.lists.writeAll(steps, 'saving indicator figures')).values()) {
      if (answer.status >= 300)
        throw new AppError(
          answer.status === 409 ? 'conflict' : 'unavailable',
          `SharePoint did not save an indicator figure: ${answerMessage(answer)}. Please save again.`,
        );
    }
  }

  private remember(ref: ConversationRef): void {
    this.conversations.set(ref.aadObjectId.toLowerCase(), { ref, at: this.now() });
  }

  private findConversation(aadObjectId: string): Promise<ListItem | null> {
    return this.lists.findOne('conversations', eq('AadObjectId', aadObjectId), 'finding a conversation');
  }
}
