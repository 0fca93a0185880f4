import 'dotenv/config';
import { createAuthenticator } from './api/auth.js';
import { createGroupRouter } from './api/group-api.js';
import { createTenancyApiRouter } from './api/tenancy-api.js';
import { assertAzureStorageReady, cycleLeaseFromConfig } from './azure/azure-storage.js';
import { loadConfig } from './config.js';
import { directoryFromConfig } from './directory-from-config.js';
import { systemClock } from './domain/clock.js';
import { isAppError } from './errors.js';
import { proactiveInstallerFromConfig } from './install-from-config.js';
import { listen } from './listen.js';
import { consoleLogger } from './logger.js';
import { assertSafeToStart, directoryProblem } from './production-checks.js';
import { scheduleCycles } from './reminders/scheduler.js';
import { loadSamplePlanIfEmpty } from './sample/sample-plan.js';
import { loadSampleOrganisationsIfEmpty } from './sample/sample-organisations.js';
import { createServer } from './server.js';
import { followRegistry } from './service/registry-follower.js';
import { implicitOrganisation, Tenancy, type OrgContext } from './service/tenancy.js';
import type { ProactiveInstaller } from './reminders/proactive-install.js';
import { createRegistry, storeForOrganisation, userDirectoryOf } from './store/create-store.js';
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
  const registry = createRegistry(config);
  const storeFor = storeForOrganisation(config, { clock, logger });
  if ((config.LOAD_SAMPLE_PLAN || config.LOAD_SAMPLE_ORGANISATIONS) && (await registry.listOrganisations()).length === 0) {
    const store = storeFor(implicitOrganisation(config));
    await store.init();
    const samples = config.LOAD_SAMPLE_ORGANISATIONS
      ? await loadSampleOrganisationsIfEmpty({ registry, storeFor, implicitStore: store, clock })
      : [];
    if (samples.length)
      logger.info('Registered the sample organisations, each with a sample plan', { organisations: samples.map((o) => o.id) });
    const loaded = samples.length || !config.LOAD_SAMPLE_PLAN ? 0 : await loadSamplePlanIfEmpty(store, clock);
    if (loaded) logger.info('Loaded the sample plan into the empty store', { actions: loaded });
    await store.close();
  }
  const directory = directoryFromConfig(config, { clock, logger });
  const tenancy = await Tenancy.open({
    config,
    registry,
    storeFor,
    clock,
    logger,
    users: userDirectoryOf,
    ...(directory ? { directory } : {}),
  });
  const directoryWarning = directoryProblem(config, tenancy.needsDirectory, !!directory);
  if (directoryWarning) logger.warn(directoryWarning);
  // The server's own deps (store, service) and the demo-leads notice are the first organisation's; every surface takes the tenancy.
  const { store, service, roles } = tenancy.contexts()[0]!;
  if (roles.demoLeads) logger.info('ED_LEADS is empty: the demo E&D leads (Alex Wilber, Lynne Robbins) lead, in development only');
  // Checked before listening: a PROACTIVE_INSTALL that cannot find the app stops start-up with the reason.
  // One proactive installer per organisation, made on first use (an organisation added on the admin page gets one too).
  const installers = new Map<OrgContext, ProactiveInstaller | undefined>();
  const installerOf = (c: OrgContext) => {
    if (!installers.has(c)) installers.set(c, proactiveInstallerFromConfig(c.config, { store: c.store, clock, logger }));
    return installers.get(c);
  };
  for (const c of tenancy.contexts()) installerOf(c);
  const teamsBot = createTeamsBot(config, { tenancy, clock, logger });
  // One sign-in check for the plan API and the roll-up.
  const authenticator = createAuthenticator(config, clock, logger);
  const app = createServer({
    config,
    store,
    service,
    clock,
    logger,
    botHandler: teamsBot.handler,
    groupRouter: createGroupRouter({ tenancy, authenticator, clock, timeZone: config.TIMEZONE }),
    // Every organisation's API, chosen per request; the bot's reassignments tell new owners in Teams.
    apiRouter: createTenancyApiRouter({
      tenancy,
      registry,
      config,
      clock,
      logger,
      authenticator,
      reassignmentsFor: (ctx) => teamsBot.reassignmentsFor(ctx),
    }),
  });
  const server = await listen(app, config.PORT, config.HOST).catch(async (e: unknown) => {
    await tenancy.close();
    throw e;
  });
  logger.info(`WRES Action Tracker is listening on ${config.PUBLIC_URL}`, {
    host: config.HOST ?? 'all interfaces',
    port: config.PORT,
    store: store.kind,
  });
  logger.info(`Open the tab at ${new URL('/tab/', config.PUBLIC_URL).href}`);
  // One cycle over every organisation, paced as one stream through the bot's one sender.
  const scheduler = config.SCHEDULER
    ? scheduleCycles({
        config,
        clock,
        logger,
        organisations: () => teamsBot.cycleOrganisations(installerOf),
        lease: cycleLeaseFromConfig(config, logger),
      })
    : null;
  // Organisations changed from the command line or on another instance are served without a restart.
  const follower = followRegistry(tenancy, { everySeconds: config.REGISTRY_REFRESH_SECONDS, logger });
  const stop = () => {
    follower.stop();
    server.close();
    void Promise.resolve(scheduler?.stop())
      .then(() => tenancy.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

start().catch((e: unknown) => {
  console.error(isAppError(e) ? e.message : e);
  process.exit(1);
});
