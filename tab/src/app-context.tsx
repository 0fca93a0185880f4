import { createContext, useContext } from 'react';
import type { ApiClient } from './api/client.js';
import type { MeResponse } from './api/types.js';
import type { Host } from './host/teams-host.js';
import type { PlanViewState } from './views/plan/plan-view-state.js';

/** What every view can reach: the API, the host, the signed-in person and the shared plan filters. */
export interface AppServices {
  api: ApiClient;
  host: Host;
  me: MeResponse;
  /** Says `message` to screen-reader users through the page's polite live region. */
  announce(message: string): void;
  /** The plan's grouping and filters, kept while the user visits an action and comes back. */
  planView: PlanViewState;
  setPlanView(next: PlanViewState): void;
}

const AppContext = createContext<AppServices | null>(null);

/** Provides the services to the views. */
export const AppServicesProvider = AppContext.Provider;

/** The app's services; throws when used outside the provider (a programming error). */
export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useApp() needs <AppServicesProvider>');
  return services;
}
