import { Router } from 'express';
import type { Config } from '../config.js';
import type { Clock } from '../domain/clock.js';
import { canUpdate } from '../domain/people.js';
import { AppError } from '../errors.js';
import { parseUpdateInput, type PlanService } from '../service/plan-service.js';
import type { PlanStore } from '../store/plan-store.js';
import { callerOf } from './caller.js';
import type { ActionDetailResponse, ConflictBody, SubmitUpdateResponse } from './contract.js';
import { viewContext, viewFor } from './views.js';

/**
 * Routes under /api/actions (the caller is already authenticated):
 * GET /:id — the action, its progress log and whether the caller may update it;
 * POST /:id/updates — a progress update through PlanService.submitUpdate with
 * source `tab`: 201 recorded, 200 duplicate, 409 conflict (with the current
 * action), 409 without an action when the request id was already used for a
 * different update, 400 field errors, 403 not the owner or a lead, 404
 * unknown action.
 */
export function actionRoutes(deps: { config: Config; store: PlanStore; service: PlanService; clock: Clock }): Router {
  const router = Router();

  router.get('/:id', async (req, res) => {
    const caller = callerOf(res);
    const action = await deps.store.getAction(req.params.id);
    if (!action) throw new AppError('not_found', 'That action is no longer in the plan.');
    const updates = await deps.store.listUpdates(action.id);
    const body: ActionDetailResponse = {
      action: viewFor(caller, action, viewContext(deps.config, deps.clock)),
      updates,
      canUpdate: canUpdate(caller.actor, action),
    };
    res.json(body);
  });

  router.post('/:id/updates', async (req, res) => {
    const caller = callerOf(res);
    const raw: unknown = req.body;
    const fields = raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {};
    // The path names the action, so a body cannot redirect the update.
    const input = parseUpdateInput({ ...fields, actionId: req.params.id });
    const outcome = await deps.service.submitUpdate(caller.actor, input, 'tab');
    if (outcome.kind === 'refused') throw new AppError('conflict', outcome.reason);
    const ctx = viewContext(deps.config, deps.clock);
    const action = viewFor(caller, outcome.action, ctx);
    if (outcome.kind === 'conflict') {
      const who = outcome.action.latestUpdate?.authorName ?? 'Someone else';
      const body: ConflictBody = {
        error: {
          code: 'conflict',
          message: `${who} updated action ${outcome.action.ref} while you were writing, so your update has not been saved. Check the latest update, then send yours again.`,
        },
        action,
      };
      res.status(409).json(body);
      return;
    }
    const body: SubmitUpdateResponse = { outcome: outcome.kind, action, update: outcome.update };
    res.status(outcome.kind === 'recorded' ? 201 : 200).json(body);
  });

  return router;
}
