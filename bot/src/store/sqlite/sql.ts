/**
 * SQL shared by the SQLite adapter's files. Named parameters match the row
 * interfaces in rows.ts. Every statement on an organisation's data is scoped
 * by `org_id` (named `@org_id`, or the FIRST positional parameter), so no
 * statement here can read or change another organisation's rows.
 */
import { PLAN_FIELDS } from './rows.js';

const ACTION_COLUMNS = [
  'id',
  'plan_year',
  'ref',
  ...PLAN_FIELDS,
  'status',
  'rag',
  'latest_text',
  'latest_author',
  'latest_at',
  'latest_links',
  'updated_at',
  'version',
  'carried_from_id',
  'carried_from_year',
  'carried_from_ref',
  'carried_to_id',
  'carried_to_year',
  'carried_to_ref',
] as const;

const UPDATE_COLUMNS = [
  'id',
  'action_id',
  'text',
  'rag_from',
  'rag_to',
  'status_from',
  'status_to',
  'author_name',
  'author_aad',
  'submitted_at',
  'submitted_ms',
  'source',
  'request_id',
  'links',
  'event',
] as const;

/** Inserts a full action row. */
export const INSERT_ACTION = `INSERT INTO actions (org_id, ${ACTION_COLUMNS.join(', ')}) VALUES (@org_id, ${ACTION_COLUMNS.map((c) => '@' + c).join(', ')})`;

/** Rewrites every column of an action row but its id. */
export const REPLACE_ACTION = `UPDATE actions SET ${ACTION_COLUMNS.filter((c) => c !== 'id')
  .map((c) => `${c} = @${c}`)
  .join(', ')} WHERE id = @id AND org_id = @org_id`;

/** Moves an action after a progress-log entry (state, owner, carry-over link), only if it is still at the expected version. */
export const MOVE_ACTION = `UPDATE actions SET rag = @rag, status = @status, latest_text = @latest_text,
  latest_author = @latest_author, latest_at = @latest_at, latest_links = @latest_links, owner_name = @owner_name, owner_email = @owner_email,
  owner_aad = @owner_aad, carried_to_id = @carried_to_id, carried_to_year = @carried_to_year,
  carried_to_ref = @carried_to_ref, updated_at = @updated_at, version = @version
  WHERE id = @id AND org_id = @org_id AND version = @expected_version`;

export const SELECT_ACTIONS = 'SELECT * FROM actions WHERE org_id = ?';
export const SELECT_ACTION = 'SELECT * FROM actions WHERE org_id = ? AND id = ?';

/** Appends an update; a repeated request id inserts nothing (check `changes`). */
export const INSERT_UPDATE = `INSERT INTO progress_updates (org_id, ${UPDATE_COLUMNS.join(', ')})
  VALUES (@org_id, ${UPDATE_COLUMNS.map((c) => '@' + c).join(', ')}) ON CONFLICT (org_id, request_id) DO NOTHING`;

export const SELECT_UPDATE_BY_REQUEST = 'SELECT * FROM progress_updates WHERE org_id = ? AND request_id = ?';
export const SELECT_UPDATES_FOR_ACTION = 'SELECT * FROM progress_updates WHERE org_id = ? AND action_id = ? ORDER BY submitted_ms, rowid';
export const SELECT_UPDATES_SINCE = 'SELECT * FROM progress_updates WHERE org_id = ? AND submitted_ms >= ? ORDER BY submitted_ms, rowid';
/** Actions whose state was moved by people (Teams, tab, API) rather than by an import. */
export const SELECT_LIVE_ACTION_IDS = "SELECT DISTINCT action_id FROM progress_updates WHERE org_id = ? AND source <> 'import'";

export const SELECT_REMINDER =
  'SELECT * FROM reminders WHERE org_id = @org_id AND action_id = @action_id AND stage = @stage AND due_date = @due_date';
export const INSERT_REMINDER_CLAIM = `INSERT INTO reminders (org_id, action_id, stage, due_date, recipient, state, sent_at, lease_until, attempts)
  VALUES (@org_id, @action_id, @stage, @due_date, @recipient, 'pending', @sent_at, @lease_until, @attempts)`;
/** Takes over a failed or lapsed entry; the caller has checked, in the same transaction, that it may (`claimOver`). */
export const RENEW_REMINDER_CLAIM = `UPDATE reminders SET recipient = @recipient, state = 'pending', sent_at = @sent_at,
  lease_until = @lease_until, attempts = @attempts, failure = NULL
  WHERE org_id = @org_id AND action_id = @action_id AND stage = @stage AND due_date = @due_date`;
export const MARK_REMINDER_SENT = `UPDATE reminders SET state = 'sent', sent_at = @sent_at, lease_until = NULL, failure = NULL
  WHERE org_id = @org_id AND action_id = @action_id AND stage = @stage AND due_date = @due_date`;
/** A sent entry stays sent: another run may have taken the claim over and delivered it. */
export const MARK_REMINDER_FAILED = `UPDATE reminders SET state = 'failed', sent_at = @sent_at, lease_until = NULL, failure = @failure
  WHERE org_id = @org_id AND action_id = @action_id AND stage = @stage AND due_date = @due_date AND state <> 'sent'`;
export const SELECT_REMINDERS = 'SELECT * FROM reminders WHERE org_id = ? ORDER BY sent_at, action_id, stage, due_date';
export const SELECT_REMINDERS_FOR_ACTION = 'SELECT * FROM reminders WHERE org_id = ? AND action_id = ? ORDER BY sent_at, stage, due_date';

export const UPSERT_CONVERSATION = `INSERT INTO conversations
  (aad_object_id, email, display_name, tenant_id, reference, unreachable_reason, updated_at)
  VALUES (@aad_object_id, @email, @display_name, @tenant_id, @reference, @unreachable_reason, @updated_at)
  ON CONFLICT (aad_object_id) DO UPDATE SET email = excluded.email, display_name = excluded.display_name,
  tenant_id = excluded.tenant_id, reference = excluded.reference,
  unreachable_reason = excluded.unreachable_reason, updated_at = excluded.updated_at`;
export const SELECT_CONVERSATION = 'SELECT * FROM conversations WHERE aad_object_id = ?';
export const SELECT_CONVERSATION_BY_EMAIL = 'SELECT * FROM conversations WHERE email = ? ORDER BY updated_at DESC LIMIT 1';
export const SELECT_CONVERSATIONS = 'SELECT * FROM conversations ORDER BY display_name, aad_object_id';
export const LINK_OWNER_OBJECT_ID = 'UPDATE actions SET owner_aad = ? WHERE org_id = ? AND owner_email = ? AND owner_aad IS NULL';
export const SET_UNREACHABLE = 'UPDATE conversations SET unreachable_reason = ? WHERE aad_object_id = ?';

export const UPSERT_METRIC = `INSERT INTO indicator_metrics (org_id, year, measure, value, source, updated_at)
  VALUES (@org_id, @year, @measure, @value, @source, @updated_at)
  ON CONFLICT (org_id, year, measure) DO UPDATE SET value = excluded.value, source = excluded.source, updated_at = excluded.updated_at`;
export const SELECT_METRICS = 'SELECT * FROM indicator_metrics WHERE org_id = ? ORDER BY year, measure';

export const COUNT_ACTIONS = 'SELECT COUNT(*) FROM actions WHERE org_id = ?';
export const COUNT_UPDATES = 'SELECT COUNT(*) FROM progress_updates WHERE org_id = ?';

/**
 * Adoption: the implicit organisation's (`@from_org`) plan, log, ledger and
 * figures become organisation `@org_id`'s.
 */
export const ADOPT_IMPLICIT = [
  'UPDATE actions SET org_id = @org_id WHERE org_id = @from_org',
  'UPDATE progress_updates SET org_id = @org_id WHERE org_id = @from_org',
  'UPDATE reminders SET org_id = @org_id WHERE org_id = @from_org',
  'UPDATE indicator_metrics SET org_id = @org_id WHERE org_id = @from_org',
] as const;
/** Whether the organisation holds anything at all (plan, log, ledger or figures). */
export const HOLDS_DATA = `SELECT EXISTS (SELECT 1 FROM actions WHERE org_id = @org_id) OR EXISTS (SELECT 1 FROM reminders WHERE org_id = @org_id)
  OR EXISTS (SELECT 1 FROM indicator_metrics WHERE org_id = @org_id)`;
