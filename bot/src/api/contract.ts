/**
 * The tab's JSON API: the type of every request and response body. Types only
 * (no runtime code), so the tab can `import type` from here. Endpoints and
 * rules are described in bot/src/api/README.md. Every response carries
 * `Cache-Control: no-store`; every call needs `Authorization: Bearer <Teams SSO token>`
 * (in development without Entra configuration, none, see README).
 */
import type { ActionView } from '../domain/action-view.js';
import type { Direction, IndicatorValue, ModelEmployerRow } from '../domain/indicator-evidence.js';
import type { WorsenedIndicator } from '../domain/indicator-progress.js';
import type { ActionGroup, GroupBy, PlanFilter } from '../domain/plan-filter.js';
import type { GroupCounts } from '../domain/first-screen.js';
import type { IndicatorSummary, PlanSummary } from '../domain/plan-summary.js';
import type { ActionLink, IndicatorNumber, Person, ProgressUpdate, Rag, Status } from '../domain/model.js';
import type { ErrorCode } from '../errors.js';
import type { OrgGroup } from '../domain/organisation.js';
import type { GroupRollup, IndicatorLatest, ServedMember } from '../domain/rollup.js';
import type { FieldErrors } from '../domain/field-errors.js';
import type { OrgSettings } from '../domain/organisation.js';

export type { ActionView, ActionGroup, GroupBy, PlanFilter, IndicatorSummary, FieldErrors };
export type { IndicatorLatest, ServedMember };

/** How the caller may use the plan. Lead beats owner beats viewer. */
export type Role = 'lead' | 'owner' | 'viewer';

/** GET /api/health (E&D leads): the store's counts and writes waiting to reach SharePoint. */
export interface HealthResponse {
  status: 'ok';
  store: string;
  actions: number;
  updates: number;
  pendingWrites: number;
  /** Writes set aside because they can never be delivered, kept for a person to look at (SharePoint store only). */
  failedWrites?: number;
}

/** GET /api/me */
export interface MeResponse {
  displayName: string;
  email?: string;
  aadObjectId?: string;
  role: Role;
  isLead: boolean;
  /** Actions in the plan this person owns (matched by Entra object id or email). */
  ownsActions: number;
  /** True when the service is running without Entra sign-in and this is a made-up development identity. Show a banner. */
  devIdentity: boolean;
  /** The organisation's IANA time zone (TIMEZONE, e.g. `Europe/London`): dates and times are shown in it. */
  timeZone: string;
  /** The organisation this answer is about (registered organisations only; absent for a single-organisation deployment). */
  organisation?: OrganisationRef;
  /** Every organisation the caller belongs to, by name (registered organisations only): the tab's switcher. */
  organisations?: OrganisationMembership[];
  /** True for a platform admin (PLATFORM_ADMINS): the tab links to the admin page. Absent otherwise. */
  platformAdmin?: true;
}

/**
 * Which organisation a request is for: the tab sends the request header
 * `X-Wres-Org: <ODS code>` on every call once it knows the caller's
 * organisations. Without it the API uses the caller's only organisation (or
 * the single organisation of a deployment that registered none); a caller
 * in several gets 400 with `details: OrgChoiceDetails`. A caller who is not
 * a lead, viewer or owner in the organisation asked for (or asks for a code
 * the deployment does not serve: the two are not told apart) gets 403 with
 * the same details.
 */
export type OrgHeader = 'X-Wres-Org';

/** An organisation as the tab names it. */
interface OrganisationRef {
  /** ODS code. */
  id: string;
  name: string;
}

/** One of the caller's organisations and their part in it. */
export interface OrganisationMembership extends OrganisationRef {
  role: Role;
}

/** `details` of a 400 (several organisations, none chosen) or 403 (not a member): what the caller may choose from. */
export interface OrgChoiceDetails {
  organisations: OrganisationMembership[];
  platformAdmin: boolean;
}

/**
 * One action in the lean plan list: only what the plan table, its filters and
 * the summary use, as a tuple so the list stays small (about 250 bytes an
 * action). Repeated texts are indexes into the response's `years`, `themes`
 * and `people`. Everything else (measure, history, who may update) comes
 * from GET /api/actions/:id.
 */
export type PlanRow = [
  id: string,
  ref: string,
  title: string,
  /** Index into `PlanResponse.years`. */
  year: number,
  /** Index into `PlanResponse.themes` ('' when the action has no theme). */
  theme: number,
  indicators: IndicatorNumber[],
  /** Index into `PlanResponse.people`: the owner label (name, else lead role, else "No owner"). */
  owner: number,
  /** `YYYY-MM-DD`, or null for ongoing and undated actions. */
  dueDate: string | null,
  status: Status,
  rag: Rag,
  /** 1 when open and with no update for STALE_AFTER_DAYS. */
  stale: 0 | 1,
  latest: PlanRowUpdate | null,
];

/**
 * The latest progress update of a `PlanRow`: its full text, its author (index
 * into `people`), its day in TIMEZONE, and its evidence links when it has any.
 */
export type PlanRowUpdate = [text: string, author: number, day: string, links?: string[]];

/**
 * GET /api/plan — the lean plan list, ordered by plan year (newest first) then
 * reference. Due wording and "overdue" follow from `dueDate`, `status` and
 * `today` (see domain/due-label.ts and domain/rules.ts).
 */
export interface PlanResponse {
  /** `YYYY-MM-DD` in the organisation's time zone (TIMEZONE). */
  today: string;
  years: string[];
  themes: string[];
  people: string[];
  actions: PlanRow[];
}

/**
 * GET /api/plan/start?group=indicator|theme — the plan page's first screen,
 * small whatever the plan's size, so the page can draw it before the whole
 * list (GET /api/plan) has come: the whole plan's summary, total and heading
 * year, and the first groups in display order (grouped as asked; default
 * `indicator`) with their heading counts and first rows (FIRST_SCREEN_ROWS in
 * all, domain/first-screen.ts). `actions` and the text tables hold just those
 * rows, encoded as in `PlanResponse`; a group's `rows` are indexes into
 * `actions` (an action citing several indicators is listed under each).
 */
export interface PlanStartResponse extends PlanResponse {
  group: GroupBy;
  /** Actions in the whole plan. */
  total: number;
  /** The plan year every action shares, else null. */
  planYear: string | null;
  summary: PlanSummary;
  groups: PlanStartGroup[];
}

/** A group of the first screen: its heading, its counts over all its actions, and the rows of it shown first. */
interface PlanStartGroup extends GroupCounts {
  key: string;
  label: string;
  rows: number[];
}

/** GET /api/plan/search?q= — the ids of the actions every word of `q` is found in (same fields as the export's `q`). */
export interface PlanSearchResponse {
  q: string;
  ids: string[];
}

/** GET /api/summary */
export type SummaryResponse = PlanSummary;

/** GET /api/actions/:id */
export interface ActionDetailResponse {
  action: ActionView;
  /** The progress log, oldest first. */
  updates: ProgressUpdate[];
  canUpdate: boolean;
}

/** The RAG ratings an update may set ("None" is never chosen by a person). */
export type UpdateRag = Exclude<Rag, 'None'>;

/** POST /api/actions/:id/updates — body. */
export interface SubmitUpdateRequest {
  /** A fresh id per submission (e.g. crypto.randomUUID()); reuse it when retrying the same submission. 8–200 characters. */
  requestId: string;
  /** `action.version` as the user saw it. */
  expectedVersion: number;
  /** 1–2000 characters after trimming. */
  text: string;
  rag: UpdateRag;
  /** Defaults to false. True (or rag "Blue") completes the action. */
  markComplete?: boolean;
  /**
   * Evidence: up to three https links (blank entries ignored, repeats
   * dropped). A link that is not https, names no real host, is over 2,000
   * characters or carries a password or access key is refused (400, `details.links`).
   */
  links?: string[];
}

/** POST /api/actions/:id/updates — 201 (recorded) or 200 (duplicate: this requestId was stored before, nothing new written). */
export interface SubmitUpdateResponse {
  outcome: 'recorded' | 'duplicate';
  action: ActionView;
  update: ProgressUpdate;
}

/** Every error response: 400, 401, 403, 404, 409, 500, 503. `message` is written for the user. */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** 400 from POST /api/actions/:id/updates: `details` says which field to fix ("form" for anything else). */
export interface BadUpdateBody {
  error: { code: 'bad_input'; message: string; details: FieldErrors };
}

/** 409 from POST /api/actions/:id/updates: someone else updated the action first; nothing stored. Show `action` and ask again. */
export interface ConflictBody {
  error: { code: 'conflict'; message: string };
  action: ActionView;
}

/** GET /api/my-actions — the caller's own actions, soonest due first (undated last). */
export interface MyActionsResponse {
  actions: ActionView[];
}

/** A small reference to an action in the changes report. */
export interface ActionRef {
  id: string;
  ref: string;
  title: string;
  ownerLabel: string;
}

/** A RAG change (other than to Blue, which is a completion). */
interface RagMove {
  action: ActionRef;
  from: Rag;
  to: Rag;
  /** ISO instant of the update. */
  at: string;
  by: string;
}

/** An action marked complete. */
interface Completion {
  action: ActionRef;
  at: string;
  by: string;
}

/** GET /api/changes?since=YYYY-MM-DD — "since the last board". */
export interface ChangesResponse {
  /** The date used (default: three months before today). Updates from local midnight on this date count. */
  since: string;
  today: string;
  /** Oldest first. */
  ragMoves: RagMove[];
  /** Oldest first. */
  completions: Completion[];
  /** Due between `since` (inclusive) and today (exclusive) and not complete, soonest due first. */
  newlyOverdue: ActionView[];
  /** Every progress note since then, oldest first (reassignments and carry-overs have their own lists). */
  updates: (ProgressUpdate & { ref: string; title: string })[];
  /** Actions given to someone else since then, oldest first. */
  reassignments: Reassignment[];
  /** Actions carried into the next plan year since then, oldest first. */
  carriedOver: CarriedOver[];
}

/** A change of owner in the changes report. */
export interface Reassignment {
  action: ActionRef;
  /** Who held it before (their name, or the plan's role). */
  from: string;
  to: string;
  at: string;
  by: string;
}

/** An action carried into the next plan year, with where it went. */
export interface CarriedOver {
  action: ActionRef;
  to: ActionLink;
  at: string;
  by: string;
}

/** GET /api/export — query string (all optional except format). The response is a file download. */
export interface ExportQuery extends PlanFilter {
  format: 'csv' | 'xlsx';
  /** Default: indicator. */
  group?: GroupBy;
}

// ── WRES indicator evidence (GET/PUT /api/indicators…, see indicators-api.ts) ──

/** One indicator's evidence: its values across years beside the actions that cite it. */
export interface IndicatorEvidence {
  indicator: IndicatorNumber;
  shortName: string;
  description: string;
  /** `ratio` for relative likelihoods (2–4, 1.00 is parity), `points` for percentage-point gaps (1, 5–9). */
  unit: 'ratio' | 'points';
  /** Oldest year first; a value is null (with `reason`) when the figures do not allow it. */
  values: IndicatorValue[];
  /** The latest year-on-year direction; `unknown` with fewer than two computable years. */
  direction: Direction;
  /** The newest computable value, or null. */
  latest: IndicatorValue | null;
  /** The actions citing this indicator, open ones first (soonest due first), then complete ones. */
  actions: ActionView[];
  openActions: number;
}

/** GET /api/indicators */
export interface IndicatorsResponse {
  /** Every year with figures, oldest first (e.g. "2023/24"). */
  years: string[];
  /** All nine indicators, in order. */
  indicators: IndicatorEvidence[];
  /** Indicators whose latest change is worse, with how many open actions cite each. */
  worsened: WorsenedIndicator[];
  /** The stored figures by year, then measure key (blank figures left out). */
  figures: Record<string, Record<string, number>>;
  /** True for E&D leads: they may PUT /api/indicators/figures. */
  canEditFigures: boolean;
}

/** PUT /api/indicators/figures — body. Lead only (403 otherwise). */
export interface SaveFiguresRequest {
  /** "2019/20" (also accepted: 2019-20, 2019-2020). */
  year: string;
  /** Measure key (see MEASURES) → figure; null clears a stored figure. Counts ≥ 0, survey percentages 0–100. */
  figures: Record<string, number | null>;
}

/** PUT /api/indicators/figures — 200. */
export interface SaveFiguresResponse {
  year: string;
  /** Figures written (set or changed). */
  saved: number;
  /** Figures cleared. */
  cleared: number;
  /** That year's figures as now stored. */
  figures: Record<string, number>;
}

/** 400 from PUT /api/indicators/figures: `details` maps each field to fix ("year", a measure key, or "form") to a message. */
export interface BadFiguresBody {
  error: { code: 'bad_input'; message: string; details: Record<string, string> };
}

/** GET /api/indicators/model-employer?year= — BME share by AfC band cluster against the aspirational goal. */
export interface ModelEmployerResponse {
  /** The year shown: the one asked for, else the newest year with band figures; null when there are none. */
  year: string | null;
  /** Years that have band figures, oldest first. */
  years: string[];
  /** The goal used, in per cent, or null when it cannot be set (no workforce figures and none configured). */
  goalPercent: number | null;
  /** `configured` (MODEL_EMPLOYER_GOAL_PERCENT) or `workforce` (the BME share of the whole workforce that year). */
  goalSource: 'configured' | 'workforce';
  /** BME % of the whole workforce that year, when known. */
  workforceBmePercent: number | null;
  /** One row per band cluster; null when no goal can be set. */
  rows: ModelEmployerRow[] | null;
}

// ── Reassigning actions (E&D leads; see reassign-api.ts) ──

/** The new owner as the lead names them: an email; a name as well for someone the app does not know yet (no directory). */
interface NewOwnerInput {
  email: string;
  displayName?: string;
}

/** POST /api/actions/:id/reassign — body. */
export interface ReassignActionRequest {
  /** A fresh id per confirmation; reuse it when retrying. 8–200 characters. */
  requestId: string;
  /** `action.version` as the lead saw it. */
  expectedVersion: number;
  to: NewOwnerInput;
}

/** GET /api/reassign?from=EMAIL&to=EMAIL[&toName=] — "all of A's open actions", before the lead confirms. */
export interface ReassignPreviewResponse {
  from: { email: string; label: string };
  to: Person;
  /** A's open actions, soonest due first. */
  actions: ActionView[];
}

/** POST /api/reassign — body: the actions the preview listed, as the lead saw them. */
export interface ReassignAllRequest {
  requestId: string;
  /** The current owner's email: an action that is no longer theirs is left alone. */
  from: string;
  to: NewOwnerInput;
  actions: { id: string; expectedVersion: number }[];
}

/** What became of one action of a reassignment. */
export type ReassignedItem =
  | { outcome: 'reassigned' | 'duplicate'; action: ActionView; previousOwner: string; pending?: boolean }
  | { outcome: 'conflict' | 'refused'; actionId: string; action?: ActionView; reason: string };

/** Whether the new owner got a handover card in Teams; when not, why, for the lead to act on. */
type HandoverReport = { sent: true; to: string } | { sent: false; to: string; reason: string };

/**
 * 201 (something was reassigned now) or 200 from POST /api/reassign and
 * POST /api/actions/:id/reassign (200 also for a retried request). A single
 * action that cannot be reassigned answers 409 instead, with `action`.
 */
export interface ReassignResponse {
  to: Person;
  items: ReassignedItem[];
  /** Null when nothing was reassigned. */
  handover: HandoverReport | null;
}

// ── Carrying the plan into the next year (E&D leads; see carry-over-api.ts) ──

/** One open action of the old year in the dry run. */
export interface CarryOverPreviewItem {
  /** `copy`: copied with `dueDate`; `finish`: its copy exists, only the original is marked; `blocked`: see `reason`. */
  kind: 'copy' | 'finish' | 'blocked';
  action: ActionView;
  /** The proposed new due date (the same day a year later; null for undated actions). */
  dueDate: string | null;
  reason?: string;
}

/** GET /api/carry-over?from=&to= — the dry run (default: the newest plan year into the one after). Writes nothing. */
export interface CarryOverPreviewResponse {
  from: string;
  to: string;
  /** Every plan year in the plan, newest first. */
  years: string[];
  items: CarryOverPreviewItem[];
  left: { complete: number; carriedBefore: number };
}

/** POST /api/carry-over — body: what the lead confirmed, each action with the due date they chose (null: none). */
export interface CarryOverRequestBody {
  from: string;
  to: string;
  actions: { id: string; expectedVersion: number; dueDate: string | null }[];
}

/** POST /api/carry-over — 200. */
export interface CarryOverResponse {
  from: string;
  to: string;
  carried: { action: ActionView; copy: ActionLink; dueDate: string | null }[];
  notCarried: { action: ActionView; reason: string }[];
}

/* The oversight groups' roll-up (GET /api/groups, GET /api/groups/:id/rollup): counts and indicator values only, never an action's title, owner or note. */

/** An oversight group the caller may read. */
export interface GroupListItem {
  id: string;
  name: string;
  kind: OrgGroup['kind'];
  /** How many member organisations it lists. */
  members: number;
}

/** GET /api/groups: the groups whose roll-up the caller may read (empty for most people). */
export interface GroupsResponse {
  groups: GroupListItem[];
}

/** GET /api/groups/:id/rollup */
export interface RollupResponse extends GroupRollup {
  /** When it was worked out (ISO instant). */
  generatedAt: string;
}
/** The settings an organisation may set for itself (each checked like its environment variable). */
export type OrgSettingName = keyof OrgSettings;

/** One registered organisation as the admin page edits it: people as listed, settings as text. */
export interface AdminOrganisation {
  id: string;
  name: string;
  leads: string[];
  viewers: string[];
  /** More viewers: the people whose directory attribute (`directoryAttribute`) is one of these. */
  directoryValues: string[];
  siteId?: string;
  siteUrl?: string;
  /** Only the settings it sets; anything absent follows the deployment's default. */
  settings: Partial<Record<OrgSettingName, string>>;
}

/** GET /api/admin/organisations (platform admins). */
export interface AdminOrganisationsResponse {
  organisations: AdminOrganisation[];
  /** Oversight groups (managed with `wres group`), shown for reference. */
  groups: { id: string; name: string; kind: 'icb' | 'region'; members: string[] }[];
  /** Each setting's environment variable, whose value is the default. */
  settings: Record<OrgSettingName, string>;
  /** The directory attribute organisations' directory values are matched against (DIRECTORY_ATTRIBUTE), e.g. `companyName`. */
  directoryAttribute: string;
}

/**
 * POST /api/admin/organisations (add; `id` is the ODS code) and PUT
 * /api/admin/organisations/:id (edit). Leads and viewers: emails or Entra
 * ids separated by commas, semicolons or new lines. A setting given as ''
 * goes back to the default.
 */
export interface SaveOrganisationRequest {
  id?: string;
  name: string;
  leads?: string;
  viewers?: string;
  /** Directory values, one a line (a value may hold spaces and commas). */
  directoryValues?: string;
  siteId?: string;
  siteUrl?: string;
  settings?: Partial<Record<OrgSettingName, string>>;
}

/** `details` of a 400 from the admin routes: a message per field (`id`, `name`, `leads`, `viewers`, `directoryValues`, `siteUrl`, `settings.<name>`). */
export type AdminFieldErrors = Record<string, string>;
