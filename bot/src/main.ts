import 'dotenv/config';
import { createApiRouter } from './api/plan-api.js';
import { assertAzureStorageReady, cycleLeaseFromConfig } from './azure/azure-storage.js';
import { loadConfig } from './config.js';
import { systemClock } from './domain/clock.js';
import { isAppError } from './errors.js';
import { proactiveInstallerFromConfig } from './install-from-config.js';
import { listen } from './listen.js';
import { consoleLogger } from './logger.js';
import { assertSafeToStart } from './production-checks.js';
import { scheduleJobs } from './reminders/scheduler.js';
import { loadSamplePlanIfEmpty } from './sample/sample-plan.js';
import { createServer } from './server.js';
import { PlanService } from './service/plan-service.js';
import { linkRoleAccounts, rolesFromConfig } from './service/roles.js';
import { createStore, userDirectoryOf } from './store/create-store.js';
import { createTeamsBot } from './teams/bot-app.js';

/**
 * The entry point: checks configuration, wires the service (roles built
 * once, here, for the bot, the API and the jobs), listens on HOST:PORT, and
 * only then starts the scheduler. A busy port exits 1 with what to do.
 */
async function start(): Promise<void> {
  const logger = consoleLogger();
  const config = loadConfig(process.env);
  for (const warning of assertSafeToStart(config)) logger.warn(warning);
  await assertAzureStorageReady(config, logger);
  const clock = systemClock;
  const store = await createStore(config, { clock, logger });
  await store.init();
  if (config.LOAD_SAMPLE_PLAN) {
    const loaded = await loadSamplePlanIfEmpty(store, clock);
    if (loaded) logger.info('Loaded the sample plan into the empty store', { actions: loaded });
  }
  const roles = rolesFromConfig(config);
  await linkRoleAccounts(roles, store, userDirectoryOf(store));
  if (roles.demoLeads) logger.info('ED_LEADS is empty: the demo E&D leads (Alex Wilber, Lynne Robbins) lead, in development only');
  const service = new PlanService(store, clock);
  // Checked before listening: a PROACTIVE_INSTALL that cannot find the app stops start-up with the reason.
  const install = proactiveInstallerFromConfig(config, { store, clock, logger });
  const teamsBot = createTeamsBot(config, { store, service, clock, logger, roles });
  const app = createServer({
    config,
    store,
    service,
    clock,
    logger,
    botHandler: teamsBot.handler,
    apiRouter: createApiRouter({ config, store, service, clock, logger, roles, reassignments: teamsBot.reassignments }),
  });
  const server = await listen(app, config.PORT, config.HOST).catch(async (e: unknown) => {
    await store.close();
    throw e;
  });
  logger.info(`WRES Action Tracker is listening on ${config.PUBLIC_URL}`, {
    host: config.HOST ?? 'all interfaces',
    port: config.PORT,
    store: store.kind,
  });
  logger.info(`Open the tab at ${new URL('/tab/', config.PUBLIC_URL).href}`);
  const scheduler = config.SCHEDULER
    ? scheduleJobs({
        store,
        clock,
        config,
        logger,
        roles,
        notifier: teamsBot.notifier,
        lease: cycleLeaseFromConfig(config, logger),
        ...(install ? { install } : {}),
      })
    : null;
  const stop = () => {
    server.close();
    void Promise.resolve(scheduler?.stop())
      .then(() => store.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

start().catch((e: unknown) => {
  console.error(isAppError(e) ? e.message : e);
  process.exit(1);
});
