import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../config.js';
import { compareNatural } from '../domain/action-view.js';
import type { Clock } from '../domain/clock.js';
import { planYearStart } from '../domain/carry-over.js';
import { AppError } from '../errors.js';
import { formatPlanYear, normalisePlanYear } from '../importers/plan-year.js';
import type { CarryOverService } from '../service/carry-over.js';
import { callerOf, type Caller } from './caller.js';
import type { CarryOverPreviewResponse, CarryOverResponse } from './contract.js';
import { viewContext, viewFor } from './views.js';

const isoDate = z.iso.date('Each new due date must be a real date, written YYYY-MM-DD.');
const body = z.object({
  from: z.string().max(20),
  to: z.string().max(20),
  actions: z
    .array(z.object({ id: z.string().min(1).max(200), expectedVersion: z.number().int().nonnegative(), dueDate: isoDate.nullable() }))
    .max(20_000),
});

function leadOnly(caller: Caller): void {
  if (!caller.actor.isLead) throw new AppError('forbidden', 'Only E&D leads can carry the plan into the next year.');
}

function year(raw: unknown, name: string): string {
  const y = typeof raw === 'string' ? normalisePlanYear(raw) : undefined;
  if (!y) throw new AppError('bad_input', `${name} must be a plan year written like 2026/27.`);
  return y;
}

/**
 * Carrying the plan into the next year, E&D leads only (others 403): GET
 * /carry-over?from=&to= is the dry run (default: the newest plan year into
 * the one after), writing nothing; POST /carry-over carries what the lead
 * confirmed, with the due dates they chose, through `CarryOverService`
 * (an action changed since the dry run is left, and said so).
 */
export function carryOverRoutes(deps: { config: Config; clock: Clock; carryOver: CarryOverService }): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const caller = callerOf(res);
    leadOnly(caller);
    const years = [...new Set(caller.actions.map((a) => a.planYear))].sort((a, b) => compareNatural(b, a));
    const from = req.query.from ? year(req.query.from, 'from') : (years[0] ?? '');
    if (!from) throw new AppError('not_found', 'The plan has no actions to carry over.');
    const to = req.query.to ? year(req.query.to, 'to') : formatPlanYear(planYearStart(from) + 1);
    const plan = await deps.carryOver.preview(from, to);
    const ctx = viewContext(deps.config, deps.clock);
    const body: CarryOverPreviewResponse = {
      from,
      to,
      years,
      left: plan.left,
      items: plan.items.map((i) => ({
        kind: i.kind,
        action: viewFor(caller, i.action, ctx),
        dueDate: i.kind === 'copy' ? i.dueDate : i.kind === 'finish' ? i.copy.dueDate : null,
        ...(i.kind === 'blocked' ? { reason: i.reason } : {}),
      })),
    };
    res.json(body);
  });

  router.post('/', async (req, res) => {
    const caller = callerOf(res);
    leadOnly(caller);
    const parsed = body.safeParse(req.body);
    if (!parsed.success) throw new AppError('bad_input', parsed.error.issues[0]?.message ?? 'The carry-over could not be read.');
    const { actions } = parsed.data;
    const author = { name: caller.actor.displayName, ...(caller.actor.aadObjectId ? { aadObjectId: caller.actor.aadObjectId } : {}) };
    const result = await deps.carryOver.run({
      from: year(parsed.data.from, 'from'),
      to: year(parsed.data.to, 'to'),
      by: author,
      source: 'tab',
      dueDates: new Map(actions.map((a) => [a.id, a.dueDate])),
      confirmed: actions,
    });
    const ctx = viewContext(deps.config, deps.clock);
    const answer: CarryOverResponse = {
      from: result.plan.from,
      to: result.plan.to,
      carried: result.carried.map((c) => ({ ...c, action: viewFor(caller, c.action, ctx) })),
      notCarried: result.notCarried.map((n) => ({ ...n, action: viewFor(caller, n.action, ctx) })),
    };
    res.json(answer);
  });

  return router;
}
