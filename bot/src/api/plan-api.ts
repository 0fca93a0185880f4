import { Router } from 'express';
import type { PlanStore } from '../store/plan-store.js';

/** Dependencies of the tab's JSON API. */
export interface ApiDeps {
  store: PlanStore;
}

/**
 * The tab's JSON API, mounted under /api.
 * GET /plan — every action in the plan.
 */
export function createApiRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/plan', async (_req, res, next) => {
    try {
      res.json({ actions: await deps.store.listActions() });
    } catch (e) {
      next(e);
    }
  });
  return router;
}
