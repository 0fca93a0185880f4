import express, { Router, type RequestHandler } from 'express';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Config } from '../config.js';
import { compareByDue } from '../domain/action-view.js';
import type { Clock } from '../domain/clock.js';
import { isSamePerson } from '../domain/people.js';
import { GROUP_BYS } from '../domain/plan-filter.js';
import { isClosed } from '../domain/rules.js';
import { summarisePlan } from '../domain/plan-summary.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { PlanService } from '../service/plan-service.js';
import { rolesFromConfig, type RoleDirectory } from '../service/roles.js';
import type { PlanStore } from '../store/plan-store.js';
import { CarryOverService } from '../service/carry-over.js';
import { PeopleFinder } from '../service/people-finder.js';
import { Reassignments } from '../service/reassignments.js';
import { actionRoutes } from './action-api.js';
import { carryOverRoutes } from './carry-over-api.js';
import { reassignRoutes } from './reassign-api.js';
import { createAuthenticator, type Authenticator } from './auth.js';
import { authenticateCaller, callerOf, type Caller, type Refusal } from './caller.js';
import { changesSince } from './changes-report.js';
import type { ChangesResponse, MeResponse, MyActionsResponse, PlanSearchResponse, SummaryResponse } from './contract.js';
import { exportRoute } from './export-api.js';
import { healthRoute } from './health-api.js';
import { indicatorRoutes } from './indicators-api.js';
import { PlanListCache } from './plan-list.js';
import { planViews, viewContext } from './views.js';

/** Dependencies of the tab's JSON API. */
export interface ApiDeps {
  config: Config;
  store: PlanStore;
  service: PlanService;
  clock: Clock;
  logger: Logger;
  /** Built once by the composition root (rolesFromConfig); the default builds them the same way, for tests. */
  roles?: RoleDirectory;
  /** Default: Entra SSO validation when AAD_APP_CLIENT_ID is set, else the development identity (never in production). */
  authenticator?: Authenticator;
  /** Reassigning actions; the composition root passes the bot's (which tells new owners in Teams). Default: one that cannot. */
  reassignments?: Reassignments;
  /** Carrying the plan into the next year; default: on `store`. */
  carryOver?: CarryOverService;
  /** How a signed-in person who may not read this plan is refused (default: "not on the list"); tenancy-api.ts names the organisation. */
  refuse?: Refusal;
  /** What GET /me adds about organisations (tenancy-api.ts); default: nothing, as for a single-organisation deployment. */
  about?: (caller: Caller) => Promise<Partial<MeResponse>>;
}

/** `Cache-Control: no-store` on every API answer, refusals included. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

/**
 * The tab's JSON API, mounted under /api. Every route is authenticated (see
 * auth.ts) and answers with `Cache-Control: no-store`. Bodies are typed in
 * contract.ts; routes: GET /me, /health (leads), /plan (the lean list, see plan-list.ts), /plan/start (its first screen), /plan/search, /summary, /my-actions, /changes,
 * /actions/:id, /export, /indicators, /indicators/model-employer; POST
 * /actions/:id/updates; PUT /indicators/figures (see indicators-api.ts). Throws a `config`
 * AppError at construction in production without Entra configuration.
 */
export function createApiRouter(deps: ApiDeps): Router {
  const { config, clock } = deps;
  const roles = deps.roles ?? rolesFromConfig(config);
  const authenticator = deps.authenticator ?? createAuthenticator(config, clock, deps.logger);
  const router = Router();
  router.use(noStore);
  router.use(authenticateCaller({ authenticator, roles, store: deps.store, refuse: deps.refuse }));

  router.get('/me', async (_req, res) => {
    const c = callerOf(res);
    const body: MeResponse = {
      displayName: c.identity.displayName,
      ...(c.identity.email ? { email: c.identity.email } : {}),
      ...(c.identity.aadObjectId ? { aadObjectId: c.identity.aadObjectId } : {}),
      role: c.role,
      isLead: c.actor.isLead,
      ownsActions: c.ownsActions,
      devIdentity: c.devIdentity,
      timeZone: config.TIMEZONE,
      ...(await deps.about?.(c)),
    };
    res.json(body);
  });

  router.get('/health', healthRoute(deps.store));

  const planList = new PlanListCache();
  router.get('/plan', async (req, res) => {
    await planList.body(callerOf(res).actions, viewContext(config, clock)).send(req, res);
  });

  router.get('/plan/start', async (req, res) => {
    const group = startGroup.safeParse(req.query.group);
    if (!group.success) throw new AppError('bad_input', `group must be one of: ${GROUP_BYS.join(', ')}.`);
    await planList.start(callerOf(res).actions, viewContext(config, clock), group.data).send(req, res);
  });

  router.get('/plan/search', (req, res) => {
    const q = searchQuery.safeParse(req.query.q);
    if (!q.success) throw new AppError('bad_input', 'q must be the text to search for, at most 200 characters.');
    const body: PlanSearchResponse = { q: q.data, ids: planList.search(callerOf(res).actions, viewContext(config, clock), q.data) };
    res.json(body);
  });

  router.get('/summary', (_req, res) => {
    const body: SummaryResponse = summarisePlan(callerOf(res).actions, viewContext(config, clock));
    res.json(body);
  });

  router.get('/my-actions', (_req, res) => {
    const c = callerOf(res);
    const mine = planViews(c, viewContext(config, clock)).filter((v) => isSamePerson(v.owner, c.actor));
    const open = mine.filter((v) => !isClosed(v)).sort(compareByDue);
    const done = mine.filter((v) => isClosed(v)).sort(compareByDue);
    const body: MyActionsResponse = { actions: [...open, ...done] };
    res.json(body);
  });

  router.get('/changes', async (req, res) => {
    const ctx = viewContext(config, clock);
    const since = parseSince(req.query.since, ctx.today);
    const fromIso = DateTime.fromISO(since, { zone: config.TIMEZONE }).startOf('day').toUTC().toISO()!;
    const updates = await deps.store.listUpdatesSince(fromIso);
    const body: ChangesResponse = changesSince(since, ctx.today, planViews(callerOf(res), ctx), updates);
    res.json(body);
  });

  const reassignments = deps.reassignments ?? new Reassignments({ store: deps.store, clock, people: new PeopleFinder(deps.store) });
  router.use(reassignRoutes({ config, clock, reassignments }));
  router.use(
    '/carry-over',
    express.json({ limit: '2mb' }),
    carryOverRoutes({ config, clock, carryOver: deps.carryOver ?? new CarryOverService(deps.store, clock) }),
  );
  router.use('/actions', express.json({ limit: '64kb' }), actionRoutes(deps));
  router.get('/export', exportRoute(deps));
  router.use('/indicators', express.json({ limit: '64kb' }), indicatorRoutes(deps));
  return router;
}

const startGroup = z.enum(GROUP_BYS).default('indicator');

const searchQuery = z.string().trim().min(1).max(200);

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'since must be a date written YYYY-MM-DD')
  .refine((s) => DateTime.fromISO(s).isValid, 'since is not a real date');

/** The `since` date: given, or three months before today; never after today. */
function parseSince(raw: unknown, today: string): string {
  if (raw === undefined || raw === '') return DateTime.fromISO(today).minus({ months: 3 }).toISODate()!;
  const parsed = isoDate.safeParse(raw);
  if (!parsed.success) throw new AppError('bad_input', parsed.error.issues[0]?.message ?? 'since could not be read.');
  if (parsed.data > today) throw new AppError('bad_input', 'since must not be in the future.');
  return parsed.data;
}
