import { safeText } from './escape.js';
import { adaptiveCard, openPlanAction, planUrl, text, type CardElement } from './parts.js';

/** What the help card needs to know about the reader. */
export interface HelpCardModel {
  publicUrl: string;
  /** E&D leads also see the lead-only commands. */
  isLead: boolean;
  /** Development installations also offer `remind me`. */
  devCommands?: boolean;
  /** Shown first (escaped), e.g. when the user typed something the bot did not understand. */
  intro?: string;
}

/** The help card: what the bot does and the commands it understands. */
export function helpCard(model: HelpCardModel): CardElement {
  const commands: { title: string; value: string }[] = [
    { title: 'my actions', value: 'Your open actions, soonest due first, each ready for an update.' },
    { title: 'help', value: 'This list.' },
  ];
  if (model.devCommands) {
    commands.splice(1, 0, { title: 'remind me', value: 'The reminder cards the daily run would send you today, now (development only).' });
  }
  if (model.isLead) {
    commands.splice(
      1,
      0,
      { title: 'overdue', value: 'Every overdue action in the plan, by owner.' },
      { title: 'digest', value: 'This week’s digest for E&D leads.' },
      { title: 'reassign 2.3 to name@nhs.net', value: 'Give an action to someone else (you confirm first); they get a handover card.' },
      { title: 'reassign all from old@nhs.net to new@nhs.net', value: 'Give all of one person’s open actions to someone else.' },
    );
  }
  const body: CardElement[] = [];
  if (model.intro) body.push(text(safeText(model.intro, 200), { weight: 'Bolder' }));
  body.push(
    text('WRES action tracker', { weight: 'Bolder', size: 'Medium' }),
    text(
      'I remind action owners before each deadline in the WRES action plan. Answer a reminder card in place: write what has happened, set the RAG rating and press **Send update**.',
    ),
    text('Type one of these:', { spacing: 'Medium' }),
    { type: 'FactSet', facts: commands },
  );
  return adaptiveCard(body, [openPlanAction(planUrl(model.publicUrl))]);
}
