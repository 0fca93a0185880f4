import type { Actor } from '../domain/people.js';
import { installKey } from '../reminders/proactive-install.js';
import type { PlanStore } from '../store/plan-store.js';
import type { BotDeps } from './bot-deps.js';
import { digest, myActions, type Reply } from './commands.js';

/** An install the reminder run made this long ago or less still counts as "just installed for them". */
const RECENT_INSTALL_MS = 24 * 60 * 60_000;

/**
 * True when a reminder run has just installed the app for this person
 * (PROACTIVE_INSTALL): their reminder follows at once, so the greeting
 * introduces the app without repeating their actions as cards.
 */
export async function installedForThem(store: PlanStore, user: { aadObjectId?: string; email?: string }, now: Date): Promise<boolean> {
  const keys = [
    ...(user.aadObjectId ? [installKey({ aadObjectId: user.aadObjectId })] : []),
    ...(user.email ? [installKey({ email: user.email })] : []),
  ];
  for (const key of keys) {
    const entries = await store.listReminders(key.actionId).catch(() => []);
    if (entries.some((e) => e.stage === key.stage && (e.state === 'pending' || now.getTime() - Date.parse(e.sentAt) < RECENT_INSTALL_MS)))
      return true;
  }
  return false;
}

/** The short greeting for someone the app was installed for by the reminder run. */
export function installedGreeting(actor: Actor): Reply[] {
  const first = actor.displayName.split(/\s+/)[0] || 'there';
  return [
    {
      text: `Hello ${first} — your organisation has added the WRES action tracker to your Teams, so that reminders about the WRES actions you own reach you here. You can answer each one on the card itself. Type "my actions" to see all of yours, or "help".`,
    },
  ];
}

/**
 * The greeting after installation: who the bot is, the user's open actions
 * ready for an update, and for an E&D lead this week's digest.
 */
export async function welcome(deps: BotDeps, actor: Actor): Promise<Reply[]> {
  const first = actor.displayName.split(/\s+/)[0] || 'there';
  const replies: Reply[] = [
    {
      text: `Hello ${first} — I am the WRES action tracker. I will remind you here before your WRES actions are due, and you can answer each reminder on the card itself. Type "help" at any time.`,
    },
  ];
  const mine = await myActions(deps, actor);
  replies.push(...mine);
  if (actor.isLead) {
    replies.push({ text: 'As an E&D lead you also get the weekly digest. Here is this week’s:' });
    replies.push(...(await digest(deps)));
  }
  return replies;
}
