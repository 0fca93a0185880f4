/** The API's request and response types, shared with the service (types only: nothing from the server is bundled). */
export type {
  ActionDetailResponse,
  ActionRef,
  ActionView,
  ActionGroup,
  ChangesResponse,
  ConflictBody,
  ExportQuery,
  FieldErrors,
  GroupBy,
  IndicatorSummary,
  MeResponse,
  OrgHeader,
  OrgChoiceDetails,
  MyActionsResponse,
  PlanFilter,
  PlanResponse,
  PlanSearchResponse,
  PlanStartResponse,
  Role,
  ApiErrorBody,
  SubmitUpdateRequest,
  SubmitUpdateResponse,
  SummaryResponse,
  UpdateRag,
} from '../../../bot/src/api/contract.js';

/** Reassigning actions and carrying the plan into the next year (E&D leads). */
export type {
  CarryOverPreviewItem,
  CarryOverPreviewResponse,
  CarryOverRequestBody,
  CarryOverResponse,
  ReassignActionRequest,
  ReassignAllRequest,
  ReassignedItem,
  ReassignPreviewResponse,
  ReassignResponse,
} from '../../../bot/src/api/contract.js';

/** WRES indicator evidence (bot/src/api/indicators-api.ts). */
export type {
  IndicatorEvidence,
  IndicatorsResponse,
  ModelEmployerResponse,
  SaveFiguresRequest,
  SaveFiguresResponse,
} from '../../../bot/src/api/contract.js';

/** The oversight groups' roll-up (summary only). */
export type { GroupListItem, GroupsResponse, IndicatorLatest, RollupResponse, ServedMember } from '../../../bot/src/api/contract.js';
/** Organisations and the platform admin's page (bot/src/api/tenancy-api.ts, admin-api.ts). */
export type {
  AdminFieldErrors,
  AdminOrganisation,
  AdminOrganisationsResponse,
  OrgSettingName,
  SaveOrganisationRequest,
} from '../../../bot/src/api/contract.js';
