import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { compareByDue, compareNatural } from '../domain/action-view.js';
import type { Action } from '../domain/model.js';
import type { Actor } from '../domain/people.js';
import { isClosed } from '../domain/rules.js';
import { isAppError } from '../errors.js';
import type { BotDeps } from './bot-deps.js';
import { todayIn } from './card-views.js';
import { messageCard } from './cards/message-card.js';
import { planUrl, type CardElement } from './cards/parts.js';
import { reassignCard } from './cards/reassign-card.js';
import { reassignedCard } from './cards/reassigned-card.js';

/** One action to another person, or all of one person's open actions. */
type ReassignAsk = { kind: 'one'; year?: string; ref: string; to: string } | { kind: 'all'; from: string; to: string };

const EMAIL = '(\\S+@\\S+)';
const ONE = new RegExp(`^reassign\\s+(?:(\\d{4}/\\d{2})\\s+)?(\\S+)\\s+to\\s+${EMAIL}$`, 'i');
const ALL = new RegExp(`^reassign\\s+all(?:\\s+open)?(?:\\s+actions)?\\s+(?:from|of)\\s+${EMAIL}\\s+to\\s+${EMAIL}$`, 'i');
const HOW =
  'Type “reassign 2.3 to name@nhs.net” to give one action to someone else (add the plan year, “reassign 2027/28 2.3 to …”, when several years use the ref), or “reassign all from old@nhs.net to new@nhs.net” for all of one person’s open actions.';

/** True for a chat message that asks to reassign (the `reassign …` command). */
export function isReassignCommand(text: string): boolean {
  return /^\s*reassign\b/i.test(text);
}

/** Reads `reassign 2.3 to x@y`, `reassign 2027/28 2.3 to x@y` or `reassign all from a@b to x@y`; null when it is neither. */
function parseReassign(text: string): ReassignAsk | null {
  const clean = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!]+$/, '');
  const all = ALL.exec(clean);
  if (all) return { kind: 'all', from: all[1]!, to: all[2]! };
  const one = ONE.exec(clean);
  if (one) return { kind: 'one', ...(one[1] ? { year: one[1] } : {}), ref: one[2]!, to: one[3]! };
  return null;
}

/**
 * The `reassign` command (E&D leads; others are refused politely): finds the
 * actions and the new owner and answers with the confirmation card. Nothing
 * changes until the lead presses Reassign (`confirmReassign`).
 */
export async function reassignCommand(deps: BotDeps, actor: Actor, text: string): Promise<CardElement> {
  const url = planUrl(deps.settings.publicUrl);
  if (!actor.isLead)
    return messageCard({
      title: '“reassign” is for E&D leads',
      message: 'Only E&D leads can give actions to someone else. Ask your E&D lead if an action should change hands.',
      tone: 'attention',
      planUrl: url,
    });
  if (!deps.reassignments)
    return messageCard({ title: 'Reassigning is not available here', message: 'Reassign actions in the plan tab instead.', planUrl: url });
  const ask = parseReassign(text);
  if (!ask) return messageCard({ title: 'How to reassign', message: HOW, planUrl: url });
  try {
    const today = todayIn(deps.settings, deps.clock.now());
    if (ask.kind === 'all') {
      const preview = await deps.reassignments.preview(actor, ask.from, { email: ask.to });
      if (preview.actions.length === 0)
        return messageCard({
          title: 'Nothing to reassign',
          message: `${preview.from.label} has no open actions in the plan.`,
          planUrl: url,
        });
      return reassignCard({ actions: preview.actions, to: preview.to, from: preview.from.email, today, requestId: randomUUID() });
    }
    const found = findAction(await deps.store.listActions(), ask);
    if (typeof found === 'string') return messageCard({ title: 'Which action?', message: found, tone: 'attention', planUrl: url });
    const to = await deps.reassignments.newOwner(actor, { email: ask.to });
    return reassignCard({ actions: [found], to, today, requestId: randomUUID() });
  } catch (e) {
    if (!isAppError(e) || e.code === 'internal') throw e;
    return messageCard({ title: 'Nothing was reassigned', message: e.message, tone: 'attention', planUrl: url });
  }
}

/** The action a ref names: the open one (newest plan year first), else a sentence saying why not. */
function findAction(actions: Action[], ask: Extract<ReassignAsk, { kind: 'one' }>): Action | string {
  const same = actions.filter((a) => a.ref.toLowerCase() === ask.ref.toLowerCase() && (!ask.year || a.planYear === ask.year));
  const open = same.filter((a) => !isClosed(a)).sort((a, b) => compareNatural(b.planYear, a.planYear));
  if (open.length === 1) return open[0]!;
  const name = `${ask.year ? `${ask.year} ` : ''}${ask.ref}`;
  if (open.length > 1)
    return `Several plan years have an open action ${ask.ref} (${open.map((a) => a.planYear).join(', ')}): add the year, e.g. “reassign ${open[0]!.planYear} ${ask.ref} to ${ask.to}”.`;
  if (same.length > 0)
    return `Action ${name} is ${same[0]!.status === 'Complete' ? 'complete' : 'carried over'}, so there is nothing to hand over.`;
  return `The plan has no action ${name}. ${HOW}`;
}

const confirmation = z.object({
  requestId: z.string().min(8).max(200),
  to: z.object({ email: z.string().min(1).max(254), displayName: z.string().max(255).optional() }),
  from: z.string().max(254).optional(),
  actions: z
    .array(z.object({ id: z.string().min(1).max(200), expectedVersion: z.coerce.number().int().nonnegative() }))
    .min(1)
    .max(5000),
});

/** Reassign pressed: reassigns what the card listed (once, however often Teams sends it) and answers with what happened. */
export async function confirmReassign(deps: BotDeps, actor: Actor, data: unknown): Promise<CardElement> {
  const url = planUrl(deps.settings.publicUrl);
  const parsed = confirmation.safeParse(data);
  if (!parsed.success || !deps.reassignments)
    return messageCard({
      title: 'This card is out of date',
      message: 'Type the reassign command again. Nothing was changed.',
      tone: 'attention',
      planUrl: url,
    });
  const { from, ...req } = parsed.data;
  try {
    const outcome = await deps.reassignments.reassign(actor, { ...req, ...(from ? { from: { email: from } } : {}) }, 'teams');
    const moved: Action[] = [];
    const left: { ref: string; reason: string }[] = [];
    for (const i of outcome.items) {
      if (i.kind === 'recorded' || i.kind === 'duplicate') moved.push(i.action);
      else left.push({ ref: i.action?.ref ?? 'An action', reason: i.reason });
    }
    moved.sort(compareByDue);
    return reassignedCard({ to: outcome.to, moved, left, handover: outcome.handover, planUrl: url });
  } catch (e) {
    if (!isAppError(e) || e.code === 'internal') throw e;
    return messageCard({ title: 'Nothing was reassigned', message: e.message, tone: 'attention', planUrl: url });
  }
}
