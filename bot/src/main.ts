import 'dotenv/config';
import { loadConfig } from './config.js';
import { systemClock } from './domain/clock.js';
import { isAppError } from './errors.js';
import { consoleLogger } from './logger.js';
import { createApiRouter } from './api/plan-api.js';
import { loadSamplePlanIfEmpty } from './sample/sample-plan.js';
import { assertProductionReady } from './production-checks.js';
import { createServer } from './server.js';
import { PlanService } from './service/plan-service.js';
import { createStore } from './store/create-store.js';
import { createTeamsBot } from './teams/bot-app.js';
import { createTeamsNotifier } from './teams/proactive-sender.js';
import { scheduleJobs } from './reminders/scheduler.js';

/** The entry point: wires the service from configuration and listens on PORT. */
async function start(): Promise<void> {
  const logger = consoleLogger();
  const config = loadConfig(process.env);
  for (const warning of assertProductionReady(config)) logger.warn(warning);
  const clock = systemClock;
  const store = await createStore(config, { clock, logger });
  await store.init();
  if (config.LOAD_SAMPLE_PLAN) {
    const loaded = await loadSamplePlanIfEmpty(store, clock);
    if (loaded) logger.info('Loaded the sample plan into the empty store', { actions: loaded });
  }
  const service = new PlanService(store, clock);
  const teamsBot = createTeamsBot(config, { store, service, clock, logger });
  const app = createServer({
    config,
    store,
    service,
    clock,
    logger,
    botHandler: teamsBot.handler,
    apiRouter: createApiRouter({ config, store, service, clock, logger }),
  });
  const server = app.listen(config.PORT, () => {
    logger.info(`WRES Action Tracker is listening on ${config.PUBLIC_URL}`, { port: config.PORT, store: store.kind });
  });
  const scheduler = config.SCHEDULER
    ? scheduleJobs({ store, clock, config, logger, notifier: createTeamsNotifier(config, teamsBot, logger) })
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
