import { z } from 'zod';
import type { Config } from '../config.js';
import { compareByRef, toActionView, type ActionView, type ViewContext } from '../domain/action-view.js';
import type { Clock } from '../domain/clock.js';
import { localDate } from '../domain/dates.js';
import type { Action, IndicatorNumber } from '../domain/model.js';
import { RAGS, STATUSES } from '../domain/model.js';
import { canUpdate } from '../domain/people.js';
import { GROUP_BYS, type GroupBy, type PlanFilter } from '../domain/plan-filter.js';
import { AppError } from '../errors.js';
import type { Caller } from './caller.js';

/** "Today" and the organisation's settings that views are computed with. */
export function viewContext(config: Pick<Config, 'TIMEZONE' | 'STALE_AFTER_DAYS'>, clock: Clock): ViewContext {
  return { today: localDate(clock.now(), config.TIMEZONE), timeZone: config.TIMEZONE, staleAfterDays: config.STALE_AFTER_DAYS };
}

/** One action as this caller sees it. */
export function viewFor(caller: Pick<Caller, 'actor'>, action: Action, ctx: ViewContext): ActionView {
  return toActionView(action, ctx, canUpdate(caller.actor, action));
}

/** The whole plan as this caller sees it, in reference order. */
export function planViews(caller: Pick<Caller, 'actor' | 'actions'>, ctx: ViewContext): ActionView[] {
  return caller.actions.map((a) => viewFor(caller, a, ctx)).sort(compareByRef);
}

const text = z.string().trim().max(200).optional();

/** The tab's filters as query parameters (see PlanFilter); `group` defaults to indicator. */
const filterQuerySchema = z.object({
  group: z.enum(GROUP_BYS).default('indicator'),
  owner: text,
  rag: z.enum(RAGS).optional(),
  status: z.enum(STATUSES).optional(),
  overdue: z
    .enum(['true', 'false', '1', '0', ''])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
  indicator: z.coerce.number().int().min(1).max(9).optional(),
  q: text,
});

/** Reads the filter query parameters; rejects with `bad_input` naming the parameter. */
export function parseFilterQuery(query: unknown): { group: GroupBy; filter: PlanFilter } {
  const parsed = filterQuerySchema.safeParse(query ?? {});
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? 'query')))];
    throw new AppError('bad_input', `These filters could not be read: ${names.join(', ')}.`, { details: { fields: names } });
  }
  const { group, owner, rag, status, overdue, indicator, q } = parsed.data;
  const filter: PlanFilter = {
    ...(owner ? { owner } : {}),
    ...(rag ? { rag } : {}),
    ...(status ? { status } : {}),
    ...(overdue ? { overdue } : {}),
    ...(indicator ? { indicator: indicator as IndicatorNumber } : {}),
    ...(q ? { q } : {}),
  };
  return { group, filter };
}
