import type { ReminderSent } from '../../domain/model.js';
import { AppError } from '../../errors.js';
import { graphFailure } from '../../graph/graph-errors.js';
import type { ReminderKey } from '../plan-store.js';
import { ledgerKey, reminderFromItem, reminderItemFields, type ListItem } from './item-fields.js';
import { eq, type ListAccess } from './list-access.js';

const bySent = (a: ReminderSent, b: ReminderSent) =>
  a.sentAt.localeCompare(b.sentAt) || a.actionId.localeCompare(b.actionId) || a.stage.localeCompare(b.stage);

/**
 * The reminder ledger on the Reminders Sent list. A claim is a create on the
 * unique LedgerKey column, so SharePoint itself lets only one instance win.
 */
export class GraphLedger {
  constructor(private readonly lists: ListAccess) {}

  /** True when this call created the claim; false when the key was already in the ledger. */
  async claim(entry: Omit<ReminderSent, 'state'>): Promise<boolean> {
    try {
      await this.lists.graph.post(this.lists.items('reminders'), { fields: reminderItemFields(entry) }, 'claiming a reminder');
      return true;
    } catch (e) {
      if (graphFailure(e)?.status === 409) return false;
      throw e;
    }
  }

  async markSent(key: ReminderKey, sentAt: string): Promise<void> {
    const item = await this.find(key);
    if (!item) throw new AppError('not_found', `No reminder ${key.stage} was claimed for that action.`);
    await this.lists.graph.patch(
      `${this.lists.items('reminders', item.id)}/fields`,
      { LedgerState: 'sent', SentAt: sentAt },
      'marking a reminder sent',
    );
  }

  /** Drops a pending claim; a sent entry stays. If-Match makes a concurrent "sent" win over the release. */
  async release(key: ReminderKey): Promise<void> {
    const item = await this.find(key);
    if (!item || reminderFromItem(item).state !== 'pending') return;
    try {
      await this.lists.graph.delete(this.lists.items('reminders', item.id), 'releasing a reminder claim', item.eTag);
    } catch (e) {
      const status = graphFailure(e)?.status;
      if (status !== 404 && status !== 412) throw e;
    }
  }

  async list(actionId?: string): Promise<ReminderSent[]> {
    const items = await this.lists.readAll(
      'reminders',
      'reading the reminder ledger',
      actionId === undefined ? undefined : eq('ActionId', actionId),
    );
    return items.map(reminderFromItem).sort(bySent);
  }

  private find(key: ReminderKey): Promise<ListItem | null> {
    return this.lists.findOne('reminders', eq('LedgerKey', ledgerKey(key)), 'finding a reminder claim');
  }
}
