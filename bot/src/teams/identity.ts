import { TeamsInfo, TurnContext } from 'botbuilder';
import type { ConversationRef } from '../domain/model.js';
import type { Actor } from '../domain/people.js';
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Identity, RoleDirectory } from '../service/roles.js';
import type { PlanStore } from '../store/plan-store.js';

/** Who sent an activity, as far as the bot can verify it (and, once `Tenancy.withDirectory` ran, what the directory says of them). */
export interface TeamsUser extends Identity {
  /** The Teams user id (`29:…`), used for card refresh. */
  teamsId?: string;
}

/**
 * The sender of this turn: the Entra object id comes from the activity
 * (Teams sets it), the email from the stored conversation reference, else
 * from TeamsInfo.getMember (which may fail outside Teams: then none).
 */
export async function senderOf(context: TurnContext, store: Pick<PlanStore, 'getConversation'>, logger: Logger): Promise<TeamsUser> {
  const from = context.activity.from ?? { id: '', name: '' };
  const aadObjectId = from.aadObjectId;
  const base: TeamsUser = {
    displayName: from.name || 'Teams user',
    ...(aadObjectId ? { aadObjectId } : {}),
    ...(from.id ? { teamsId: from.id } : {}),
  };
  // The stored email is a convenience: if the store cannot be read, ask Teams instead.
  const stored = aadObjectId ? await store.getConversation(aadObjectId).catch(() => null) : null;
  if (stored?.email) return { ...base, email: stored.email, displayName: from.name || stored.displayName };
  const member = await memberInfo(context, logger);
  return { ...base, ...(member.email ? { email: member.email } : {}), displayName: from.name || member.name || base.displayName };
}

/** The actor the domain rules see: roles from configuration, never from the client. */
export function actorOf(user: TeamsUser, roles: RoleDirectory): Actor {
  return roles.actorFor(user);
}

/** Email (or UPN) and name of the sender from Teams; empty when Teams cannot say. */
async function memberInfo(context: TurnContext, logger: Logger): Promise<{ email?: string; name?: string }> {
  const id = context.activity.from?.id;
  if (!id) return {};
  try {
    const member = await TeamsInfo.getMember(context, id);
    const email = member.email || member.userPrincipalName;
    return { ...(email ? { email } : {}), ...(member.name ? { name: member.name } : {}) };
  } catch (e) {
    logger.warn('Could not read the Teams member profile; continuing without email', { error: describeError(e) });
    return {};
  }
}

/**
 * Stores how to reach the sender proactively (keyed by Entra object id) and
 * clears any "unreachable" mark. Only personal (1:1) conversations are kept:
 * a channel is not a way to reach one person. First contact also links the
 * actions owned by the sender's email (as Teams reports it) that have no
 * object id yet to this account, so only it is their owner from then on.
 * Returns the stored reference.
 */
export async function rememberConversation(
  context: TurnContext,
  user: TeamsUser,
  store: PlanStore,
  now: Date,
): Promise<ConversationRef | null> {
  const activity = context.activity;
  const type = activity.conversation?.conversationType;
  if (!user.aadObjectId || (type && type !== 'personal')) return null;
  const reference = TurnContext.getConversationReference(activity) as unknown as Record<string, unknown>;
  const tenantId = activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  const ref: ConversationRef = {
    aadObjectId: user.aadObjectId,
    displayName: user.displayName,
    ...(user.email ? { email: user.email } : {}),
    ...(tenantId ? { tenantId } : {}),
    reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
    updatedAt: now.toISOString(),
  };
  await store.saveConversation(ref);
  await store.setUnreachable(user.aadObjectId, null);
  if (user.email) await store.linkOwnerObjectId(user.email, user.aadObjectId);
  return ref;
}
