import type { RequestHandler, Response } from 'express';
import type { Action } from '../domain/model.js';
import type { Actor } from '../domain/people.js';
import { isSamePerson, sameKey } from '../domain/people.js';
import { AppError } from '../errors.js';
import { directoryUncheckedMessage, type Identity, type RoleDirectory } from '../service/roles.js';
import type { PlanStore } from '../store/plan-store.js';
import type { AuthResult, Authenticator } from './auth.js';
import type { Role } from './contract.js';

/** The signed-in caller of one API request, with the plan as it was read for that request. */
export interface Caller {
  identity: Identity;
  actor: Actor;
  role: Role;
  ownsActions: number;
  devIdentity: boolean;
  /** Every action, read once per request. */
  actions: Action[];
}

/** In development, fills a demo person's name and object id from the plan when they own an action there. */
function enrichFromPlan(identity: Identity, actions: Action[]): Identity {
  if (identity.aadObjectId || !identity.email) return identity;
  // The made-up development identity is only an email: take the plan's account for it, so it acts as that owner.
  const owner = actions.map((a) => a.owner).find((o) => sameKey(o?.email, identity.email));
  if (!owner) return identity;
  return {
    ...identity,
    displayName: owner.displayName || identity.displayName,
    ...(owner.aadObjectId ? { aadObjectId: owner.aadObjectId } : {}),
  };
}

/** The refusal for a signed-in person who may not see this plan. */
export type Refusal = (identity: Identity) => AppError | Promise<AppError>;

/** The single organisation's refusal: not on the list, or (503) the directory that might list them could not be asked. */
const notOnTheList =
  (roles: RoleDirectory): Refusal =>
  (identity) =>
    roles.undecidedWithoutDirectory(identity)
      ? new AppError('unavailable', directoryUncheckedMessage(identity, null))
      : new AppError(
          'forbidden',
          `You are signed in as ${identity.displayName}, but you are not on the list of people who can see the WRES action plan. Please ask your E&D lead for access.`,
        );

/**
 * Authenticates a request once, for everything after it: stores who is
 * calling for `authenticateCaller` (which then does not ask again).
 */
export function authenticateOnce(authenticator: Authenticator): RequestHandler {
  return async (req, res, next) => {
    try {
      res.locals.auth = await authenticator.authenticate({ authorization: req.get('authorization'), devUser: req.get('x-dev-user') });
      next();
    } catch (e) {
      next(e);
    }
  };
}

/** Who is calling, as `authenticateOnce` proved it; undefined before it ran. */
export function signedInAs(res: Response): AuthResult | undefined {
  return res.locals.auth as AuthResult | undefined;
}

/**
 * Authenticates every request (unless `authenticateOnce` already did) and
 * resolves its role: lead (ED_LEADS), owner (owns at least one action), else
 * viewer. When VIEWERS is set (always, for a registered organisation), anyone
 * who is none of these is refused with 403 (`refuse` words it). Stores the
 * `Caller` for `callerOf`.
 */
export function authenticateCaller(deps: {
  authenticator: Authenticator;
  roles: RoleDirectory;
  store: PlanStore;
  refuse?: Refusal | undefined;
}): RequestHandler {
  const refuse = deps.refuse ?? notOnTheList(deps.roles);
  return async (req, res, next) => {
    try {
      const auth =
        signedInAs(res) ??
        (await deps.authenticator.authenticate({ authorization: req.get('authorization'), devUser: req.get('x-dev-user') }));
      const actions = await deps.store.listActions();
      const identity = auth.devIdentity ? enrichFromPlan(auth.identity, actions) : auth.identity;
      const actor = deps.roles.actorFor(identity);
      const ownsActions = actions.filter((a) => isSamePerson(a.owner, actor)).length;
      if (!actor.isLead && ownsActions === 0 && !deps.roles.isListedViewer(identity)) {
        throw await refuse(identity);
      }
      const role: Role = actor.isLead ? 'lead' : ownsActions > 0 ? 'owner' : 'viewer';
      const caller: Caller = { identity, actor, role, ownsActions, devIdentity: auth.devIdentity, actions };
      res.locals.caller = caller;
      next();
    } catch (e) {
      next(e);
    }
  };
}

/** The caller stored by `authenticateCaller`; a programming error if it is missing. */
export function callerOf(res: Response): Caller {
  const caller = res.locals.caller as Caller | undefined;
  if (!caller) throw new AppError('internal', 'The request was not authenticated.');
  return caller;
}
