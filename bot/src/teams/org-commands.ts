import { orgLabel } from '../domain/organisation.js';
import { escapeMarkdown } from './cards/escape.js';
import { messageCard } from './cards/message-card.js';
import { planUrl, type CardElement } from './cards/parts.js';
import { answerText, myActions, parseCommand, type Reply } from './commands.js';
import { openCountOf, stamped, type BotMembership, type OrganisationBots, type OrgBot } from './org-bots.js';
import { isReassignCommand, reassignCommand } from './reassign-command.js';
import { welcome } from './welcome.js';
import type { TeamsUser } from './identity.js';
import { directoryUncheckedMessage } from '../service/roles.js';

/** `reassign … in RXX`: the organisation a lead of several names at the end of the command. */
const IN_ORG = /\s+in\s+([a-z0-9]{3,5})\s*[.!]*\s*$/i;

/**
 * What the bot answers `text` with across the person's organisations. With
 * none registered this is exactly the single-organisation answer. Otherwise
 * each organisation's part is worked out in that organisation alone and
 * headed with its name when there are several; a person in none is told so.
 */
export async function answerAcross(bots: OrganisationBots, memberships: BotMembership[], text: string, user: TeamsUser): Promise<Reply[]> {
  const first = memberships[0];
  if (bots.implicit && first) return answerText(first.bot.deps, first.actor, text);
  if (!first) return [notMemberReply(bots, user)];
  if (isReassignCommand(text)) return reassignAcross(memberships, text);
  const leads = memberships.filter((m) => m.role === 'lead');
  switch (parseCommand(text)) {
    case 'my-actions':
      return myActionsAcross(memberships);
    case 'remind-me': {
      if (!first.bot.deps.settings.devCommands) return answerText(first.bot.deps, first.actor, text);
      const owning = await withOpenActions(memberships);
      return owning.length ? eachOrganisation(owning, (m) => answerText(m.bot.deps, m.actor, text)) : [noOpenActions(memberships)];
    }
    case 'overdue':
    case 'digest':
      if (!leads.length) return answerText(first.bot.deps, first.actor, text);
      return eachOrganisation(leads, (m) => answerText(m.bot.deps, m.actor, text));
    default:
      // Help (and text it did not understand): the same card for all, a lead's version for a lead anywhere.
      return answerText((leads[0] ?? first).bot.deps, (leads[0] ?? first).actor, text);
  }
}

/** The greeting after installation: hello once, then each organisation's actions (and a lead's digest) under its name. */
export async function welcomeAcross(memberships: BotMembership[]): Promise<Reply[]> {
  if (memberships.length === 1) return stampReplies(memberships[0]!.bot, await welcome(memberships[0]!.bot.deps, memberships[0]!.actor));
  const out: Reply[] = [];
  for (const m of memberships) {
    const [hello, ...rest] = await welcome(m.bot.deps, m.actor);
    if (!out.length && hello) out.push(hello);
    out.push(heading(m.bot), ...stampReplies(m.bot, rest));
  }
  return out;
}

/**
 * A person none of the registered organisations lists or names as an
 * owner; or, when the directory that might list them could not be asked,
 * a card that says so (nothing was decided).
 */
export function notMemberReply(bots: OrganisationBots, user: TeamsUser): Reply {
  const url = planUrl(bots.all()[0]!.deps.settings.publicUrl);
  if (bots.undecidedWithoutDirectory(user)) {
    const card = messageCard({
      title: 'Your access could not be checked just now',
      message: directoryUncheckedMessage(user, null),
      tone: 'attention',
      planUrl: url,
    });
    return { card, summary: 'Your access to the WRES plan could not be checked' };
  }
  if (bots.someUnavailable) {
    const card = messageCard({
      title: 'Your access could not be checked just now',
      message:
        'Some organisations’ WRES plans cannot be reached just now, so whether an action there is yours could not be checked. Nothing was decided about your access. Please try again in a few minutes.',
      tone: 'attention',
      planUrl: url,
    });
    return { card, summary: 'Your access to the WRES plan could not be checked' };
  }
  const card = messageCard({
    title: 'You are not in any organisation’s WRES plan here',
    message:
      'None of the organisations using this WRES tracker lists you as an E&D lead or a board viewer, or names you as the owner of an action. If you own a WRES action, ask your organisation’s E&D lead to check the email given for you in the plan.',
    tone: 'attention',
    planUrl: url,
  });
  return { card, summary: 'You are not in any WRES plan here' };
}

/** What someone listed in an organisation that cannot be served just now is told instead of its part of the answer. */
export function unreachableReply(bot: OrgBot): Reply {
  return {
    text: `${bot.label} cannot be reached just now, so nothing of its plan can be shown or changed. Please try again in a few minutes.`,
  };
}

/** Why a card of `bot`'s organisation is refused to someone outside it: it names the organisation and nothing of its plan. */
export function notInOrganisation(bot: OrgBot): string {
  return `You are not in ${bot.label}: not one of its E&D leads or board viewers, and no action in its plan is yours.`;
}

/** The card a submission that cannot be acted on gets instead: why, in words, with whatever was typed kept. */
export function refusedCard(reason: string, data: unknown, publicUrl: string): CardElement {
  const typed = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  const note = typeof typed.text === 'string' ? typed.text.trim().slice(0, 2000) : '';
  const kept = note ? ` Your note was: “${note}”` : '';
  return messageCard({
    title: 'Nothing was done',
    message: `${reason} Nothing was saved or changed. Type "my actions" for fresh cards.${kept}`,
    tone: 'attention',
    planUrl: planUrl(publicUrl),
  });
}

/** `my actions` across organisations: each organisation's open actions under its name; a sentence when there are none. */
async function myActionsAcross(memberships: BotMembership[]): Promise<Reply[]> {
  const owning = await withOpenActions(memberships);
  if (!owning.length) return [noOpenActions(memberships)];
  return eachOrganisation(owning, (m) => myActions(m.bot.deps, m.actor));
}

/** `reassign` in the lead's organisation: the one they lead, or the one named with `in RXX` when they lead several. */
async function reassignAcross(memberships: BotMembership[], text: string): Promise<Reply[]> {
  const leads = memberships.filter((m) => m.role === 'lead');
  const named = IN_ORG.exec(text)?.[1]?.toUpperCase();
  const command = named ? text.replace(IN_ORG, '') : text;
  const first = memberships[0]!;
  const reply = (bot: OrgBot, card: CardElement): Reply[] => [{ card: stamped(bot, card), summary: 'Reassign WRES actions' }];
  const url = planUrl(first.bot.deps.settings.publicUrl);
  if (named) {
    const lead = leads.find((m) => m.bot.context.org.id === named);
    if (lead) return reply(lead.bot, await reassignCommand(lead.bot.deps, lead.actor, command));
    const message = `You are not an E&D lead of ${named}, so nothing there can be reassigned by you.${leads.length ? ` You lead ${leads.map((m) => m.bot.label).join(', ')}.` : ''}`;
    return [
      {
        card: messageCard({ title: 'Nothing was reassigned', message, tone: 'attention', planUrl: url }),
        summary: 'Nothing was reassigned',
      },
    ];
  }
  if (leads.length === 1) return reply(leads[0]!.bot, await reassignCommand(leads[0]!.bot.deps, leads[0]!.actor, command));
  if (!leads.length) return [{ card: await reassignCommand(first.bot.deps, first.actor, command), summary: 'Reassign WRES actions' }];
  const codes = leads.map((m) => `${m.bot.label} — add “in ${m.bot.context.org.id}”`).join('; ');
  const message = `You are an E&D lead of several organisations; say which one the action is in at the end of the command, e.g. “reassign 2.3 to name@nhs.net in ${leads[0]!.bot.context.org.id}”: ${codes}.`;
  return [{ card: messageCard({ title: 'Which organisation?', message, planUrl: url }), summary: 'Which organisation?' }];
}

async function withOpenActions(memberships: BotMembership[]): Promise<BotMembership[]> {
  const counts = await Promise.all(memberships.map((m) => openCountOf(m.bot, m.actor)));
  return memberships.filter((_, i) => counts[i]! > 0);
}

function noOpenActions(memberships: BotMembership[]): Reply {
  const names = memberships.map((m) => m.bot.label).join(', ');
  const lead = memberships.some((m) => m.role === 'lead')
    ? ' As an E&D lead you can type "overdue" or "digest" to see the whole plan.'
    : '';
  return { text: `You have no open actions in the WRES action plan of ${escapeMarkdown(names)}.${lead}` };
}

/** Each organisation's answer, stamped with it; headed with its name when there are several. */
async function eachOrganisation(list: BotMembership[], answer: (m: BotMembership) => Promise<Reply[]>): Promise<Reply[]> {
  const out: Reply[] = [];
  for (const m of list) {
    const replies = stampReplies(m.bot, await answer(m));
    out.push(...(list.length > 1 ? [heading(m.bot), ...replies] : replies));
  }
  return out;
}

function heading(bot: OrgBot): Reply {
  return { text: `**${escapeMarkdown(orgLabel(bot.context.org))}**` };
}

function stampReplies(bot: OrgBot, replies: Reply[]): Reply[] {
  return replies.map((r) => ('card' in r ? { ...r, card: stamped(bot, r.card) } : r));
}
