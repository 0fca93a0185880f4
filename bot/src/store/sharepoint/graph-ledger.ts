import { attemptsAfter, claimOver, type ClaimResult } from '../../domain/reminder-ledger.js';
import type { ReminderSent } from '../../domain/model.js';
import { AppError } from '../../errors.js';
import { graphFailure } from '../../graph/graph-errors.js';
import type { ReminderClaim, ReminderKey } from '../plan-store.js';
import {
  ledgerKey,
  reminderClaimFields,
  reminderFailedFields,
  reminderFromItem,
  reminderItemFields,
  reminderSentFields,
} from './reminder-fields.js';
import type { ListItem } from './item-fields.js';
import { eq, type ListAccess } from './list-access.js';

const bySent = (a: ReminderSent, b: ReminderSent) =>
  a.sentAt.localeCompare(b.sentAt) || a.actionId.localeCompare(b.actionId) || a.stage.localeCompare(b.stage);

/** HTTP statuses that mean "someone else changed or created it first". */
const lostRace = (e: unknown, ...statuses: number[]) => statuses.includes(graphFailure(e)?.status ?? 0);

/**
 * The reminder ledger on the Reminders Sent list. A first claim is a create
 * on the unique LedgerKey column, so SharePoint itself lets only one
 * instance win. Taking over a failed or lapsed claim is a PATCH with
 * If-Match on the item's eTag: of two takers, the second gets 412.
 */
export class GraphLedger {
  constructor(private readonly lists: ListAccess) {}

  async claim(claim: ReminderClaim): Promise<ClaimResult> {
    try {
      await this.lists.graph.post(this.lists.items('reminders'), { fields: reminderItemFields(claim) }, 'claiming a reminder');
      return 'claimed';
    } catch (e) {
      if (!lostRace(e, 409)) throw e;
    }
    const item = await this.find(claim);
    // Gone again: a release by an older version of the app. Claim afresh next run.
    if (!item) return 'held';
    const existing = reminderFromItem(item);
    const result = claimOver(existing, claim);
    if (result === 'held') return result;
    try {
      await this.patch(item, reminderClaimFields(claim, attemptsAfter(existing, result)), 'taking over a reminder claim', item.eTag);
      return result;
    } catch (e) {
      if (lostRace(e, 412, 404)) return 'held';
      throw e;
    }
  }

  async markSent(key: ReminderKey, sentAt: string): Promise<void> {
    const item = await this.find(key);
    if (!item) throw new AppError('not_found', `No reminder ${key.stage} was claimed for that action.`);
    await this.patch(item, reminderSentFields(sentAt), 'marking a reminder sent');
  }

  /** Records the failure unless the entry is sent; If-Match makes a concurrent "sent" win. */
  async markFailed(key: ReminderKey, failure: { reason: string; at: string }): Promise<void> {
    const item = await this.find(key);
    if (!item || reminderFromItem(item).state === 'sent') return;
    try {
      await this.patch(item, reminderFailedFields(failure), 'recording a failed reminder', item.eTag);
    } catch (e) {
      if (!lostRace(e, 412, 404)) throw e;
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

  private patch(item: ListItem, fields: Record<string, unknown>, doing: string, eTag?: string): Promise<unknown> {
    return this.lists.graph.patch(`${this.lists.items('reminders', item.id)}/fields`, fields, doing, eTag);
  }

  private find(key: ReminderKey): Promise<ListItem | null> {
    return this.lists.findOne('reminders', eq('LedgerKey', ledgerKey(key)), 'finding a reminder claim');
  }
}
