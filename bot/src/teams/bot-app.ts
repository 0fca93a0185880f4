import type { RequestHandler } from 'express';
import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { buildDigest } from '../reminders/digest-builder.js';
import type { CycleOrganisation } from '../reminders/cycle.js';
import type { ProactiveInstaller } from '../reminders/proactive-install.js';
import { policySettings } from '../reminders/reminder-job.js';
import { HandoverSender } from '../reminders/handover.js';
import { PeopleFinder } from '../service/people-finder.js';
import { Reassignments } from '../service/reassignments.js';
import { rolesFromConfig, type RoleDirectory } from '../service/roles.js';
import { userDirectoryOf } from '../store/create-store.js';
import { createTeamsNotifier, type TeamsNotifier } from './proactive-sender.js';
import type { BotDeps } from './bot-deps.js';
import { authenticationFailure } from './request-auth.js';
import { turnErrorHandler } from './turn-errors.js';
import { WresBot, type WresBotDeps } from './wres-bot.js';
import { OrganisationBots, singleContextTenancy, type BotTenancy } from './org-bots.js';
import { implicitOrganisation, type OrgContext } from '../service/tenancy.js';

/** The bot's credentials, from configuration (never read from process.env by botbuilder). */
type BotCredentials = Pick<
  Config,
  'MicrosoftAppId' | 'MicrosoftAppPassword' | 'MicrosoftAppType' | 'MicrosoftAppTenantId' | 'isProduction'
>;

/** The bot endpoint and the pieces the reminders module sends proactively through. */
export interface BotApp {
  /** The bot's proactive sender (paced under Teams' limits): reminders, digests and handover cards. */
  notifier: TeamsNotifier;
  /** The first (with no organisation registered: the only) organisation's reassignments; see `reassignmentsFor`. */
  reassignments: Reassignments;
  /** One organisation's reassignments, handover cards sent through `notifier` as that organisation's (the tab's reassign route). */
  reassignmentsFor(context: OrgContext): Reassignments;
  /** The bot's organisations (each one's handler deps). */
  organisations: OrganisationBots;
  /** Every organisation as the reminder and digest cycles see it, each sending through `notifier` as itself. */
  cycleOrganisations(installFor?: (context: OrgContext) => ProactiveInstaller | undefined): CycleOrganisation[];
  /** Express handler for POST /api/messages. */
  handler: RequestHandler;
  adapter: CloudAdapter;
  bot: WresBot;
  /** The bot's app id ('' when authentication is off), needed by continueConversationAsync. */
  appId: string;
}

/**
 * Where the Bot Framework publishes the keys that sign Teams' requests, and
 * the issuer they carry. Default: the public cloud's. Other clouds (and the
 * tests' local key server) give their own.
 */
export interface BotTokenEndpoints {
  openIdMetadataUrl: string;
  tokenIssuer: string;
}

/** The CloudAdapter with its protected processActivity opened up, so the HTTP edge can translate authentication failures. */
class TeamsCloudAdapter extends CloudAdapter {
  /** Authenticates the request, runs the turn and returns the invoke response (if any); rejects when the token fails. */
  handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(authHeader, activity, logic);
  }
}

/** An activity as posted by Teams: an object with a type; botbuilder checks the rest. */
function activityOf(body: unknown): Activity {
  if (!body || typeof body !== 'object' || typeof (body as { type?: unknown }).type !== 'string') {
    throw new AppError('bad_input', 'The request body is not a Bot Framework activity.');
  }
  return body as Activity;
}

/**
 * Builds the CloudAdapter from the configured Microsoft App credentials and
 * the WRES bot on top of it. With no MicrosoftAppId the adapter checks no
 * tokens (local development only); in production that refuses to start.
 * The handler answers a request whose token fails any check with 401, and
 * 503 when the signing keys cannot be fetched, in our own words.
 */
function createBotApp(
  credentials: BotCredentials,
  wire: (channel: { adapter: CloudAdapter; appId: string }) => WresBotDeps,
  endpoints?: BotTokenEndpoints,
): Pick<BotApp, 'handler' | 'adapter' | 'bot' | 'appId'> {
  const adapter = new TeamsCloudAdapter(botAuthentication(credentials, endpoints));
  const appId = credentials.MicrosoftAppId ?? '';
  const deps = wire({ adapter, appId });
  const { logger } = deps;
  if (!credentials.MicrosoftAppId) logger.warn('Bot authentication is off (no MicrosoftAppId): for local development only');
  adapter.onTurnError = turnErrorHandler(logger);
  const bot = new WresBot(deps);
  const handler: RequestHandler = async (req, res, next) => {
    // Errors before the turn starts come from checking the caller's token; the turn's own go to onTurnError.
    let turnStarted = false;
    try {
      const activity = activityOf(req.body);
      const answer = await adapter.handle(req.get('authorization') ?? '', activity, (context) => {
        turnStarted = true;
        return bot.run(context);
      });
      res.status(answer?.status ?? 200);
      if (answer?.body !== undefined) res.json(answer.body);
      else res.end();
    } catch (e) {
      next(turnStarted ? e : authenticationFailure(e, logger));
    }
  };
  return { handler, adapter, bot, appId };
}

/** What the bot is built on: the tenancy, or (tests, the CLI) one organisation's store, service and roles. */
export type TeamsBotCore = Pick<BotDeps, 'clock' | 'logger'> &
  ({ tenancy: BotTenancy } | (Pick<BotDeps, 'store' | 'service'> & { roles?: RoleDirectory }));

/**
 * The composition root's one call: the bot app from configuration across
 * the tenancy's organisations, each with its own store, service, roles,
 * settings and digest, all sending through the one paced notifier. Given one
 * store, service and roles instead (tests, the CLI) it serves them as the
 * implicit organisation (rolesFromConfig when no roles are given).
 */
export function createTeamsBot(config: Config, core: TeamsBotCore, endpoints?: BotTokenEndpoints): BotApp {
  const { clock, logger } = core;
  const tenancy = 'tenancy' in core ? core.tenancy : singleContextTenancy(implicitContext(config, core));
  let notifier: TeamsNotifier | undefined;
  let bots: OrganisationBots | undefined;
  const app = createBotApp(
    config,
    (channel) => {
      notifier = createTeamsNotifier(config, channel, logger);
      const root = notifier;
      bots = new OrganisationBots(tenancy, (context, cardOrg) =>
        orgBotDeps(context, root.forOrganisation(cardOrg, context.config.TIMEZONE), core),
      );
      return { bots, clock, logger };
    },
    endpoints,
  );
  const reassignmentsFor = (context: OrgContext): Reassignments => {
    const found = bots!.forContext(context)?.deps.reassignments;
    if (!found) throw new AppError('not_found', `The bot does not serve the organisation ${context.org.id}.`);
    return found;
  };
  const cycleOrganisations = (installFor?: (context: OrgContext) => ProactiveInstaller | undefined): CycleOrganisation[] =>
    bots!.all().map(({ context, cardOrg, label }) => {
      const install = installFor?.(context);
      const { store, config: orgConfig, roles } = context;
      const sender = notifier!.forOrganisation(cardOrg, orgConfig.TIMEZONE);
      return { label: cardOrg ? label : null, store, config: orgConfig, roles, notifier: sender, ...(install ? { install } : {}) };
    });
  const first = bots!.all()[0]!;
  return {
    ...app,
    notifier: notifier!,
    reassignments: first.deps.reassignments!,
    reassignmentsFor,
    organisations: bots!,
    cycleOrganisations,
  };
}

/** One organisation given as store, service and roles: the implicit organisation of `config`. */
function implicitContext(config: Config, core: Pick<BotDeps, 'store' | 'service'> & { roles?: RoleDirectory }): OrgContext {
  const { store, service, roles = rolesFromConfig(config) } = core;
  return { org: implicitOrganisation(config), config, store, service, roles };
}

/** One organisation's handler deps: its settings, store, service, roles, digest and reassignments (handovers through `notifier`). */
function orgBotDeps(context: OrgContext, notifier: TeamsNotifier, core: Pick<BotDeps, 'clock' | 'logger'>): BotDeps {
  const { config, store, service, roles } = context;
  const { clock, logger } = core;
  const leaseMinutes = config.REMINDER_LEASE_MINUTES;
  const handover = new HandoverSender({ store, notifier, clock, logger, leaseMinutes, timeZone: config.TIMEZONE });
  const reassignments = new Reassignments({ store, clock, people: new PeopleFinder(store, userDirectoryOf(store)), handover });
  return {
    store,
    service,
    roles,
    clock,
    logger,
    reassignments,
    settings: {
      publicUrl: config.PUBLIC_URL,
      timeZone: config.TIMEZONE,
      reminderPolicy: policySettings(config),
      bankHolidays: config.BANK_HOLIDAYS,
      devCommands: !config.isProduction,
    },
    digest: () => buildDigest({ store, clock, config }),
  };
}

function botAuthentication(c: BotCredentials, endpoints?: BotTokenEndpoints): ConfigurationBotFrameworkAuthentication {
  if (!c.MicrosoftAppId) {
    if (c.isProduction)
      throw new AppError('config', 'MicrosoftAppId is required in production: without it the bot would accept unauthenticated requests.');
    // Without an app id botbuilder neither checks incoming tokens nor sends any.
    const open: ConfigurationBotFrameworkAuthenticationOptions = { MicrosoftAppType: 'MultiTenant' };
    return new ConfigurationBotFrameworkAuthentication(open, new ConfigurationServiceClientCredentialFactory(open));
  }
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: c.MicrosoftAppId,
    MicrosoftAppType: c.MicrosoftAppType,
    ...(c.MicrosoftAppPassword ? { MicrosoftAppPassword: c.MicrosoftAppPassword } : {}),
    ...(c.MicrosoftAppTenantId ? { MicrosoftAppTenantId: c.MicrosoftAppTenantId } : {}),
    ...(endpoints
      ? {
          ToBotFromChannelOpenIdMetadataUrl: endpoints.openIdMetadataUrl,
          ToBotFromChannelTokenIssuer: endpoints.tokenIssuer,
          ToBotFromEmulatorOpenIdMetadataUrl: endpoints.openIdMetadataUrl,
          ValidateAuthority: true,
        }
      : {}),
  };
  return new ConfigurationBotFrameworkAuthentication(options, new ConfigurationServiceClientCredentialFactory(options));
}
