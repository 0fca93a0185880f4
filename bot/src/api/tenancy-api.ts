import { Router, type RequestHandler, type Response } from 'express';
import type { Config } from '../config.js';
import type { Clock } from '../domain/clock.js';
import { orgLabel } from '../domain/organisation.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Reassignments } from '../service/reassignments.js';
import { directoryUncheckedMessage, type Identity } from '../service/roles.js';
import { roleIn, type Membership, type OrgContext, type Tenancy } from '../service/tenancy.js';
import type { OrganisationRegistry } from '../store/organisation-registry.js';
import { adminRoutes } from './admin-api.js';
import { createAuthenticator, type Authenticator } from './auth.js';
import { authenticateOnce, signedInAs } from './caller.js';
import type { MeResponse, OrgChoiceDetails, OrganisationMembership } from './contract.js';
import { isPlatformAdmin } from './platform-admin.js';
import { createApiRouter, noStore } from './plan-api.js';

/** Dependencies of the tab's API across the deployment's organisations. */
export interface TenancyApiDeps {
  tenancy: Tenancy;
  /** Where the admin page's changes are saved; `tenancy.reload()` follows each one. */
  registry: OrganisationRegistry;
  /** The deployment's configuration (each organisation's router gets `ctx.config`). */
  config: Config;
  clock: Clock;
  logger: Logger;
  /** Default: as createApiRouter's. */
  authenticator?: Authenticator;
  /** Reassigning in one organisation (the bot's, which tells new owners in Teams); undefined or absent: one that cannot tell them. */
  reassignmentsFor?: (ctx: OrgContext) => Reassignments | undefined;
}

/** The request header naming the organisation (contract.ts, `OrgHeader`). */
const ORG_HEADER = 'x-wres-org';

/**
 * The tab's JSON API for every organisation the deployment serves, mounted
 * under /api. Authenticates once, serves /admin/* to platform admins (see
 * admin-api.ts), then picks the organisation of the request (header
 * `X-Wres-Org`, else the caller's only one) and hands the request to that
 * organisation's own router (createApiRouter over its context, built once
 * per context), so every route works on one organisation's store, roles and
 * settings. With no organisation registered, it answers exactly as the
 * single-organisation API always has.
 */
export function createTenancyApiRouter(deps: TenancyApiDeps): Router {
  const { tenancy, config } = deps;
  const authenticator = deps.authenticator ?? createAuthenticator(config, deps.clock, deps.logger);
  const routers = new WeakMap<OrgContext, Router>();
  const routerFor = (ctx: OrgContext): Router => {
    let router = routers.get(ctx);
    if (!router) {
      router = createApiRouter({
        config: ctx.config,
        store: ctx.store,
        service: ctx.service,
        roles: ctx.roles,
        clock: deps.clock,
        logger: deps.logger,
        authenticator,
        ...withReassignments(deps.reassignmentsFor?.(ctx)),
        about: async (caller) => about(ctx, caller.identity, tenancy, config),
        ...(tenancy.implicit ? {} : { refuse: (identity: Identity) => notAMember(identity, ctx.org.id, tenancy, config) }),
      });
      routers.set(ctx, router);
    }
    return router;
  };

  const router = Router();
  router.use(noStore);
  router.use(authenticateOnce(authenticator));
  router.use(withDirectory(tenancy));
  router.use('/admin', adminRoutes({ tenancy, registry: deps.registry, config }));
  router.use(async (req, res, next) => {
    try {
      const ctx = await organisationOf(req.get(ORG_HEADER), res, tenancy, config);
      if (ctx.unavailable) throw await unavailable(ctx, signedInAs(res)!.identity);
      routerFor(ctx)(req, res, next);
    } catch (e) {
      next(e);
    }
  });
  return router;
}

/**
 * The 503 for an organisation that cannot be served just now. Its reason
 * (which may name its site) goes to the log. Its name goes only to its
 * listed people: anyone else may be an owner there (its plan cannot be read
 * to tell) or a stranger, and is told by the code they asked for.
 */
async function unavailable(ctx: OrgContext, identity: Identity): Promise<AppError> {
  const listed = (await roleIn(ctx, identity)) !== null;
  return new AppError(
    'unavailable',
    listed
      ? `${orgLabel(ctx.org)} cannot be reached just now, so nothing was read or changed. Please try again in a few minutes; if this goes on, tell the service's administrator.`
      : `Organisation ${ctx.org.id} cannot be reached just now, so whether you may see its plan could not be checked. Please try again in a few minutes.`,
  );
}

/** Adds what the directory says about the caller, once per request, when some organisation needs it (see `Tenancy.withDirectory`). */
function withDirectory(tenancy: Tenancy): RequestHandler {
  return async (_req, res, next) => {
    try {
      const auth = signedInAs(res)!;
      res.locals.auth = { ...auth, identity: await tenancy.withDirectory(auth.identity) };
      next();
    } catch (e) {
      next(e);
    }
  };
}

function withReassignments(reassignments: Reassignments | undefined): { reassignments?: Reassignments } {
  return reassignments ? { reassignments } : {};
}

/** The context a request is for: the one its header names, else the caller's only organisation. */
async function organisationOf(header: string | undefined, res: Response, tenancy: Tenancy, config: Config): Promise<OrgContext> {
  const identity = signedInAs(res)!.identity;
  const asked = header?.trim();
  if (asked) {
    // An unknown code gets the same refusal as a known one the caller is not in: it tells nothing about who uses the service.
    const ctx = tenancy.context(asked);
    if (!ctx) throw await notAMember(identity, asked, tenancy, config);
    return ctx;
  }
  if (tenancy.implicit) return tenancy.contexts()[0]!;
  const memberships = await tenancy.membershipsOf(identity);
  if (memberships.length === 1) return memberships[0]!.context;
  if (memberships.length === 0) throw await notAMember(identity, null, tenancy, config);
  const names = memberships.map((m) => orgLabel(m.context.org)).join(', ');
  throw new AppError('bad_input', `You belong to several organisations (${names}): choose which one to open.`, {
    details: choiceDetails(memberships, identity, config),
  });
}

/**
 * The 403 for a person who is not a lead, viewer or owner in `code` (or in
 * any organisation, when null), naming it by the code asked for, with the
 * organisations they may open instead.
 */
async function notAMember(identity: Identity, code: string | null, tenancy: Tenancy, config: Config): Promise<AppError> {
  const memberships = await tenancy.membershipsOf(identity);
  if (tenancy.undecidedWithoutDirectory(identity, code)) {
    const ctx = code ? tenancy.context(code) : null;
    return new AppError('unavailable', directoryUncheckedMessage(identity, ctx ? `the WRES action plan of ${orgLabel(ctx.org)}` : null), {
      details: choiceDetails(memberships, identity, config),
    });
  }
  // Someone in no organisation may own an action in one that cannot be read just now: not decided, not refused.
  if (code === null && tenancy.unavailable().length > 0)
    return new AppError(
      'unavailable',
      `You are signed in as ${identity.displayName}. Some organisations' WRES plans cannot be reached just now, so whether an action there is yours could not be checked. Nothing was decided about your access. Please try again in a few minutes.`,
      { details: choiceDetails(memberships, identity, config) },
    );
  const where = code ? `organisation ${code.toUpperCase().slice(0, 12)}` : 'any organisation using the WRES Action Tracker';
  return new AppError(
    'forbidden',
    `You are signed in as ${identity.displayName}, but you are not a member of ${where}: not one of its E&D leads or board viewers, and no action in its plan is yours. Please ask its E&D lead for access.`,
    { details: choiceDetails(memberships, identity, config) },
  );
}

function choiceDetails(memberships: Membership[], identity: Identity, config: Config): OrgChoiceDetails {
  return { organisations: memberships.map(membershipRef), platformAdmin: isPlatformAdmin(config, identity) };
}

function membershipRef(m: Membership): OrganisationMembership {
  return { id: m.context.org.id, name: m.context.org.name, role: m.role };
}

/**
 * What GET /me adds: for a registered organisation, which one and the
 * caller's others; for a platform admin, the flag (so one can register the
 * first organisation). Nothing else for the implicit organisation.
 */
async function about(ctx: OrgContext, identity: Identity, tenancy: Tenancy, config: Config): Promise<Partial<MeResponse>> {
  const admin = isPlatformAdmin(config, identity) ? { platformAdmin: true as const } : {};
  if (tenancy.implicit) return admin;
  const memberships = await tenancy.membershipsOf(identity);
  return { organisation: { id: ctx.org.id, name: ctx.org.name }, organisations: memberships.map(membershipRef), ...admin };
}
