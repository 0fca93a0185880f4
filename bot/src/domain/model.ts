/**
 * The WRES action plan domain model. These names are the contract between the
 * store adapters, the bot and the tab (see shared/DESIGN.md). Pure types and
 * constants: nothing here performs I/O or knows an SDK.
 */

/**
 * Where an action stands. `Ongoing` is for work with no end date.
 * `CarriedOver`: unfinished at the end of its plan year and copied into the
 * next year's plan, where the work goes on (see domain/carry-over.ts).
 */
export const STATUSES = ['NotStarted', 'InProgress', 'Ongoing', 'Complete', 'CarriedOver'] as const;
export type Status = (typeof STATUSES)[number];

/** RAG rating with the NHS "BRAG" habit: Blue means complete; None means not yet rated. */
export const RAGS = ['Red', 'Amber', 'Green', 'Blue', 'None'] as const;
export type Rag = (typeof RAGS)[number];

/** A WRES indicator number, 1 to 9. */
export type IndicatorNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/** Someone in the organisation. Any of the identifiers may be missing for a plan imported from Word. */
export interface Person {
  displayName: string;
  email?: string;
  aadObjectId?: string;
}

/** The latest progress update, denormalised onto the action for cheap listing. */
export interface LatestUpdate {
  text: string;
  authorName: string;
  submittedAt: string; // ISO instant
  /** The update's evidence links (see `ProgressUpdate.links`); absent when it has none. */
  links?: string[];
}

/** A pointer to another action: enough to name it ("2026/27 · 2.3") and link to its page. */
export interface ActionLink {
  id: string;
  planYear: string;
  ref: string;
}

/** One action in the plan. */
export interface Action {
  id: string;
  /** The plan's own reference, e.g. "2.3"; unique within a plan year. */
  ref: string;
  /** e.g. "2019/20". */
  planYear: string;
  theme: string;
  indicators: IndicatorNumber[];
  /** The action text. */
  title: string;
  measure: string;
  owner: Person | null;
  /** Free text role from the plan, e.g. "Head of Resourcing". */
  leadRole: string;
  /** ISO `YYYY-MM-DD` in UK local terms, or null for ongoing / undated actions. */
  dueDate: string | null;
  /** What the plan said, e.g. "End of March 2020". */
  dueText: string;
  status: Status;
  rag: Rag;
  latestUpdate: LatestUpdate | null;
  /** ISO instant of the last change. */
  updatedAt: string;
  /** Optimistic concurrency counter; increases by one on every write. */
  version: number;
  /** Set on a copy made by carrying a plan into the next year: the unfinished action it continues. */
  carriedFrom?: ActionLink;
  /** Set on an action carried into the next year (status `CarriedOver`): the copy where the work goes on. */
  carriedTo?: ActionLink;
}

/** Where a progress update came from. */
export const UPDATE_SOURCES = ['teams', 'tab', 'import', 'api'] as const;
export type UpdateSource = (typeof UPDATE_SOURCES)[number];

/**
 * What a progress-log entry records besides a progress note: a change of
 * owner, or the action carried into the next plan year. `text` still says it
 * in words ("Reassigned from A to B by C"), for exports and older readers.
 */
export type ProgressEvent = { kind: 'reassigned'; from: Person | null; to: Person } | { kind: 'carried-over'; to: ActionLink };

/** An entry in the append-only progress log. Never edited or deleted. */
export interface ProgressUpdate {
  id: string;
  actionId: string;
  text: string;
  ragFrom: Rag;
  ragTo: Rag;
  statusFrom: Status;
  statusTo: Status;
  author: { aadObjectId?: string; name: string };
  submittedAt: string; // ISO instant
  source: UpdateSource;
  /** Idempotency key: a second update with the same requestId is a no-op. */
  requestId: string;
  /**
   * Evidence: up to three https links (SharePoint or intranet), normalised
   * and checked by `domain/evidence-links.ts`. Absent when there are none, never empty.
   */
  links?: string[];
  /** Present when the entry is not a progress note but a reassignment or a carry-over. */
  event?: ProgressEvent;
}

/** Where a reminder ledger entry stands; see `domain/reminder-ledger.ts` for the lease rules. */
export const LEDGER_STATES = ['pending', 'sent', 'failed'] as const;
type LedgerState = (typeof LEDGER_STATES)[number];

/** A reminder ledger entry. Unique on (actionId, stage, dueDate). */
export interface ReminderSent {
  actionId: string;
  /** e.g. `due-14`, `due-0`, `overdue-7`, `stale-2026-10-01`, `digest-2026-11-23`. */
  stage: string;
  /** The due date the reminder was computed for ('' when the action has none). */
  dueDate: string;
  /** Entra object id (or email) of the person reminded. */
  recipient: string;
  /**
   * `pending` while a run is sending it (claimed, until `leaseUntil`),
   * `sent` once the channel accepted it, `failed` when the last attempt
   * failed (`failure` says why; the next run tries again).
   */
  state: LedgerState;
  sentAt: string; // ISO instant of the claim, the send or the failure
  /** Pending only: when the claim lapses; after it a later run takes the reminder over. */
  leaseUntil?: string;
  /** How many runs have claimed it: 1 for the first, more after failures or interrupted runs. */
  attempts: number;
  /** Failed only: why it could not be delivered, in words. */
  failure?: string;
}

/**
 * How to reach a user proactively. `reference` is the chat platform's own
 * conversation reference, opaque to everything outside the chat adapter.
 */
export interface ConversationRef {
  aadObjectId: string;
  email?: string;
  displayName: string;
  tenantId?: string;
  reference: Record<string, unknown>;
  /** Set when the platform told us it cannot deliver (e.g. 403, app uninstalled). */
  unreachableReason?: string;
  updatedAt: string;
}

/**
 * One annual WRES figure, e.g. `{ year: '2019/20', measure: 'shortlisted.bme', value: 120 }`.
 * Unique on (year, measure). The indicator formulas live in domain code.
 */
export interface IndicatorMetric {
  year: string;
  measure: string;
  value: number | null;
  source: UpdateSource;
  updatedAt: string;
}
