import type { RequestHandler } from 'express';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { buildDigest } from '../reminders/digest-builder.js';
import { policyConfig } from '../reminders/reminder-job.js';
import { RoleDirectory } from '../service/roles.js';
import type { BotDeps } from './bot-deps.js';
import { turnErrorHandler } from './turn-errors.js';
import { WresBot } from './wres-bot.js';

/** The bot's credentials, from configuration (never read from process.env by botbuilder). */
export type BotCredentials = Pick<
  Config,
  'MicrosoftAppId' | 'MicrosoftAppPassword' | 'MicrosoftAppType' | 'MicrosoftAppTenantId' | 'isProduction'
>;

/** The bot endpoint and the pieces the reminders module sends proactively through. */
export interface BotApp {
  /** Express handler for POST /api/messages. */
  handler: RequestHandler;
  adapter: CloudAdapter;
  bot: WresBot;
  /** The bot's app id ('' when authentication is off), needed by continueConversationAsync. */
  appId: string;
}

/**
 * Builds the CloudAdapter from the configured Microsoft App credentials and
 * the WRES bot on top of it. With no MicrosoftAppId the adapter checks no
 * tokens (local development only); in production that refuses to start.
 */
export function createBotApp(credentials: BotCredentials, deps: BotDeps): BotApp {
  const adapter = new CloudAdapter(botAuthentication(credentials));
  const { logger } = deps;
  if (!credentials.MicrosoftAppId) logger.warn('Bot authentication is off (no MicrosoftAppId): for local development only');
  adapter.onTurnError = turnErrorHandler(logger);
  const bot = new WresBot(deps);
  const handler: RequestHandler = async (req, res, next) => {
    try {
      await adapter.process(req, res, (context) => bot.run(context));
    } catch (e) {
      next(e);
    }
  };
  return { handler, adapter, bot, appId: credentials.MicrosoftAppId ?? '' };
}

/**
 * The composition root's one call: the bot app from configuration, with
 * roles from ED_LEADS / VIEWERS and the reminders module's digest.
 */
export function createTeamsBot(config: Config, core: Pick<BotDeps, 'store' | 'service' | 'clock' | 'logger'>): BotApp {
  const roles = new RoleDirectory({ edLeads: config.ED_LEADS, viewers: config.VIEWERS });
  return createBotApp(config, {
    ...core,
    roles,
    settings: {
      publicUrl: config.PUBLIC_URL,
      timeZone: config.TIMEZONE,
      reminderPolicy: policyConfig(config),
      devCommands: !config.isProduction,
    },
    digest: () => buildDigest({ store: core.store, clock: core.clock, config }),
  });
}

function botAuthentication(c: BotCredentials): ConfigurationBotFrameworkAuthentication {
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
  };
  return new ConfigurationBotFrameworkAuthentication(options, new ConfigurationServiceClientCredentialFactory(options));
}
