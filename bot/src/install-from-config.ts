import type { Config } from './config.js';
import { systemTimer, type Clock, type Timer } from './domain/clock.js';
import { AppError } from './errors.js';
import type { GraphApi } from './graph/graph-api.js';
import { graphFromConfig } from './graph/graph-from-config.js';
import { GraphTeamsAppInstaller } from './graph/teams-app-installer.js';
import type { Logger } from './logger.js';
import { ProactiveInstaller } from './reminders/proactive-install.js';
import type { PlanStore } from './store/plan-store.js';
import { chatConversations } from './teams/chat-conversation.js';

/**
 * The proactive installer PROACTIVE_INSTALL asks for (Graph for the
 * installs, the store for the ledger and the conversations, Teams for chat
 * references), or undefined when it is off. Refuses (`config`) when the app
 * cannot be found in the catalogue: neither TEAMS_APP_CATALOG_ID nor a
 * manifest id (TEAMS_APP_ID, else MicrosoftAppId) is set.
 */
export function proactiveInstallerFromConfig(
  config: Config,
  deps: { store: PlanStore; clock: Clock; logger: Logger; timer?: Timer; graph?: GraphApi },
): ProactiveInstaller | undefined {
  if (!config.PROACTIVE_INSTALL) return undefined;
  const manifestAppId = config.TEAMS_APP_ID ?? config.MicrosoftAppId;
  if (!config.TEAMS_APP_CATALOG_ID && !manifestAppId) {
    throw new AppError(
      'config',
      "PROACTIVE_INSTALL=true needs TEAMS_APP_CATALOG_ID (the app's id in your Teams app catalogue) or TEAMS_APP_ID (its manifest id) to find the app.",
    );
  }
  const tenantId = config.MicrosoftAppTenantId ?? config.GRAPH_TENANT_ID;
  return new ProactiveInstaller({
    installer: new GraphTeamsAppInstaller(
      deps.graph ?? graphFromConfig(config),
      {
        ...(config.TEAMS_APP_CATALOG_ID ? { catalogAppId: config.TEAMS_APP_CATALOG_ID } : {}),
        ...(manifestAppId ? { manifestAppId } : {}),
      },
      deps.logger,
    ),
    store: deps.store,
    clock: deps.clock,
    timer: deps.timer ?? systemTimer,
    logger: deps.logger,
    chatConversation: chatConversations({
      botAppId: config.MicrosoftAppId ?? '',
      fallbackServiceUrl: config.TEAMS_SERVICE_URL,
      ...(tenantId ? { tenantId } : {}),
    }),
    leaseMinutes: config.REMINDER_LEASE_MINUTES,
    waitMs: config.PROACTIVE_INSTALL_WAIT_SECONDS * 1000,
  });
}
