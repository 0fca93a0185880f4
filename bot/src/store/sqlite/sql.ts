/** SQL shared by the SQLite adapter's files. Named parameters match the row interfaces in rows.ts. */
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
export const INSERT_ACTION = `INSERT INTO actions (${ACTION_COLUMNS.join(', ')}) VALUES (${ACTION_COLUMNS.map((c) => '@' + c).join(', ')})`;

/** Rewrites every column of an action row but its id. */
export const REPLACE_ACTION = `UPDATE actions SET ${ACTION_COLUMNS.filter((c) => c !== 'id')
  .map((c) => `${c} = @${c}`)
  .join(', ')} WHERE id = @id`;

/** Moves an action after a progress-log entry (state, owner, carry-over link), only if it is still at the expected version. */
export const MOVE_ACTION = `UPDATE actions SET rag = @rag, status = @status, latest_text = @latest_text,
  latest_author = @latest_author, latest_at = @latest_at, latest_links = @latest_links, owner_name = @owner_name, owner_email = @owner_email,
  owner_aad = @owner_aad, carried_to_id = @carried_to_id, carried_to_year = @carried_to_year,
  carried_to_ref = @carried_to_ref, updated_at = @updated_at, version = @version
  WHERE id = @id AND version = @expected_version`;

export const SELECT_ACTIONS = 'SELECT * FROM actions';
export const SELECT_ACTION = 'SELECT * FROM actions WHERE id = ?';

/** Appends an update; a repeated request id inserts nothing (check `changes`). */
export const INSERT_UPDATE = `INSERT INTO progress_updates (${UPDATE_COLUMNS.join(', ')})
  VALUES (${UPDATE_COLUMNS.map((c) => '@' + c).join(', ')}) ON CONFLICT (request_id) DO NOTHING`;

export const SELECT_UPDATE_BY_REQUEST = 'SELECT * FROM progress_updates WHERE request_id = ?';
export const SELECT_UPDATES_FOR_ACTION = 'SELECT * FROM progress_updates WHERE action_id = ? ORDER BY submitted_ms, rowid';
export const SELECT_UPDATES_SINCE = 'SELECT * FROM progress_updates WHERE submitted_ms >= ? ORDER BY submitted_ms, rowid';
/** Actions whose state was moved by people (Teams, tab, API) rather than by an import. */
export const SELECT_LIVE_ACTION_IDS = "SELECT DISTINCT action_id FROM progress_updates WHERE source <> 'import'";

export const SELECT_REMINDER = 'SELECT * FROM reminders WHERE action_id = @action_id AND stage = @stage AND due_date = @due_date';
export const INSERT_REMINDER_CLAIM = `INSERT INTO reminders (action_id, stage, due_date, recipient, state, sent_at, lease_until, attempts)
  VALUES (@action_id, @stage, @due_date, @recipient, 'pending', @sent_at, @lease_until, @attempts)`;
/** Takes over a failed or lapsed entry; the caller has checked, in the same transaction, that it may (`claimOver`). */
export const RENEW_REMINDER_CLAIM = `UPDATE reminders SET recipient = @recipient, state = 'pending', sent_at = @sent_at,
  lease_until = @lease_until, attempts = @attempts, failure = NULL
  WHERE action_id = @action_id AND stage = @stage AND due_date = @due_date`;
export const MARK_REMINDER_SENT = `UPDATE reminders SET state = 'sent', sent_at = @sent_at, lease_until = NULL, failure = NULL
  WHERE action_id = @action_id AND stage = @stage AND due_date = @due_date`;
/** A sent entry stays sent: another run may have taken the claim over and delivered it. */
export const MARK_REMINDER_FAILED = `UPDATE reminders SET state = 'failed', sent_at = @sent_at, lease_until = NULL, failure = @failure
  WHERE action_id = @action_id AND stage = @stage AND due_date = @due_date AND state <> 'sent'`;
export const SELECT_REMINDERS = 'SELECT * FROM reminders ORDER BY sent_at, action_id, stage, due_date';
export const SELECT_REMINDERS_FOR_ACTION = 'SELECT * FROM reminders WHERE action_id = ? ORDER BY sent_at, stage, due_date';

export const UPSERT_CONVERSATION = `INSERT INTO conversations
  (aad_object_id, email, display_name, tenant_id, reference, unreachable_reason, updated_at)
  VALUES (@aad_object_id, @email, @display_name, @tenant_id, @reference, @unreachable_reason, @updated_at)
  ON CONFLICT (aad_object_id) DO UPDATE SET email = excluded.email, display_name = excluded.display_name,
  tenant_id = excluded.tenant_id, reference = excluded.reference,
  unreachable_reason = excluded.unreachable_reason, updated_at = excluded.updated_at`;
export const SELECT_CONVERSATION = 'SELECT * FROM conversations WHERE aad_object_id = ?';
export const SELECT_CONVERSATION_BY_EMAIL = 'SELECT * FROM conversations WHERE email = ? ORDER BY updated_at DESC LIMIT 1';
export const SELECT_CONVERSATIONS = 'SELECT * FROM conversations ORDER BY display_name, aad_object_id';
export const LINK_OWNER_OBJECT_ID = 'UPDATE actions SET owner_aad = ? WHERE owner_email = ? AND owner_aad IS NULL';
export const SET_UNREACHABLE = 'UPDATE conversations SET unreachable_reason = ? WHERE aad_object_id = ?';

export const UPSERT_METRIC = `INSERT INTO indicator_metrics (year, measure, value, source, updated_at)
  VALUES (@year, @measure, @value, @source, @updated_at)
  ON CONFLICT (year, measure) DO UPDATE SET value = excluded.value, source = excluded.source, updated_at = excluded.updated_at`;
export const SELECT_METRICS = 'SELECT * FROM indicator_metrics ORDER BY year, measure';

export const COUNT_ACTIONS = 'SELECT COUNT(*) FROM actions';
export const COUNT_UPDATES = 'SELECT COUNT(*) FROM progress_updates';
