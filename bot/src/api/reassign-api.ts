import express, { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Clock } from '../domain/clock.js';
import { AppError } from '../errors.js';
import type { ReassignItem, ReassignOutcome, Reassignments } from '../service/reassignments.js';
import { callerOf, type Caller } from './caller.js';
import type { ReassignedItem, ReassignPreviewResponse, ReassignResponse } from './contract.js';
import { viewContext, viewFor } from './views.js';

const requestId = z.string().min(8).max(200);
const version = z.number().int().nonnegative();
const newOwner = z.object({ email: z.string().trim().min(1).max(254), displayName: z.string().trim().max(255).optional() });
const single = z.object({ requestId, expectedVersion: version, to: newOwner });
const bulk = z.object({
  requestId,
  from: z.string().trim().min(1).max(254),
  to: newOwner,
  actions: z
    .array(z.object({ id: z.string().min(1).max(200), expectedVersion: version }))
    .min(1)
    .max(5000),
});
const previewQuery = z.object({
  from: z.string().trim().min(1).max(254),
  to: z.string().trim().min(1).max(254),
  toName: z.string().trim().max(255).optional(),
});

function parse<T>(schema: z.ZodType<T>, raw: unknown, what: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new AppError('bad_input', `${what} could not be read: ${parsed.error.issues.map((i) => i.path.join('.') || 'body').join(', ')}.`);
  return parsed.data;
}

/**
 * Reassigning actions, E&D leads only (others 403), through
 * `Reassignments` with source `tab`: POST /actions/:id/reassign (one action;
 * 201 reassigned, 200 a retry, 409 with `action` when it changed since or
 * cannot be reassigned, 400 an unknown person, 404 no such action); GET
 * /reassign?from=&to= (A's open actions, the dry run); POST /reassign (the
 * confirmed list, each action's outcome in `items`).
 */
export function reassignRoutes(deps: { config: Config; clock: Clock; reassignments: Reassignments }): Router {
  const router = Router();
  const answer = (caller: Caller, outcome: ReassignOutcome): ReassignResponse => {
    const ctx = viewContext(deps.config, deps.clock);
    const view = (item: ReassignItem): ReassignedItem => {
      switch (item.kind) {
        case 'recorded':
        case 'duplicate':
          return {
            outcome: item.kind === 'recorded' ? 'reassigned' : 'duplicate',
            action: viewFor(caller, item.action, ctx),
            previousOwner: item.previousOwner,
            ...(item.pending ? { pending: true } : {}),
          };
        case 'conflict':
          return { outcome: 'conflict', actionId: item.action.id, action: viewFor(caller, item.action, ctx), reason: item.reason };
        case 'refused':
          return {
            outcome: 'refused',
            actionId: item.actionId,
            ...(item.action ? { action: viewFor(caller, item.action, ctx) } : {}),
            reason: item.reason,
          };
      }
    };
    return { to: outcome.to, items: outcome.items.map(view), handover: outcome.handover };
  };

  router.post('/actions/:id/reassign', express.json({ limit: '16kb' }), async (req, res) => {
    const caller = callerOf(res);
    const body = parse(single, req.body, 'The reassignment');
    const actions = [{ id: req.params.id, expectedVersion: body.expectedVersion }];
    const outcome = await deps.reassignments.reassign(caller.actor, { requestId: body.requestId, to: body.to, actions }, 'tab');
    const result = answer(caller, outcome);
    const item = result.items[0]!;
    if (item.outcome === 'refused' && !item.action) throw new AppError('not_found', item.reason);
    if (item.outcome === 'conflict' || item.outcome === 'refused') {
      res.status(409).json({ error: { code: 'conflict', message: item.reason }, ...(item.action ? { action: item.action } : {}) });
      return;
    }
    res.status(item.outcome === 'reassigned' ? 201 : 200).json(result);
  });

  router.get('/reassign', async (req, res) => {
    const caller = callerOf(res);
    const q = parse(previewQuery, req.query, 'The people to reassign between');
    const preview = await deps.reassignments.preview(caller.actor, q.from, { email: q.to, ...(q.toName ? { displayName: q.toName } : {}) });
    const ctx = viewContext(deps.config, deps.clock);
    const body: ReassignPreviewResponse = { ...preview, actions: preview.actions.map((a) => viewFor(caller, a, ctx)) };
    res.json(body);
  });

  router.post('/reassign', express.json({ limit: '512kb' }), async (req, res) => {
    const caller = callerOf(res);
    const body = parse(bulk, req.body, 'The reassignment');
    const outcome = await deps.reassignments.reassign(caller.actor, { ...body, from: { email: body.from } }, 'tab');
    res.status(outcome.items.some((i) => i.kind === 'recorded') ? 201 : 200).json(answer(caller, outcome));
  });

  return router;
}
