import type { Actor } from '../domain/people.js';
import { remindersDue } from '../domain/reminder-policy.js';
import { stageInWords } from '../domain/reminder-stages.js';
import { isOverdue } from '../domain/rules.js';
import { bankHolidayDates } from '../holidays/bank-holiday-calendar.js';
import type { BotDeps } from './bot-deps.js';
import { byDueDate, openActionsOf, reminderFor, todayIn } from './card-views.js';
import { actionListCard } from './cards/action-list-card.js';
import { digestCard } from './cards/digest-card.js';
import { truncate } from './cards/escape.js';
import { helpCard, type HelpCardModel } from './cards/help-card.js';
import { messageCard } from './cards/message-card.js';
import { planUrl, type CardElement } from './cards/parts.js';
import { isReassignCommand, reassignCommand } from './reassign-command.js';

/** One message the bot sends back: plain text or a card. */
export type Reply = { text: string } | { card: CardElement; summary: string };

/** The commands the bot understands in chat (the Teams manifest offers each). */
export type Command = 'my-actions' | 'overdue' | 'digest' | 'help';

/** Commands for trying the app out: understood outside production only, never in the manifest. */
export type DevCommand = 'remind-me';

/**
 * Up to this many open actions are sent as one reminder card each; more come
 * as one compact list. Teams allows 7 messages a second per conversation.
 */
const MAX_SEPARATE_CARDS = 5;

const WORDS: Record<string, Command | DevCommand> = {
  'my actions': 'my-actions',
  'my action': 'my-actions',
  actions: 'my-actions',
  'remind me': 'remind-me',
  overdue: 'overdue',
  digest: 'digest',
  help: 'help',
  '?': 'help',
};

/** Reads a chat message (mention already removed): case-insensitive, spaces and trailing punctuation ignored. */
export function parseCommand(text: string): Command | DevCommand | null {
  const key = text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!]+$/, '');
  return WORDS[key] ?? null;
}

/** What the bot answers `text` with. Unknown text gets the help card, never silence. */
export async function answerText(deps: BotDeps, actor: Actor, text: string): Promise<Reply[]> {
  if (isReassignCommand(text)) return [{ card: await reassignCommand(deps, actor, text), summary: 'Reassign WRES actions' }];
  const command = parseCommand(text);
  switch (command) {
    case 'my-actions':
      return myActions(deps, actor);
    case 'remind-me':
      return remindMe(deps, actor);
    case 'overdue':
      return actor.isLead ? overdue(deps) : [leadsOnly(deps, 'overdue')];
    case 'digest':
      return actor.isLead ? digest(deps) : [leadsOnly(deps, 'digest')];
    case 'help':
      return [{ card: helpCard(helpModel(deps, actor)), summary: 'What I can do' }];
    default: {
      const intro = text.trim() ? `Sorry, I did not understand “${truncate(text.trim(), 60)}”.` : undefined;
      return [{ card: helpCard({ ...helpModel(deps, actor), ...(intro ? { intro } : {}) }), summary: 'What I can do' }];
    }
  }
}

/** The actor's open actions: a reminder card each (soonest due first), or a compact list when there are many. */
export async function myActions(deps: BotDeps, actor: Actor): Promise<Reply[]> {
  const now = deps.clock.now();
  const mine = openActionsOf(await deps.store.listActions(), actor);
  if (!mine.length) {
    const hint = actor.isLead ? ' As an E&D lead you can type "overdue" or "digest" to see the whole plan.' : '';
    return [{ text: `You have no open actions in the WRES action plan.${hint}` }];
  }
  if (mine.length > MAX_SEPARATE_CARDS) {
    const card = actionListCard({
      title: `Your ${mine.length} open actions, soonest due first`,
      actions: mine,
      today: todayIn(deps.settings, now),
      publicUrl: deps.settings.publicUrl,
    });
    return [{ card, summary: `Your ${mine.length} open WRES actions` }];
  }
  const intro =
    mine.length === 1
      ? 'You have 1 open action in the WRES action plan:'
      : `You have ${mine.length} open actions in the WRES action plan, soonest due first:`;
  return [{ text: intro }, ...mine.map((a) => ({ card: reminderFor(deps.settings, now, a), summary: `WRES action ${a.ref}` }))];
}

/**
 * Development only (refused politely in production): the reminder cards the
 * daily run would send the actor today, built by the same card builder with
 * the stage each would carry, sent now into this chat. A preview: nothing
 * goes into the reminder ledger, so the real run still sends them.
 */
async function remindMe(deps: BotDeps, actor: Actor): Promise<Reply[]> {
  const { settings } = deps;
  if (!settings.devCommands) {
    const message =
      'Reminders arrive here on their own, on working mornings before each deadline. Type "my actions" to see and update your actions now.';
    return [
      {
        card: messageCard({ title: '“remind me” is only for trying the app out', message, planUrl: planUrl(settings.publicUrl) }),
        summary: 'Reminders arrive on their own',
      },
    ];
  }
  const now = deps.clock.now();
  const today = todayIn(settings, now);
  const mine = openActionsOf(await deps.store.listActions(), actor);
  if (!mine.length) return [{ text: 'You have no open actions in the WRES action plan, so no reminder is due.' }];
  const policy = { ...settings.reminderPolicy, bankHolidays: await bankHolidayDates(deps.store, settings.bankHolidays) };
  const due = mine.flatMap((action) => remindersDue(action, today, policy, []).map((r) => ({ action, stage: r.stage })));
  if (!due.length) return [{ text: 'None of your open actions has a reminder due today. Type "my actions" to see them all.' }];
  const shown = due.slice(0, MAX_SEPARATE_CARDS);
  const one = due.length === 1;
  const notYet = mine.length - due.length;
  const notes = [
    notYet > 0 ? `${plural(notYet, 'other open action')} ${notYet === 1 ? 'has' : 'have'} no reminder due yet.` : '',
    shown.length < due.length ? `The first ${shown.length} are below; type "my actions" for the rest.` : '',
  ];
  const intro = `Here ${one ? 'is the reminder' : `are the ${due.length} reminders`} the daily run would send you today, as ${one ? 'it arrives' : 'they arrive'} (a development preview: nothing is recorded, so the run still sends ${one ? 'it' : 'them'}).`;
  return [
    { text: [intro, ...notes].filter(Boolean).join(' ') },
    ...shown.map(({ action, stage }) => ({
      card: reminderFor(settings, now, action, { stage }),
      summary: `WRES action ${action.ref}: ${stageInWords(stage, today)}`,
    })),
  ];
}

function helpModel(deps: BotDeps, actor: Actor): HelpCardModel {
  return { publicUrl: deps.settings.publicUrl, isLead: actor.isLead, devCommands: deps.settings.devCommands };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

async function overdue(deps: BotDeps): Promise<Reply[]> {
  const now = deps.clock.now();
  const today = todayIn(deps.settings, now);
  const late = (await deps.store.listActions()).filter((a) => isOverdue(a, today)).sort(byDueDate);
  if (!late.length) return [{ text: 'Nothing in the plan is overdue.' }];
  const card = actionListCard({
    title: `${late.length} overdue ${late.length === 1 ? 'action' : 'actions'}, longest overdue first`,
    actions: late,
    today,
    publicUrl: deps.settings.publicUrl,
    showOwner: true,
  });
  return [{ card, summary: `${late.length} overdue WRES actions` }];
}

/** The lead's digest now, or a message saying it is not available. */
export async function digest(deps: BotDeps): Promise<Reply[]> {
  if (!deps.digest) {
    return [
      {
        card: messageCard({
          title: 'Digest not available',
          message: 'The digest is not switched on in this installation. Type "overdue" for the overdue actions.',
          planUrl: planUrl(deps.settings.publicUrl),
        }),
        summary: 'Digest not available',
      },
    ];
  }
  const d = await deps.digest();
  return [{ card: digestCard(d), summary: `WRES action plan: ${d.counts.overdue} overdue, ${d.counts.dueThisWeek} due this week` }];
}

function leadsOnly(deps: BotDeps, command: string): Reply {
  return {
    card: messageCard({
      title: `“${command}” is for E&D leads`,
      message:
        'Only the equality and diversity leads named in the configuration can see the whole plan’s overdue list and digest. Type "my actions" for your own actions, or open the plan.',
      tone: 'attention',
      planUrl: planUrl(deps.settings.publicUrl),
    }),
    summary: `“${command}” is for E&D leads`,
  };
}
