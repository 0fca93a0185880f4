import type { RequestHandler } from 'express';
import { AppError } from '../errors.js';
import type { PlanStore } from '../store/plan-store.js';
import { callerOf } from './caller.js';
import type { HealthResponse } from './contract.js';

/**
 * GET /api/health: the store's counts and the writes waiting for SharePoint,
 * for E&D leads only (the unauthenticated /healthz says just "ok"). Others get 403.
 */
export function healthRoute(store: PlanStore): RequestHandler {
  return async (_req, res, next) => {
    try {
      if (!callerOf(res).actor.isLead) throw new AppError('forbidden', 'Only E&D leads can see the service health figures.');
      const health = await store.health();
      const body: HealthResponse = {
        status: 'ok',
        store: health.kind,
        actions: health.actions,
        updates: health.updates,
        pendingWrites: health.pendingWrites,
        ...(health.failedWrites !== undefined ? { failedWrites: health.failedWrites } : {}),
      };
      res.json(body);
    } catch (e) {
      next(e);
    }
  };
}
