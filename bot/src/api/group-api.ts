import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Clock } from '../domain/clock.js';
import { localDate } from '../domain/dates.js';
import { AppError } from '../errors.js';
import { ROLLUP_FORMATS, rollupCsv, rollupFilename, rollupXlsx } from '../export/rollup-export.js';
import { GroupRollups, type GroupSource } from '../service/group-rollups.js';
import type { Identity } from '../service/roles.js';
import type { Authenticator } from './auth.js';
import type { GroupsResponse, RollupResponse } from './contract.js';

/** What the roll-up API needs: the tenancy (its groups and member contexts), the API's authenticator and the clock. */
export interface GroupApiDeps {
  tenancy: GroupSource;
  authenticator: Authenticator;
  clock: Clock;
  /** The deployment's time zone, for the export file's date. */
  timeZone: string;
}

const formatSchema = z.enum(ROLLUP_FORMATS, { message: 'format must be csv or xlsx.' }).optional();

/**
 * The oversight bodies' API, mounted at /api/groups ahead of (and apart
 * from) the per-organisation API: a group viewer need belong to no
 * organisation, and nothing here reaches a member's plan beyond its counts.
 * GET / — the groups the caller may read; GET /:id/rollup[?format=csv|xlsx]
 * — a group's roll-up as JSON or a file (403 for anyone not on the group's
 * viewer list, 404 for an unknown group). Every answer is `no-store`.
 */
export function createGroupRouter(deps: GroupApiDeps): Router {
  const rollups = new GroupRollups(deps.tenancy, deps.clock);
  const router = Router();
  router.use(noStore);
  router.use(authenticate(deps.authenticator, deps.tenancy));

  router.get('/', (_req, res) => {
    const body: GroupsResponse = {
      groups: rollups.readableBy(identityOf(res.locals)).map((g) => ({ id: g.id, name: g.name, kind: g.kind, members: g.members.length })),
    };
    res.json(body);
  });

  router.get('/:id/rollup', async (req, res) => {
    const format = formatSchema.safeParse(req.query.format || undefined);
    if (!format.success) throw new AppError('bad_input', 'format must be csv or xlsx.');
    const rollup = await rollups.rollup(req.params.id, identityOf(res.locals));
    const today = localDate(deps.clock.now(), deps.timeZone);
    if (format.data === undefined) {
      const body: RollupResponse = { ...rollup, generatedAt: deps.clock.now().toISOString() };
      res.json(body);
      return;
    }
    res.attachment(rollupFilename(rollup, today, format.data));
    if (format.data === 'csv') res.type('text/csv; charset=utf-8').send(rollupCsv(rollup));
    else res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await rollupXlsx(rollup, today));
  });

  // Nothing under /api/groups falls through to the per-organisation API.
  router.use((_req, _res, next) => next(new AppError('not_found', 'No such roll-up address.')));
  return router;
}

const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

/** Who is calling, proved by the same authenticator as the tab's API; no organisation membership is asked for. */
function authenticate(authenticator: Authenticator, tenancy: GroupSource): RequestHandler {
  return async (req, res, next) => {
    try {
      const auth = await authenticator.authenticate({ authorization: req.get('authorization'), devUser: req.get('x-dev-user') });
      res.locals.groupCaller = tenancy.withDirectory ? await tenancy.withDirectory(auth.identity) : auth.identity;
      next();
    } catch (e) {
      next(e);
    }
  };
}

function identityOf(locals: Record<string, unknown>): Identity {
  const identity = locals.groupCaller as Identity | undefined;
  if (!identity) throw new AppError('internal', 'The request was not authenticated.');
  return identity;
}
