import type { Actor } from '../domain/people.js';
import type { BotDeps } from './bot-deps.js';
import { digest, myActions, type Reply } from './commands.js';

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
