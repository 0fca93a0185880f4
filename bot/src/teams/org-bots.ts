import { orgLabel } from '../domain/organisation.js';
import type { Actor } from '../domain/people.js';
import { isSamePerson } from '../domain/people.js';
import { isClosed } from '../domain/rules.js';
import { roleIn, type OrgContext, type Tenancy } from '../service/tenancy.js';
import type { ConversationRef } from '../domain/model.js';
import type { BotDeps } from './bot-deps.js';
import { forOrganisation, orgIdOf, type CardOrganisation } from './cards/org-stamp.js';
import type { CardElement } from './cards/parts.js';
import { actorOf, type TeamsUser } from './identity.js';

/** The organisations the bot serves: the tenancy, or one context standing in for it (which asks no directory). */
export type BotTenancy = Pick<Tenancy, 'implicit' | 'contexts' | 'context'> &
  Partial<Pick<Tenancy, 'withDirectory' | 'undecidedWithoutDirectory'>>;

/** A tenancy of exactly one organisation, the implicit one (what a bot built from one store, service and roles serves). */
export function singleContextTenancy(context: OrgContext): BotTenancy {
  return { implicit: true, contexts: () => [context], context: (id) => (id === context.org.id ? context : null) };
}

/** The bot working for one organisation: its handlers' deps and how its cards are stamped. */
export interface OrgBot {
  context: OrgContext;
  deps: BotDeps;
  /** The organisation cards name and carry; null for the implicit organisation. */
  cardOrg: CardOrganisation;
  /** "North Trust (RXX)"; '' for the implicit organisation. */
  label: string;
}

/** A person's place in one organisation, as the bot sees it on this turn. */
export interface BotMembership {
  bot: OrgBot;
  actor: Actor;
  role: 'lead' | 'owner' | 'viewer';
}

/** Which organisation a card submission may be acted on in, or the reason it may not (in words). */
export type CardRoute = { kind: 'org'; bot: OrgBot } | { kind: 'refused'; message: string };

/**
 * The bot across organisations. Each organisation has its own `OrgBot` (its
 * store, service, roles and settings); anything the bot does is done in one
 * of them, chosen by the card's organisation id or by the person's
 * memberships, never across them.
 */
export class OrganisationBots {
  /** Each context's bot, built on first use: a context added or changed by `Tenancy.reload` (the admin page) gets its own at once. */
  private readonly built = new WeakMap<OrgContext, OrgBot>();

  constructor(
    private readonly tenancy: BotTenancy,
    private readonly build: (context: OrgContext, cardOrg: CardOrganisation) => BotDeps,
  ) {}

  private botOf(context: OrgContext): OrgBot {
    let bot = this.built.get(context);
    if (!bot) {
      const cardOrg = this.tenancy.implicit ? null : { id: context.org.id, name: context.org.name };
      bot = { context, deps: this.build(context, cardOrg), cardOrg, label: cardOrg ? orgLabel(cardOrg) : '' };
      this.built.set(context, bot);
    }
    return bot;
  }

  /** True when no organisation is registered: the bot behaves exactly as a single-organisation bot. */
  get implicit(): boolean {
    return this.tenancy.implicit;
  }

  /** Every organisation's bot, by organisation name. */
  all(): OrgBot[] {
    return this.tenancy.contexts().map((c) => this.botOf(c));
  }

  /** The sender with what the directory says of them, when some organisation needs it (`Tenancy.withDirectory`); once per activity. */
  async withDirectory(user: TeamsUser): Promise<TeamsUser> {
    return this.tenancy.withDirectory ? this.tenancy.withDirectory(user) : user;
  }

  /** True when the directory could not be asked about `user` and might have made them a member of `bot`'s organisation (of any, without one). */
  undecidedWithoutDirectory(user: TeamsUser, bot?: OrgBot): boolean {
    return this.tenancy.undecidedWithoutDirectory?.(user, bot ? bot.context.org.id : null) ?? false;
  }

  /** The bot of the organisation `context` is (for the API's reassign route and the scheduler). */
  forContext(context: OrgContext): OrgBot | null {
    const current = this.tenancy.context(context.org.id);
    return current ? this.botOf(current) : null;
  }

  /**
   * The organisation a card submission is acted on in. A card with no id
   * (sent before organisations) belongs to the implicit organisation, when
   * that is all there is; with registered organisations a missing, unknown or
   * forged id is refused, and nothing is done anywhere.
   */
  route(data: unknown): CardRoute {
    const id = orgIdOf(data);
    if (this.implicit) {
      const only = this.all()[0]!;
      if (id === null || id === only.context.org.id) return { kind: 'org', bot: only };
      return { kind: 'refused', message: 'This card is from an organisation this WRES installation does not serve.' };
    }
    if (id === null)
      return {
        kind: 'refused',
        message: 'This card was sent before your organisation was set up in WRES, so it does not say which organisation it is for.',
      };
    const context = this.tenancy.context(id);
    const bot = context ? this.botOf(context) : undefined;
    if (!bot) return { kind: 'refused', message: 'This card names an organisation this WRES installation does not serve.' };
    if (bot.context.unavailable)
      return { kind: 'refused', message: `${bot.label} cannot be reached just now. Please try again in a few minutes.` };
    return { kind: 'org', bot };
  }

  /**
   * The organisations `user` belongs to: lead where listed, owner where their
   * plan names them (an open or closed action), viewer where listed. In the
   * implicit organisation everyone is served, as always.
   */
  async membershipsOf(user: TeamsUser): Promise<BotMembership[]> {
    const found: BotMembership[] = [];
    // An organisation that cannot be served just now is left out: `unreachableFor` names it to its listed people.
    for (const bot of this.all().filter((b) => !b.context.unavailable)) {
      const membership = await this.membershipIn(bot, user);
      if (membership) found.push(membership);
    }
    return found;
  }

  /** The organisations that cannot be served just now which list `user` as a lead or viewer (their owners cannot be known). */
  async unreachableFor(user: TeamsUser): Promise<OrgBot[]> {
    const down = this.all().filter((b) => b.context.unavailable);
    const listed = await Promise.all(down.map(async (b) => (await roleIn(b.context, user)) !== null));
    return down.filter((_, i) => listed[i]);
  }

  /** True when some organisation cannot be served just now, so whether someone owns an action there is not known. */
  get someUnavailable(): boolean {
    return this.all().some((b) => b.context.unavailable);
  }

  /** `user`'s place in `bot`'s organisation (as membershipsOf decides it), or null when they have none there. */
  async membershipIn(bot: OrgBot, user: TeamsUser): Promise<BotMembership | null> {
    const actor = actorOf(user, bot.deps.roles);
    // The implicit organisation serves everyone, as a single-organisation bot always has.
    if (this.implicit) return { bot, actor, role: actor.isLead ? 'lead' : 'owner' };
    const role = await roleIn(bot.context, user);
    return role ? { bot, actor, role } : null;
  }

  /** How to reach a person proactively, from the first organisation that has it (the bot's sender lookup). */
  readonly conversations = {
    getConversation: async (aadObjectId: string): Promise<ConversationRef | null> => {
      // An organisation that cannot be served just now is passed over: another may know how to reach them.
      for (const bot of this.all().filter((b) => !b.context.unavailable)) {
        const found = await bot.deps.store.getConversation(aadObjectId);
        if (found) return found;
      }
      return null;
    },
  };
}

/** The card as `bot`'s organisation sends it (unchanged for the implicit organisation). */
export function stamped(bot: OrgBot, card: CardElement): CardElement {
  return forOrganisation(card, bot.cardOrg);
}

/** How many open actions `actor` owns in `bot`'s organisation. */
export async function openCountOf(bot: OrgBot, actor: Actor): Promise<number> {
  return (await bot.deps.store.listActions()).filter((a) => !isClosed(a) && isSamePerson(a.owner, actor)).length;
}
