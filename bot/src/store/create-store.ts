import type { Config } from '../config.js';
import type { PlanStore } from './plan-store.js';
import { SqlitePlanStore } from './sqlite/sqlite-plan-store.js';

/** Chooses the store adapter from configuration. The caller runs `init()`. */
export async function createStore(config: Config): Promise<PlanStore> {
  switch (config.STORE) {
    case 'sqlite':
      return new SqlitePlanStore(config.DATABASE_PATH);
    case 'sharepoint':
      throw new Error('The SharePoint store is not built yet.');
  }
}
