/**
 * The domain names and labels the tab shares with the bot, so a RAG word or an
 * indicator name reads the same on the card, in the digest and in the tab.
 * Only pure modules are imported here (no luxon, no Node).
 */
export type { IndicatorNumber, ProgressEvent, ProgressUpdate, Rag, Status } from '../../../bot/src/domain/model.js';
export { RAGS, STATUSES } from '../../../bot/src/domain/model.js';
export { indicatorLabel } from '../../../bot/src/domain/indicators.js';
export { RAG_LABELS, STATUS_LABELS, isOverdue } from '../../../bot/src/domain/rules.js';
export { missingMemberText } from '../../../bot/src/domain/rollup.js';
export { dueLabel } from '../../../bot/src/domain/due-label.js';
export { filterActions, groupActions } from '../../../bot/src/domain/plan-filter.js';
export { summariseViews } from '../../../bot/src/domain/summary-counts.js';
export { FIRST_SCREEN_ROWS, countGroup, firstRows, onlyPlanYear, type GroupCounts } from '../../../bot/src/domain/first-screen.js';
export { MAX_EVIDENCE_LINKS, checkEvidenceLinks, isEvidenceLink, linkLabel } from '../../../bot/src/domain/evidence-links.js';
